// What Node does with each flag that holds the worker for a debugger.
const WAITS_FOR_DEBUGGER = 'wait for a debugger to attach before the worker script runs (the pool would wait for each worker, with nothing said)';

/**
 * Node's flags that stop the worker's script, hold it, or run it as something else than the worker, each with
 * what Node does in its place (forked with each on node 20): the first ones exit 0 without running
 * it, `--test` and `--watch` run it in a child of their own, away from the pool's IPC channel, and
 * `--build-snapshot` runs it to build a snapshot, and `--snapshot-blob` (without it) starts from a
 * snapshot another script built and runs that script's main function instead: the pool gave up after
 * 4 starts and about 21 s, "no error reported" (with a snapshot that set none, the worker script ran
 * on the other script's heap). Never a pool worker's: `workerExecArgv` refuses each
 * by name, `--flag=value` too (Node reads `--check=1` as `--check`). `--inspect-brk`, `--inspect-wait`
 * and `--inspect-brk-node` (node's hidden one, for its bootstrap) hold the worker's script until a
 * debugger attaches: a pool waits for every worker to be ready, so it hung, saying nothing (both
 * workers of `--inspect-brk=0` sat at "Debugger listening", and outlived the process that gave up on
 * them). Plain `--inspect` does not wait: a worker whose port is taken says so and runs the scorer.
 * Not here, since the worker still runs the scorer with them: `-i` (read only without a script),
 * `--watch-preserve-output` and the `--test-*` options (read only with `--watch` or `--test`).
 * Each in its dashed spelling: a flag is looked up by the name Node reads (`--prof_process` is
 * `--prof-process`, nodeFlagName.ts).
 */
export const NODE_FLAGS_REPLACING_RUN: ReadonlyMap<string, string> = new Map([
  ['--check', "check the worker script's syntax and exit"],
  ['-c', "check the worker script's syntax and exit"],
  ['--help', 'print its help and exit'],
  ['-h', 'print its help and exit'],
  ['--version', 'print its version and exit'],
  ['-v', 'print its version and exit'],
  ['--v8-options', "print V8's options and exit"],
  ['--completion-bash', 'print a bash completion script and exit'],
  ['--prof-process', 'process a V8 profiler log in place of the worker script'],
  ['--test', 'run the worker script as a test file, in a child without the pool channel'],
  ['--watch', 'run the worker script in a child it restarts on file changes, without the pool channel'],
  ['--watch-path', 'run the worker script in a child it restarts on file changes, without the pool channel'],
  ['--build-snapshot', 'run the worker script to build a snapshot of it, written into the working directory at exit'],
  [
    '--snapshot-blob',
    "start from the heap another script built into the snapshot, and run that script's main function (v8.startupSnapshot.setDeserializeMainFunction) in place of the worker script",
  ],
  ['--inspect-brk', WAITS_FOR_DEBUGGER],
  ['--inspect-wait', WAITS_FOR_DEBUGGER],
  ['--inspect-brk-node', WAITS_FOR_DEBUGGER],
]);
