#!/usr/bin/env node
/**
 * The `creditlift` executable (`dist/cli.js`): runs the command line, whatever name it is started
 * by. Its own entry, apart from `main.ts`, so importing the command line never runs it, and a link
 * of any name runs it (`creditlift-0.1.0`, `cl`): it ran only when argv[1] ended in `cli.js` or
 * `creditlift`, and through another name did nothing and exited 0.
 *
 * This file imports nothing but types, and must stay so: its first statement takes SIGINT and
 * SIGTERM and every other module loads after, by `import()`. A static import is loaded before any
 * statement of the file runs, and a signal while the command line's modules loaded (its first
 * ~0.1-0.3 s) killed the process by Node's default, 143 with nothing written, where any later
 * signal is an interrupted run: exit 130, resumable. (test/deep/earlySignal.test.ts signals the
 * process on the first module this file imports.)
 * @packageDocumentation
 */

/** `CliExitCode.interrupted`, written out: the signal handler may run before any module is loaded. */
const INTERRUPTED_EXIT_CODE = 130;

// First Ctrl-C or SIGTERM: finish the chunk in flight, write it, print the summary (a signal before
// the command has started makes it stop before its first chunk: 130, nothing decided, resumable).
// Second: stop now, still as an interrupted run (130: resumable, as the README's table says); what
// is on disk is whole lines and at most a cut last line, which --resume cuts, and the output locks
// go on exit.
const stop = new AbortController();
// Set once `main` has returned: the run is over, and what is left is handing its last writes to the
// operating system. A signal then ends the process with the run's own code (the summary is out), not
// as an interrupted run: a second SIGTERM landing while both streams settled made a finished run 130.
let finishedWith: number | undefined;
const onSignal = () => {
  if (finishedWith !== undefined) {
    // Writes still held (a pipe whose reader is slow) would be lost by exiting: that run did not
    // reach its reader whole, so it ends as an interrupted one.
    process.exit(process.stdout.writableLength === 0 && process.stderr.writableLength === 0 ? finishedWith : INTERRUPTED_EXIT_CODE);
  }
  if (stop.signal.aborted) {
    process.stderr.write('interrupted again: stopped at once; run the same command with --resume to continue\n');
    process.exit(INTERRUPTED_EXIT_CODE);
  }
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
void runBin();

/** Runs the command line as the process: loads what it needs, runs `main`, exits with its code. */
async function runBin(): Promise<void> {
  try {
    const [
      { setFlagsFromString },
      { checkStdout, stderrEnding, stdoutEnding },
      { cliHeapPolicy },
      { capYoungGeneration },
      { cliLoaderFlags },
      { CliExitCode },
      { processCliIo },
      { main },
    ] = await Promise.all([
      import('node:v8'),
      import('./checkedStdout.js'),
      import('./cliHeapPolicy.js'),
      import('./youngGenerationCap.js'),
      import('./cliLoaderFlags.js'),
      import('./cliExitCode.js'),
      import('./cliIo.js'),
      import('./main.js'),
    ]);
    // The heap policy of this process and of the worker processes it starts (cliHeapPolicy.ts).
    const heap = cliHeapPolicy(process.execArgv, process.env.NODE_OPTIONS);
    for (const flag of heap.processFlags) setFlagsFromString(flag);
    if (heap.semiSpaceMiB !== undefined) capYoungGeneration(heap.semiSpaceMiB);
    // Workers load a --features module as this process does: under its own loader (cliLoaderFlags.ts).
    const workerExecArgv = [...cliLoaderFlags(process.execArgv), ...heap.workerFlags];
    const argv = process.argv.slice(2);
    const stdout = checkStdout();
    // Standard error too: a write to one its reader closed (2>&1 | true) raised an error event no one
    // heard, and that ended a successful run 1.
    const stderr = checkStdout(process.stderr);
    let done: number;
    try {
      done = await main(argv, {
        ...processCliIo,
        stdout: stdout.write,
        stderr: stderr.write,
        stdoutLost: stdout.lost,
        stderrLost: stderr.lost,
        stderrIsTty: process.stderr.isTTY === true,
        stderrColumns: process.stderr.columns ?? 80,
        signal: stop.signal,
        workerExecArgv,
      });
    } catch (e) {
      stderr.write(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = CliExitCode.failed;
      return;
    }
    finishedWith = done;
    // Output that did not all reach stdout (a full disk, /dev/full) is a failure, said so, never a
    // silent 0 over a cut file; a reader that closed the pipe (| head) ends it quietly, 141 (stdoutEnding).
    const ending = stdoutEnding(argv[0], done, await stdout.settled());
    if (ending.message !== undefined) stderr.write(ending.message);
    const code = stderrEnding(ending.code, await stderr.settled());
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
    await stdioFlushed();
    process.exit(code);
  } catch (e) {
    // Loading the command line itself failed (a broken install): said, exit 1.
    process.stderr.write(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}

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
