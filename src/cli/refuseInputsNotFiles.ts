import { UsageError } from '../commandLine/commandIo.js';
import type { NamedFile } from './refuseOverwritingInputs.js';
import { deviceKindOf } from '../files/deviceKind.js';

/**
 * Refuses, by name, an input that is not a regular file (a pipe, a socket, a character or block
 * device, a folder) for a command that reads it more than once: read again, a pipe gives nothing,
 * a terminal or /dev/urandom other bytes, and /dev/zero never ends (`score --in /dev/zero`
 * fingerprinted it at 100% CPU without end). `why` says what the command reads it for and what to
 * do instead; a path that names nothing is left to the read that will name it.
 *
 * @throws UsageError `OPTION PATH is a character device, not a file: WHY`
 * @example
 * await refuseInputsNotFiles([['--book', book]], 'simulate reads it more than once (...), so save the stream to a file first');
 */
export async function refuseInputsNotFiles(inputs: readonly NamedFile[], why: string): Promise<void> {
  for (const [option, path] of inputs) {
    if (path === undefined) continue;
    const kind = await deviceKindOf(path);
    if (kind !== undefined) throw new UsageError(`${option} ${path} is ${kind}, not a file: ${why}`);
  }
}
