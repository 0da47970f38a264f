import { spawn } from 'node:child_process';
import type { ValidationIssue } from '../errors/validationError.js';
import { nodeFlagName, writtenFlagName } from './nodeFlagName.js';
import { NODE_OPTIONS_PLACE, nodeOptionsArgs } from './workerNodeOptions.js';

/**
 * What the running node says of `argv` as a worker's flags: a pool's worker is `node ...argv script`
 * (child_process.fork), so the flags are put to this node as `node ...argv --version`, which parses
 * every flag (Node's and V8's) and exits printing its version before it loads any module
 * (`--import`/`--require` run nothing). Why not `process.allowedNodeEnvironmentFlags`: it lists what
 * NODE_OPTIONS takes, and leaves out V8 options a worker takes on its command line
 * (`--stack-size=1000`, `--single-threaded-gc`). A flag node refuses (one of a newer node:
 * `--test-isolation` on node 20; a misspelt one; a bad value: `--unhandled-rejections=sometimes`) is
 * one issue naming it, its index and node's own words; it used to fail only as every worker started
 * (exit 9, "no error reported"). Empty when node takes them all, or when node could not be run to
 * ask (then no worker can start either, and the pool says why).
 *
 * `nodeOptions` is the `NODE_OPTIONS` the workers get (workerNodeOptions.ts), which node reads
 * first: it is put to node alone before `argv`, so a flag of it node refuses (set at run time, as
 * `process.env.NODE_OPTIONS = ...`; node refused it at this process's own start) is one issue at
 * `NODE_OPTIONS` naming it, not blamed on `workerExecArgv`. Before, every worker exited 9 and the
 * pool said "no error reported".
 */
export async function nodeRefusedFlagIssues(argv: readonly string[], nodeOptions?: string): Promise<ValidationIssue[]> {
  if (nodeOptions !== undefined && nodeOptions.trim() !== '') {
    const refused = await askedOnce([], nodeOptions);
    if (refused !== undefined) return [nodeOptionsIssue(nodeOptions, refused)];
  }
  if (argv.length === 0) return [];
  const said = await askedOnce(argv, nodeOptions);
  if (said === undefined) return [];
  const index = refusedIndex(argv, said);
  const flag = index === undefined ? undefined : writtenFlagName(argv[index]!);
  const message =
    index === undefined
      ? `workerExecArgv: this node (${process.version}) does not take these flags (node: ${said}), so no worker could start with them`
      : `workerExecArgv at index ${index}: this node (${process.version}) does not take ${flag} (node: ${said}), so no worker could start with it`;
  return [{ path: ['workerExecArgv'], code: 'invalid_type', message, expected: 'string[]' }];
}

/** The issue for a `NODE_OPTIONS` node refuses, naming the flag when node's words say which. */
function nodeOptionsIssue(nodeOptions: string, said: string): ValidationIssue {
  const args = nodeOptionsArgs(nodeOptions).map((a) => a.arg);
  const index = refusedIndex(args, said);
  const flag = index === undefined ? 'them' : writtenFlagName(args[index]!);
  const message = `${NODE_OPTIONS_PLACE}: this node (${process.version}) does not take ${flag} (node: ${said}), so no worker could start with it`;
  return { path: ['NODE_OPTIONS'], code: 'invalid_type', message, expected: 'string' };
}

// This node's answer does not change while the process runs: asked once per list of flags (and
// NODE_OPTIONS), so the pools a simulation starts per arm, or a service starting pools on the same
// flags, start no extra process each (about 50 ms apiece).
const answers = new Map<string, Promise<string | undefined>>();

function askedOnce(argv: readonly string[], nodeOptions: string | undefined): Promise<string | undefined> {
  const key = `${nodeOptions ?? ''}\0\0${argv.join('\0')}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = nodeRefusal(argv, nodeOptions);
    answers.set(key, answer);
  }
  return answer;
}

/** Node's first line of complaint about `argv` ("bad option: --x"), or undefined when it took them. */
function nodeRefusal(argv: readonly string[], nodeOptions: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    // The workers' own NODE_OPTIONS, as each worker is started with it, never this process's as it is.
    const { NODE_OPTIONS: _own, ...env } = process.env;
    // argv0 'node' so node's message starts "node: ", not with this machine's path of it.
    const child = spawn(process.execPath, [...argv, '--version'], {
      argv0: 'node',
      env: nodeOptions === undefined ? env : { ...env, NODE_OPTIONS: nodeOptions },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 30_000,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      if (code === 0 || code === null) return resolve(undefined);
      const line = stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${code}`;
      resolve(line.replace(/^node: /, '').trim());
    });
  });
}

/**
 * Which element node's complaint names: the element it quotes whole (`bad option: --x=1`), else the
 * first whose flag name it names (`invalid value for --unhandled-rejections`).
 */
function refusedIndex(argv: readonly string[], said: string): number | undefined {
  const quoted = argv.findIndex((arg) => said.endsWith(`: ${arg}`));
  if (quoted >= 0) return quoted;
  // Node names a flag as written ("--env_file requires an argument") or by its dashed name ("invalid value for --unhandled-rejections").
  const names = (arg: string) => [writtenFlagName(arg), nodeFlagName(arg)];
  const named = argv.findIndex((arg) => arg.startsWith('-') && names(arg).some((name) => new RegExp(`(^|\\s)${escapeRegExp(name)}(\\s|=|$)`).test(said)));
  return named >= 0 ? named : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
