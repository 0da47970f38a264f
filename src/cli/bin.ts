#!/usr/bin/env node
/**
 * The `creditlift` executable (`dist/cli.js`): runs the command line, whatever name it is started
 * by. Its own entry, apart from `main.ts`, so importing the command line never runs it, and a link
 * of any name runs it (`creditlift-0.1.0`, `cl`): it ran only when argv[1] ended in `cli.js` or
 * `creditlift`, and through another name did nothing and exited 0.
 * @packageDocumentation
 */
import { setFlagsFromString } from 'node:v8';
import { checkStdout, stdoutFailureMessage } from './checkedStdout.js';
import { cliHeapFlags } from './cliHeapFlags.js';
import { CliExitCode } from './cliExitCode.js';
import { processCliIo } from './cliIo.js';
import { main } from './main.js';

// First Ctrl-C: finish the chunk in flight, write it, print the summary. Second: stop now, still
// as an interrupted run (130: resumable, as the README's table says); what is on disk is whole
// lines and at most a cut last line, which --resume cuts, and the output locks go on exit.
const stop = new AbortController();
const onSignal = () => {
  if (stop.signal.aborted) {
    process.stderr.write('interrupted again: stopped at once; run the same command with --resume to continue\n');
    process.exit(CliExitCode.interrupted);
  }
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// The heap policy of this process and of the worker processes it starts (cliHeapFlags.ts).
const workerExecArgv = cliHeapFlags(process.execArgv, process.env.NODE_OPTIONS);
for (const flag of workerExecArgv) setFlagsFromString(flag);
const argv = process.argv.slice(2);
const stdout = checkStdout();
main(argv, {
  ...processCliIo,
  stdout: stdout.write,
  stderrIsTty: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns ?? 80,
  signal: stop.signal,
  workerExecArgv,
}).then(
  async (done) => {
    // Output that did not all reach stdout (a full disk, /dev/full, a closed pipe) is a failure,
    // said so, never a silent 0 over a cut file. A code that already says something went wrong stays.
    const failure = await stdout.settled();
    if (failure !== undefined) process.stderr.write(stdoutFailureMessage(argv[0], failure));
    const code = failure !== undefined && done === CliExitCode.ok ? CliExitCode.failed : done;
    process.exitCode = code;
    // The run is over and its code known: from now on a signal ends the process with that code.
    // The new listeners go on before the old come off and stay on to the end: while a signal has no
    // listener it has its default action, death by the signal (143 for SIGTERM, over a finished
    // run); a `once` listener came off as it fired, and the next SIGTERM killed the exiting process.
    const exitWithCode = () => process.exit(code);
    process.on('SIGINT', exitWithCode);
    process.on('SIGTERM', exitWithCode);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Exit now, not when the event loop runs dry: a library may keep it going after the command
    // is done (ioredis's reply parser shrinks its buffer on a 50 ms interval for 1-2 s after large
    // replies, so a finished `score --queue` lingered), and a natural exit drops the listeners
    // above before the process is gone.
    void stdioFlushed().then(() => process.exit(code));
  },
  (e: unknown) => {
    process.stderr.write(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = CliExitCode.failed;
  },
);

/**
 * Resolves once what was written to stdout and stderr has been handed to the operating system, so
 * `process.exit` loses none of it (Node writes files, terminals and, on Linux, pipes at once; other
 * pipes may still hold some).
 */
function stdioFlushed(): Promise<unknown> {
  return Promise.all(
    [process.stdout, process.stderr].map(
      (stream) => new Promise<void>((resolve) => (stream.writableLength === 0 || stream.destroyed ? resolve() : stream.write('', () => resolve()))),
    ),
  );
}
