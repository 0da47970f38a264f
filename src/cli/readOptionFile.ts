import { OptionFileError } from '../commandLine/commandIo.js';
import { readWholeInput, readWholeInputSync } from '../files/readWholeInput.js';
import { StreamTooLongError } from '../files/streamTooLongError.js';

/**
 * The bytes of the file an option (or argument) names, read once: a file whole, a stream (a pipe,
 * /dev/stdin, a device) up to 12 MiB. A longer stream is the option's file being unusable, a
 * configuration failure (exit 1) naming the option: `--policy /dev/zero` read NUL bytes without end.
 *
 * @throws OptionFileError `OPTION PATH: a character device that gave more than 12,582,912 bytes (12 MiB), ...`; the read's own error otherwise
 * @example
 * const text = decodeUtf8Strict(await readOptionFile('--policy', path), path);
 */
export async function readOptionFile(option: string, path: string): Promise<Buffer> {
  try {
    return await readWholeInput(path, `${option} ${path}`);
  } catch (e) {
    throw asOptionFileError(e, option, path);
  }
}

/** {@link readOptionFile} for the synchronous commands (`model import`, `train`, `featurize`). */
export function readOptionFileSync(option: string, path: string): Buffer {
  try {
    return readWholeInputSync(path, `${option} ${path}`);
  } catch (e) {
    throw asOptionFileError(e, option, path);
  }
}

function asOptionFileError(e: unknown, option: string, path: string): unknown {
  return e instanceof StreamTooLongError ? new OptionFileError(option, path, e.problem, { cause: e }) : e;
}
