import { UsageError } from '../../commandLine/commandIo.js';
import { refuseInputsNotFiles } from '../refuseInputsNotFiles.js';
import { deviceKindOf } from '../../files/deviceKind.js';

/** What an output may be besides a file: a device, written and never read back (deviceKindOf's words). */
const OUTPUT_DEVICES: ReadonlySet<string> = new Set(['a character device', 'a block device']);

/**
 * Refuses a pipe, socket, device or folder as `score`'s input, and a pipe, socket or folder as an
 * output, by name (in process, pooled and `--queue` alike). A run reads its input more than once (its fingerprint for `--resume`, the
 * records, then the fingerprint again to see it did not change), so `--in /dev/stdin` from a pipe read 0 records and ended "changed while it was being
 * read ... run again with --overwrite", which could not help; and it locks, resumes and completes
 * its outputs in place, so `--out /dev/stdout` to a pipe failed with a raw ENOENT on a lock under
 * /proc. A device such as /dev/null stays allowed as an output (nothing there to lose), not as the
 * input: `--in /dev/zero` fingerprinted NUL bytes without end.
 *
 * @throws UsageError naming the option and what the path is
 */
export async function refuseStreams(args: { readonly input: string; readonly out: string; readonly errors: string }): Promise<void> {
  await refuseInputsNotFiles(
    [['--in', args.input]],
    'score reads its input more than once (to fingerprint it for --resume and to check it did not change), so save the stream to a file first and score that',
  );
  for (const [option, path] of [
    ['--out', args.out],
    ['--errors', args.errors],
  ] as const) {
    const kind = await deviceKindOf(path);
    if (kind !== undefined && !OUTPUT_DEVICES.has(kind))
      throw new UsageError(
        `${option} ${path} is ${kind}, not a file: score locks, resumes and completes its output in place, so write to a file (and read it from there)`,
      );
  }
}
