import { parseStrictJson } from '../json/parseStrictJson.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { readTextInput, type CliIo } from './cliIo.js';

/**
 * Reads and parses one JSON document from a file or `-` (stdin). Text that is not JSON is a
 * CreditliftError `data_invalid` naming the file; what JSON.parse would read silently altered (a
 * repeated key) is a ValidationError `data_invalid` (subject: the file) with every such issue at
 * its own path.
 */
export async function readJsonInput(path: string, io: CliIo): Promise<unknown> {
  const raw = await readTextInput(path, io);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const name = path === '-' ? 'standard input' : path;
  const read = parseStrictJson(text);
  if (read.ok) return read.value;
  const [first] = read.issues;
  if (read.issues.length === 1 && first?.code === 'invalid_json') throw new CreditliftError('data_invalid', `${name}: ${first.message}`);
  throw new ValidationError(name, read.issues, 'data_invalid');
}
