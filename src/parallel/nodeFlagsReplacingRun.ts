/**
 * Node's flags that stop the worker's script or run it as something else than the worker, each with
 * what Node does in its place (forked with each on node 20): the first ones exit 0 without running
 * it, `--test` and `--watch` run it in a child of their own, away from the pool's IPC channel, and
 * `--build-snapshot` runs it to build a snapshot. Never a pool worker's: `workerExecArgv` refuses each
 * by name, `--flag=value` too (Node reads `--check=1` as `--check`). Not here, since the worker still
 * runs the scorer with them: `-i` (read only without a script), `--watch-preserve-output` and the
 * `--test-*` options (read only with `--watch` or `--test`), and `--inspect-brk`, which waits for a
 * debugger someone debugging a worker attaches.
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
]);
