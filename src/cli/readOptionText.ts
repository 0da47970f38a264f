import { OptionFileError } from '../commandLine/commandIo.js';
import { decodeUtf8 } from '../text/decodeUtf8Strict.js';
import { readOptionFile, readOptionFileSync } from './readOptionFile.js';

/**
 * The text of the file an option names (`--policy`, `--catalog`, `--outcomes`, ...), read by
 * {@link readOptionFile} and decoded as strict UTF-8. Bytes that are not UTF-8 make the option's
 * file unusable, a configuration failure (exit 1) naming the option: as a `data_invalid` of the
 * applicant's, `decide --policy` of a GBK file exited 3, "the applicant was rejected".
 *
 * @throws OptionFileError `OPTION PATH: not UTF-8: invalid byte at offset N`, or as {@link readOptionFile}
 * @example
 * const json = await readOptionText('--policy', 'policy.json');
 */
export async function readOptionText(option: string, path: string): Promise<string> {
  return decodedOrRefused(await readOptionFile(option, path), option, path);
}

/** {@link readOptionText} for the synchronous commands (`model import`, `train`, `featurize`). */
export function readOptionTextSync(option: string, path: string): string {
  return decodedOrRefused(readOptionFileSync(option, path), option, path);
}

function decodedOrRefused(bytes: Uint8Array, option: string, path: string): string {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new OptionFileError(option, path, `not UTF-8: ${decoded.problem}`);
  return decoded.text;
}
