/** Where a flag reads more flags from, what came of it when one was seen, and the way to get what it is for without it. */
export interface FlagsFromFile {
  readonly reads: string;
  readonly seen?: string;
  readonly instead: string;
}

// Each worker inherits the caller's environment (child_process.fork's default), so an env file the caller
// loads still reaches the workers' environment.
const ENV_FILE: FlagsFromFile = {
  reads: 'the NODE_OPTIONS the file sets',
  seen: 'NODE_OPTIONS="--inspect-brk=0" in it held the worker for a debugger, saying nothing',
  instead: 'load the file in the calling process instead (process.loadEnvFile(path)): each worker inherits its environment',
};

/**
 * Node's flags that read more flags for the worker from a file, each with what Node reads: those flags
 * are out of sight of `workerExecArgv`'s checks (and of `node FLAGS --version`, which the file may
 * answer differently by the time a worker starts), so any flag the checks refuse could come in through
 * them. Forked on node 20 with `--env-file=brk.env`, the file setting NODE_OPTIONS="--inspect-brk=0",
 * the worker sat at "Debugger listening", the pool waited saying nothing, and the worker outlived its
 * caller. Never a pool worker's: `workerExecArgv` refuses each by name, in every form. Why not read
 * the file's NODE_OPTIONS and check them: Node's own env-file parser (quotes, `export`, multi-line
 * values) would have to be matched exactly, and the file read now may not be the file read at a
 * worker's restart. `--experimental-config-file` is a newer node's ("nodeOptions" in a JSON file);
 * node 20 refuses it itself. Each in its dashed spelling (nodeFlagName.ts).
 */
export const NODE_FLAGS_READING_FLAGS: ReadonlyMap<string, FlagsFromFile> = new Map([
  ['--env-file', ENV_FILE],
  ['--env-file-if-exists', ENV_FILE],
  ['--experimental-config-file', { reads: 'the "nodeOptions" of the file', instead: 'give those flags in workerExecArgv itself' }],
]);
