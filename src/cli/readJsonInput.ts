import { CreditliftError } from '../errors/creditliftError.js';
import { readTextInput, type CliIo } from './cliIo.js';

/** Reads and parses one JSON document from a file or `-` (stdin); bad JSON is `data_invalid`, naming the file. */
export async function readJsonInput(path: string, io: CliIo): Promise<unknown> {
  const text = await readTextInput(path, io);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (e) {
    throw new CreditliftError('data_invalid', `${path === '-' ? 'standard input' : path} is not valid JSON: ${(e as Error).message}`);
  }
}
