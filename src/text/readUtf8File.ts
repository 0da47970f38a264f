import { readWholeInput } from '../files/readWholeInput.js';
import { decodeUtf8Strict } from './decodeUtf8Strict.js';

/**
 * Reads a text file that must be UTF-8, refusing any byte that is not. `readFile(path, 'utf8')`
 * replaces such bytes with U+FFFD: a GBK-encoded file of Chinese names then decodes every name to
 * the same run of replacement characters, and two different people's names compare equal (a
 * certificate's holder check passed that way).
 *
 * A stream (a pipe, /dev/stdin, a device) is read once, up to the 12 MiB readWholeInput takes.
 *
 * @param subject what a refused stream is named by: the option and the path (`--policy /dev/zero`)
 * @throws CreditliftError `data_invalid` naming the file and the offset of the first invalid byte, or `subject` and the cap for a longer stream
 */
export async function readUtf8File(path: string, subject: string = path): Promise<string> {
  return decodeUtf8Strict(await readWholeInput(path, subject), path);
}
