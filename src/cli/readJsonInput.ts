import { parseStrictJson } from '../json/parseStrictJson.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { readTextInput, type CliIo } from './cliIo.js';
import { withoutByteOrderMark } from '../text/withoutByteOrderMark.js';

/**
 * One JSON document read from a file or `-` (stdin): its value, or, when JSON.parse would have read
 * it silently altered (a repeated key, a fraction a double rounds to an integer), the value as read
 * and the refusal naming every such issue at its own path (a ValidationError `data_invalid`,
 * subject: the file). `decide` and `suggest` read their FILE with `readDecisionFile`.
 */
export type JsonInput = { readonly value: unknown; readonly refusal?: ValidationError };

/**
 * Reads and parses one JSON document from a file or `-` (stdin). Text that is not JSON is a
 * CreditliftError `data_invalid` naming the file (thrown); a text JSON.parse would read altered is
 * returned with its `refusal`, never to be used as it stands.
 */
export async function readJsonInput(path: string, io: CliIo): Promise<JsonInput> {
  const raw = await readTextInput(path, io);
  const text = withoutByteOrderMark(raw);
  const name = path === '-' ? 'standard input' : path;
  const read = parseStrictJson(text);
  if (read.ok) return { value: read.value };
  const [first] = read.issues;
  if (read.parsed === undefined) throw new CreditliftError('data_invalid', `${name}: ${first?.message ?? 'not valid JSON'}`);
  return { value: read.parsed.value, refusal: new ValidationError(name, read.issues, 'data_invalid') };
}
