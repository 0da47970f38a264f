import { readFile } from 'node:fs/promises';
import { decodeUtf8Strict } from './decodeUtf8Strict.js';

/**
 * Reads a text file that must be UTF-8, refusing any byte that is not. `readFile(path, 'utf8')`
 * replaces such bytes with U+FFFD: a GBK-encoded file of Chinese names then decodes every name to
 * the same run of replacement characters, and two different people's names compare equal (a
 * certificate's holder check passed that way).
 *
 * @throws CreditliftError `data_invalid` naming the file and the offset of the first invalid byte
 */
export async function readUtf8File(path: string): Promise<string> {
  return decodeUtf8Strict(await readFile(path), path);
}
