import { nodeFlagName, writtenFlagName } from './nodeFlagName.js';
import { NODE_FLAGS_REPLACING_RUN } from './nodeFlagsReplacingRun.js';
import { NODE_FLAGS_RUNNING_CODE, NODE_FLAGS_WITH_VALUE } from './nodeFlagsWithValue.js';

/** How a refusal names the workers' `NODE_OPTIONS` as the place a flag was given. */
export const NODE_OPTIONS_PLACE = 'NODE_OPTIONS (in the environment, which every worker inherits)';

/** A flag taken out of the workers' `NODE_OPTIONS`, with what Node would have done with it in a worker. */
export interface StrippedNodeOption {
  /** The flag as written in `NODE_OPTIONS` (`--inspect-brk=9230`), its value too when it took the next one. */
  readonly flag: string;
  /** What Node does with it in place of the worker's run. */
  readonly instead: string;
}

/** The `NODE_OPTIONS` a pool's worker processes get, and the flags taken out of the caller's. */
export interface WorkerNodeOptions {
  /** The value for the workers' environment: the caller's, less the stripped flags; undefined when nothing is left. */
  readonly value: string | undefined;
  readonly stripped: readonly StrippedNodeOption[];
}

/**
 * The `NODE_OPTIONS` a pool gives its workers, from the caller's. Workers are child processes
 * (child_process.fork), which read `NODE_OPTIONS` again as they start, so the caller's flags reach
 * every worker. Most are wanted there (`--import tsx`, `--max-old-space-size=...`, a tracer's
 * `--require`), and stay. A flag that holds or replaces the worker's run (`--inspect-brk`,
 * `--inspect-wait`, `--watch`, `--watch-path`: the ones `workerExecArgv` refuses that Node takes in
 * `NODE_OPTIONS`) is meant for the process it was set for: under `NODE_OPTIONS=--inspect-brk node
 * app.js` the user debugs app.js, and each worker sat at "Debugger listening" with the pool
 * waiting on it forever. Such a flag is taken out, with its value, and named in `stripped` for the
 * caller's warning; refusing it instead would leave no way to debug an app that uses a pool.
 *
 * The value is split as Node splits it (on spaces; `"..."` quotes one argument, `\` escapes within
 * them), and the kept arguments are written back exactly as they were given, quotes and all.
 *
 * @example
 * workerNodeOptions('--inspect-brk --max-old-space-size=512');
 * // { value: '--max-old-space-size=512', stripped: [{ flag: '--inspect-brk', instead: 'wait for a debugger ...' }] }
 */
export function workerNodeOptions(nodeOptions: string | undefined): WorkerNodeOptions {
  if (nodeOptions === undefined) return { value: undefined, stripped: [] };
  const args = nodeOptionsArgs(nodeOptions);
  const kept: string[] = [];
  const stripped: StrippedNodeOption[] = [];
  for (let i = 0; i < args.length; i++) {
    const { arg, raw } = args[i]!;
    const instead = insteadOfRun(arg);
    const takesNext = arg.startsWith('-') && !arg.includes('=') && takesValue(arg) && i + 1 < args.length;
    if (instead === undefined) {
      kept.push(raw);
      if (takesNext) kept.push(args[++i]!.raw);
      continue;
    }
    stripped.push({ flag: takesNext ? `${writtenFlagName(arg)} ${args[++i]!.arg}` : arg, instead });
  }
  if (stripped.length === 0) return { value: nodeOptions, stripped };
  return { value: kept.length === 0 ? undefined : kept.join(' '), stripped };
}

/** One argument of `NODE_OPTIONS`: as Node reads it, and as it was written (for writing it back). */
export interface NodeOptionsArg {
  readonly arg: string;
  readonly raw: string;
}

/**
 * `NODE_OPTIONS` split as node 20's ParseNodeOptionsEnvVar splits it: a space outside quotes ends an
 * argument, `"` opens or closes a quoted stretch (and is dropped), `\` inside one takes the next
 * character as it is. A stretch of only quotes (`""`) makes no argument, as in Node. A malformed
 * value (an unclosed quote) is left to Node, which refuses it in the caller's process first.
 */
export function nodeOptionsArgs(text: string): NodeOptionsArg[] {
  const args: NodeOptionsArg[] = [];
  let arg: string | undefined;
  let start = 0;
  let quoted = false;
  const end = (at: number) => {
    if (arg !== undefined) args.push({ arg, raw: text.slice(start, at) });
    arg = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text[i]!;
    if (c === ' ' && !quoted) {
      end(i);
      start = i + 1;
      continue;
    }
    if (c === '\\' && quoted && i + 1 < text.length) c = text[++i]!;
    else if (c === '"') {
      quoted = !quoted;
      continue;
    }
    arg = (arg ?? '') + c;
  }
  end(text.length);
  return args;
}

/** What Node does in place of a worker's run for `arg`, a flag the pool never gives a worker; else undefined. */
function insteadOfRun(arg: string): string | undefined {
  if (!arg.startsWith('-')) return undefined;
  const name = nodeFlagName(arg);
  const replacing = NODE_FLAGS_REPLACING_RUN.get(name);
  if (replacing !== undefined) return replacing;
  const short = arg.startsWith('--') ? undefined : arg.slice(0, 2);
  if (NODE_FLAGS_RUNNING_CODE.has(name) || (short !== undefined && NODE_FLAGS_RUNNING_CODE.has(short)))
    return "run code or a script in place of the worker's own (the scorer)";
  return undefined;
}

// `--watch-path` is in neither value table (workerExecArgv refuses it outright) but reads the next
// argument as its path: stripped, it takes that path along, or the path would be read as the script.
const takesValue = (arg: string): boolean => {
  const name = nodeFlagName(arg);
  return NODE_FLAGS_WITH_VALUE.has(name) || NODE_FLAGS_RUNNING_CODE.has(name) || name === '--watch-path';
};
