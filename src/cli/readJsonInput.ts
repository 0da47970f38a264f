import { describeRepeat, duplicateKeyOfParsed } from '../json/firstDuplicateJsonKey.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { readTextInput, type CliIo } from './cliIo.js';

/** Reads and parses one JSON document from a file or `-` (stdin); bad JSON, or an object repeating a key, is `data_invalid`, naming the file. */
export async function readJsonInput(path: string, io: CliIo): Promise<unknown> {
  const raw = await readTextInput(path, io);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const name = path === '-' ? 'standard input' : path;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new CreditliftError('data_invalid', `${name} is not valid JSON: ${(e as Error).message}`);
  }
  const repeated = duplicateKeyOfParsed(text, value);
  if (repeated !== undefined) throw new CreditliftError('data_invalid', `${name}: ${describeRepeat(repeated)}; JSON would keep the last value without a word`);
  return value;
}
