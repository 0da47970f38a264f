import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { CliExitCode } from './cliExitCode.js';

/**
 * Standard output as the command line writes it, with its first failure kept. Two ways output was
 * lost with exit 0:
 * - A write to `/dev/full` or a closed pipe fails after `write` has returned: Node reports it on the
 *   stream a tick later, and with no listener the process had ended 0 before it arrived.
 * - A disk with some room left takes part of a write and returns short (8,192 bytes of a 10,038-byte
 *   decision on a nearly full tmpfs). Node's stdout to a file or device writes once and ignores the
 *   count, so the rest vanished without an error at all. Those are written here, looping until every
 *   byte is written or the system refuses (ENOSPC, EFBIG).
 */
export interface CheckedStdout {
  /** Writes `text` (nothing more once a write has failed: the output is lost from there on). */
  readonly write: (text: string) => void;
  /**
   * Resolves once what was written has been handed to the operating system: to the first write
   * failure, or undefined when every write went through.
   */
  settled(): Promise<Error | undefined>;
  /**
   * Aborted at the first write that failed, with that failure as its reason (EPIPE: the reader
   * closed the pipe). Nothing written from then on arrives, so a command whose only product is this
   * stream stops there, and one that writes a log here can say on its other stream that the log is gone.
   */
  readonly lost: AbortSignal;
}

type Stdout = NodeJS.WritableStream & { readonly destroyed: boolean; readonly writableLength: number; readonly fd?: number };

/**
 * Watches `stream` (default: `process.stdout`; the bin checks `process.stderr` alike) for write
 * failures; see {@link CheckedStdout}.
 */
export function checkStdout(stream: Stdout = process.stdout): CheckedStdout {
  let failure: Error | undefined;
  const lost = new AbortController();
  const fail = (e: Error | null | undefined) => {
    if (!e || failure !== undefined) return;
    failure = e;
    lost.abort(e);
  };
  const fd = writtenHere(stream);
  if (fd !== undefined)
    return {
      write(text) {
        if (failure !== undefined) return;
        try {
          writeAll(fd, Buffer.from(text, 'utf8'));
        } catch (e) {
          fail(e instanceof Error ? e : new Error(String(e)));
        }
      },
      settled: async () => failure,
      lost: lost.signal,
    };
  // A listener, so a failed write is kept here instead of ending the process mid-command.
  stream.on('error', fail);
  return {
    write(text) {
      if (failure === undefined && !stream.destroyed) stream.write(text, fail);
    },
    async settled() {
      if (!stream.destroyed && stream.writableLength > 0) await new Promise<void>((resolve) => stream.write('', () => resolve()));
      // Failures are reported a tick after the write that met them.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (failure === undefined && stream.destroyed) fail(new Error('the stream was closed'));
      return failure;
    },
    lost: lost.signal,
  };
}

/**
 * The descriptor of a stdout that is a file or a device other than a terminal (what Node writes
 * with a single synchronous write, ignoring a short count); undefined for a terminal, pipe or socket,
 * whose streams write every byte.
 */
function writtenHere(stream: Stdout): number | undefined {
  const fd = stream.fd;
  if (typeof fd !== 'number' || isatty(fd)) return undefined;
  try {
    const s = fstatSync(fd);
    return s.isFile() || s.isCharacterDevice() || s.isBlockDevice() ? fd : undefined;
  } catch {
    return undefined;
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length; ) {
    const wrote = writeSync(fd, bytes, at, bytes.length - at);
    if (wrote <= 0) throw new Error(`the system took none of the last ${bytes.length - at} bytes`);
    at += wrote;
  }
}

/** The line the command line prints when `command`'s output could not all be written to standard output. */
export function stdoutFailureMessage(command: string | undefined, failure: Error): string {
  const what = command === undefined ? 'the usage text' : `the output of "creditlift ${command}"`;
  return `error: ${what} could not be written to standard output (${failure.message}); what reached it is incomplete\n`;
}

/**
 * Commands whose standard output is a log of their work, not its product: `worker` (its results go
 * to Redis). A reader that closed it cut no hand-off, and the worker said so on stderr (workerLog.ts).
 */
const LOG_ON_STDOUT: ReadonlySet<string> = new Set(['worker']);

/**
 * How a command ends once its standard output has settled: `code` is what the command returned,
 * `failure` what {@link CheckedStdout.settled} found. A code that already says something went wrong
 * (1, 2, 3, 4, 130) is kept. Otherwise a reader that closed the pipe early (EPIPE: `| head -1`) ends
 * it quietly with {@link CliExitCode.readerClosed}, 141, as a shell reports a Unix tool that SIGPIPE
 * ended: that reader wanted no more, so it is no error to print, yet not 0, since the output did not
 * all arrive and `set -o pipefail` must see a cut hand-off (not for `worker`, whose standard output
 * is a log: it keeps its code). Any other failure (a full disk,
 * `/dev/full`) is a failure said on stderr, exit 1: the file is cut.
 *
 * @example
 * stdoutEnding('schema', 0, Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })); // { code: 141 }
 */
export function stdoutEnding(command: string | undefined, code: number, failure: Error | undefined): { readonly code: number; readonly message?: string } {
  if (failure === undefined) return { code };
  if ((failure as NodeJS.ErrnoException).code === 'EPIPE')
    return { code: code === CliExitCode.ok && !LOG_ON_STDOUT.has(command ?? '') ? CliExitCode.readerClosed : code };
  return { code: code === CliExitCode.ok ? CliExitCode.failed : code, message: stdoutFailureMessage(command, failure) };
}

/**
 * The exit code once standard error has settled: `code` as {@link stdoutEnding} left it, `failure`
 * what {@link CheckedStdout.settled} found on stderr. A reader that closed it (`2>&1 | true`)
 * leaves the run's own code: warnings are for that reader, and it chose to stop (the write's EPIPE
 * had ended a successful run 1, an uncaught stream error). Any other failure (`2>/dev/full`) turns 0
 * into 1, as on stdout: what should be in that file is not; there is nowhere left to say it.
 *
 * @example
 * stderrEnding(0, Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })); // 0
 */
export function stderrEnding(code: number, failure: Error | undefined): number {
  if (failure === undefined || (failure as NodeJS.ErrnoException).code === 'EPIPE') return code;
  return code === CliExitCode.ok ? CliExitCode.failed : code;
}
