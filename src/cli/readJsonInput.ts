import { parseStrictJson } from '../json/parseStrictJson.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { readTextInput, type CliIo } from './cliIo.js';

/** Reads and parses one JSON document from a file or `-` (stdin); bad JSON, or an object repeating a key, is `data_invalid`, naming the file. */
export async function readJsonInput(path: string, io: CliIo): Promise<unknown> {
  const raw = await readTextInput(path, io);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const name = path === '-' ? 'standard input' : path;
  const read = parseStrictJson(text);
  if (!read.ok) throw new CreditliftError('data_invalid', `${name}: ${read.issue.message}`);
  return read.value;
}
