import type { ValidationIssue } from '../errors/validationError.js';
import { nodeFlagName } from './nodeFlagName.js';
import { flagDenyingScorer, scorerDenyingFlagAt, type FlagPlace } from './nodeFlagsDenyingScorer.js';
import { nodeUnreadablePaths } from './nodeUnreadablePaths.js';
import { NODE_OPTIONS_PLACE, nodeOptionsArgs } from './workerNodeOptions.js';
import { workerReadFiles, type WorkerStart } from './workerReadFiles.js';
import { warnOnce } from '../common/warnOnce.js';

/**
 * The flags that stop the scorer in every worker (nodeFlagsDenyingScorer.ts) looked for across
 * both places a worker's flags come from: the workers' `NODE_OPTIONS` (workerNodeOptions.ts), which
 * Node reads first, and `workerExecArgv` after it (`workerExecArgvIssues` has refused a fault in
 * `workerExecArgv` alone already). Each issue is at the option holding the flag at fault, naming it
 * and where it was given. Set in `NODE_OPTIONS`, `--no-addons` failed every worker with
 * "onnxruntime-node could not be loaded", and `--experimental-permission` without `--allow-addons` or
 * `--allow-fs-read`, or `--experimental-policy`, stopped each 4 times, "no error reported".
 *
 * Under the permission model, the `--allow-fs-read` paths from both places are then put to node
 * (nodeUnreadablePaths.ts) against the files every worker reads as it starts (workerReadFiles.ts):
 * the first not covered is named. Left out, the worker stopped on it 4 times, "no error reported"
 * (node's ERR_ACCESS_DENIED only on stderr). Only files certainly read are checked, so paths
 * passing here may still leave out one the worker needs (a dependency such as zod), which fails as before.
 * When node cannot be asked, a warning (code `CREDITLIFT_POOL_FS_READ_UNCHECKED`) says the pool starts unchecked.
 */
export async function workerFlagsDenyingScorerIssues(
  nodeOptions: string | undefined,
  workerExecArgv: readonly string[],
  worker: WorkerStart,
): Promise<ValidationIssue[]> {
  const fromOptions = nodeOptions === undefined ? [] : nodeOptionsArgs(nodeOptions).map((a) => a.arg);
  const argv = [...fromOptions, ...workerExecArgv];
  const inOptions = (i: number) => i < fromOptions.length;
  const place: FlagPlace = (i) => (inOptions(i) ? NODE_OPTIONS_PLACE : `workerExecArgv at index ${i - fromOptions.length}`);
  const issue = (i: number, message: string): ValidationIssue =>
    inOptions(i)
      ? { path: ['NODE_OPTIONS'], code: 'invalid_type', message, expected: 'string' }
      : { path: ['workerExecArgv'], code: 'invalid_type', message, expected: 'string[]' };
  for (let i = 0; i < fromOptions.length; i++) {
    const denying = flagDenyingScorer(i, fromOptions[i]!, place);
    if (denying !== undefined) return [issue(i, denying)];
  }
  const denying = scorerDenyingFlagAt(argv, place);
  if (denying !== undefined) return [issue(denying.index, denying.message)];
  const reads = fsReadFlags(argv);
  const permission = argv.find((arg) => ['--experimental-permission', '--permission'].includes(nodeFlagName(arg)));
  if (permission === undefined || reads.length === 0) return [];
  const files = workerReadFiles(worker);
  const unread = await nodeUnreadablePaths(
    [permission, ...reads.map((r) => `--allow-fs-read=${r.value}`)],
    files.map((f) => f.path),
  );
  const inEnv = reads.filter((r) => inOptions(r.index)).map((r) => JSON.stringify(r.value));
  const given = [
    ...(inEnv.length === 0 ? [] : [`${NODE_OPTIONS_PLACE}: ${inEnv.join(', ')}`]),
    ...reads.filter((r) => !inOptions(r.index)).map((r) => `${place(r.index)}: ${JSON.stringify(r.value)}`),
  ].join('; ');
  if (unread === undefined) {
    warnUnchecked(given);
    return [];
  }
  const first = files.find((f) => unread.includes(f.path));
  if (first === undefined) return [];
  const last = reads[reads.length - 1]!.index;
  return [
    issue(
      last,
      `the --allow-fs-read paths (${given}) do not cover ${first.what}, ${first.path}, which every worker reads as it starts, so no worker could start (node: ERR_ACCESS_DENIED); give --allow-fs-read for it or a folder holding it${reads.some((r) => r.value.includes(',')) ? ' (this node reads each --allow-fs-read as one path, a comma and all: give the flag once a path)' : ''}`,
    ),
  ];
}

/**
 * When node could not be asked (it did not start or answer), the pool starts as it did before this
 * check, and a worker missing a file stops late: said, not assumed covered.
 */
function warnUnchecked(given: string): void {
  // Once per set of paths in a process (warnOnce).
  warnOnce(
    'CREDITLIFT_POOL_FS_READ_UNCHECKED',
    given,
    () =>
      `creditlift scorer pool: node could not be asked whether the --allow-fs-read paths (${given}) cover the files every worker reads as it starts; the pool starts unchecked, and a worker that cannot read one stops with ERR_ACCESS_DENIED`,
  );
}

/** Each `--allow-fs-read` path in `argv` with its index: after `=`, or the next element. */
function fsReadFlags(argv: readonly string[]): { readonly index: number; readonly value: string }[] {
  const reads: { index: number; value: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (nodeFlagName(arg) !== '--allow-fs-read') continue;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
    if (value !== undefined) reads.push({ index: i, value });
    if (!arg.includes('=')) i += 1;
  }
  return reads;
}
