import type { CliIo } from './cliIo.js';
import { terminalText } from '../text/terminalText.js';

/**
 * The log of `creditlift worker`: its lines on standard output, escaped for the terminal (job names
 * and error messages come from the queue). A worker's work goes to Redis, not to its log, so a log
 * whose reader has gone (`| head`, a closed terminal, a log collector restarted) must not stop it,
 * yet its lines were dropped without a word: the loss is said once on the other stream, naming why
 * (standard error for a lost log; the log itself for a lost standard error). With both lost there
 * is nowhere left to say it.
 *
 * @example
 * runWorker({ ..., log: createWorkerLog(io) });
 */
export function createWorkerLog(io: Pick<CliIo, 'stdout' | 'stderr' | 'stdoutLost' | 'stderrLost'>): (line: string) => void {
  const why = (signal: AbortSignal) => (signal.reason instanceof Error ? signal.reason.message : String(signal.reason));
  io.stdoutLost?.addEventListener(
    'abort',
    function sayLogLost(this: AbortSignal) {
      io.stderr(
        `warning: the worker's log on standard output could not be written (${why(this)}): its lines from here on are lost; the worker keeps deciding chunks (their results go to Redis)\n`,
      );
    },
    { once: true },
  );
  io.stderrLost?.addEventListener(
    'abort',
    function sayStderrLost(this: AbortSignal) {
      if (io.stdoutLost?.aborted !== true)
        io.stdout(`warning: the worker's standard error could not be written (${why(this)}): its warnings and errors from here on are lost\n`);
    },
    { once: true },
  );
  return (line) => {
    if (io.stdoutLost?.aborted !== true) io.stdout(terminalText(line, { keepLineBreaks: true }));
  };
}
