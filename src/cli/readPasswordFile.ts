import { OptionFileError } from '../commandLine/commandIo.js';
import { decodeUtf8 } from '../text/decodeUtf8Strict.js';
import { readOptionFile } from './readOptionFile.js';

/**
 * A password file's text (`--queue-password-file`), less a leading UTF-8 BOM and one trailing newline,
 * as {@link readKeyFile} reads a key: `echo PW > FILE` and `printf PW > FILE` give the same password.
 * Anything else that would be a guess is refused: an empty password, one holding another line break
 * (a second line would silently be part of it, or silently dropped), bytes that are not UTF-8. No
 * message quotes the file's content.
 *
 * @throws OptionFileError naming `option`, the file and the problem
 * @example
 * const password = await readPasswordFile('/run/secrets/redis', '--queue-password-file');
 */
export async function readPasswordFile(path: string, option: string): Promise<string> {
  const bytes = await readOptionFile(option, path);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new OptionFileError(option, path, `the password is not UTF-8 text (${decoded.problem})`);
  const password = decoded.text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  if (password === '') throw new OptionFileError(option, path, 'the file holds no password (it is empty, or only a line break)');
  if (/[\r\n]/.test(password))
    throw new OptionFileError(option, path, 'the password spans more than one line: write it on one line (one trailing newline is dropped)');
  return password;
}
