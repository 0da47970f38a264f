import { performance } from 'node:perf_hooks';
import { OptionFileError, processIo, type CommandIo } from '../commandLine/commandIo.js';
import { collectStream } from '../files/readWholeInput.js';
import { decodeUtf8Strict } from '../text/decodeUtf8Strict.js';
import { StreamTooLongError } from '../files/streamTooLongError.js';
import { readOptionFile } from './readOptionFile.js';

/**
 * Everything a command touches outside itself: output streams, standard input, whether stderr is
 * a terminal, a clock for throughput, and a signal to stop. Tests pass their own; the bin passes
 * {@link processCliIo}. Every field beyond `stdout`/`stderr` is optional so a plain
 * {@link CommandIo} still works.
 */
export interface CliIo extends CommandIo {
  /**
   * Reads all of standard input as text (for `-` as a file name); bytes that are not UTF-8 are
   * refused, never replaced, and more than 12 MiB are refused naming `subject` (the argument, as
   * `FILE -`) and the cap: a stream may never end.
   */
  readonly readStdin?: (subject?: string) => Promise<string>;
  /** Standard input's bytes as they come, for a command that streams `-` (verify); without it such a command reads {@link readStdin}. */
  readonly stdinBytes?: () => AsyncIterable<Buffer>;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  readonly stderrIsTty?: boolean;
  /** Terminal width in columns, for the progress bar. */
  readonly stderrColumns?: number;
  /** Milliseconds from an arbitrary origin; used only for progress and throughput, never for decisions. */
  readonly now?: () => number;
  /** Aborted to stop long work cleanly after the chunk in flight (the bin wires it to SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /**
   * Aborted once a write to {@link CommandIo.stdout} has failed (its reason the failure; EPIPE: the
   * reader closed the pipe, `| head -1`): nothing written there arrives any more. Only that stream
   * is lost: a command whose product is elsewhere (score's, report's files) still finishes it.
   */
  readonly stdoutLost?: AbortSignal;
  /** The same for {@link CommandIo.stderr} (`2>&1 | true`). */
  readonly stderrLost?: AbortSignal;
  /**
   * Node flags for the worker processes a command starts (`--workers N`), so they keep the heap
   * policy of the command line's own process (see cliHeapPolicy) and load modules as it does, under
   * its loader (see cliLoaderFlags). Default: none.
   */
  readonly workerExecArgv?: readonly string[];
  /**
   * The process's environment, read only where a command documents a variable
   * (`CREDITLIFT_QUEUE_PASSWORD`). Default: none set, so a test never reads the machine's.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The process's streams, stdin, TTY state and monotonic clock. */
export const processCliIo: CliIo = {
  ...processIo,
  readStdin: async (subject = 'standard input') => decodeUtf8Strict(await collectStream(process.stdin, subject), 'standard input'),
  stdinBytes: () => process.stdin,
  get stderrIsTty() {
    return process.stderr.isTTY === true;
  },
  get stderrColumns() {
    return process.stderr.columns;
  },
  now: () => performance.now(),
  env: process.env,
};

/**
 * Reads a UTF-8 text file, or standard input when `path` is `-`: a file whole, a stream (`-`, a
 * pipe, a device) once and up to 12 MiB.
 * @param argument what the command line calls it (`FILE`), named with the path when a stream is refused
 * @throws CreditliftError `data_invalid` for bytes that are not UTF-8 (never replaced); OptionFileError naming `argument` for a stream past 12 MiB
 */
export async function readTextInput(path: string, io: CliIo, argument = 'FILE'): Promise<string> {
  if (path !== '-') return decodeUtf8Strict(await readOptionFile(argument, path), path);
  if (io.readStdin === undefined) throw new Error('standard input is not available here');
  try {
    return await io.readStdin(`${argument} - (standard input)`);
  } catch (e) {
    throw e instanceof StreamTooLongError ? new OptionFileError(argument, '-', e.problem, { cause: e }) : e;
  }
}
