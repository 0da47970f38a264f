import { nodeFlagName, writtenFlagName } from './nodeFlagName.js';

// Each fault below as forked on node 20 (a pool of one worker, the default model).
const ADDONS_NEEDED = 'the scorer runs on onnxruntime-node, a native addon';

/** Where a worker's flag was given, for saying so: `workerExecArgv at index 2`, or `NODE_OPTIONS (...)`. */
export type FlagPlace = (index: number) => string;

const inWorkerExecArgv: FlagPlace = (index) => `workerExecArgv at index ${index}`;

/**
 * Why the flag `arg` at `index` is refused whatever else is given ({@link NODE_FLAGS_DENYING_SCORER}),
 * before its value is looked for; undefined for any other flag. `place` says where it was given.
 */
export function flagDenyingScorer(index: number, arg: string, place: FlagPlace = inWorkerExecArgv): string | undefined {
  if (!NODE_FLAGS_DENYING_SCORER.has(nodeFlagName(arg))) return undefined;
  return `${place(index)}: ${writtenFlagName(arg)} makes Node check every module the worker loads against a manifest file no check here sees, and load another in its place where the manifest says so; a manifest not listing every module stops each worker before it can say why; leave it out`;
}

/**
 * The flags refused whatever else is given (`--experimental-policy`), each in its dashed spelling;
 * the others {@link scorerDenyingFlag} refuses depend on the flags beside them. `--experimental-policy`:
 * each module the worker loads is checked against (and may be redirected by) a manifest file no check
 * here sees; one not listing them all stopped each worker 4 times, "no error reported". Refused in
 * every form, as `--env-file` is for its file (nodeFlagsReadingFlags.ts).
 */
export const NODE_FLAGS_DENYING_SCORER: ReadonlySet<string> = new Set(['--experimental-policy']);

/**
 * Why `argv` leaves a pool's worker unable to run the scorer, naming the flag at fault and its index;
 * undefined when it does not. Each failed every worker, and not by the flag's name:
 * - `--no-addons` (unless a later `--addons` undoes it): "onnxruntime-node could not be loaded: Cannot
 *   load native addon because loading addons is disabled".
 * - `--experimental-permission` (`--permission` on a newer node) without `--allow-addons`: the same; and
 *   without any `--allow-fs-read` the worker may not read its own script: each stopped 4 times, "no
 *   error reported". With both the worker runs the scorer (whether the `--allow-fs-read` paths cover
 *   the worker's files is asked of node before the pool starts: workerFlagsDenyingScorer.ts).
 * Flags are looked up by the name Node reads (`--no_addons` is `--no-addons`, nodeFlagName.ts).
 */
export function scorerDenyingFlag(argv: readonly string[]): string | undefined {
  return scorerDenyingFlagAt(argv)?.message;
}

/**
 * {@link scorerDenyingFlag} for the flags a worker gets from more than one place, in the order Node
 * reads them (`NODE_OPTIONS` first, then the command line: the last of `--addons`/`--no-addons`
 * wins across both, checked on node 20), `place` naming where the one at `index` was given. Also
 * the index of the flag at fault, for the caller to say which option holds it.
 */
export function scorerDenyingFlagAt(
  argv: readonly string[],
  place: FlagPlace = inWorkerExecArgv,
): { readonly index: number; readonly message: string } | undefined {
  const names = argv.map((arg) => (arg.startsWith('-') ? nodeFlagName(arg) : ''));
  const at = (i: number) => `${place(i)}: ${writtenFlagName(argv[i]!)}`;
  // Node takes the last of `--addons` and `--no-addons`.
  const addons = names.findLastIndex((n) => n === '--no-addons' || n === '--addons');
  if (addons >= 0 && names[addons] === '--no-addons')
    return {
      index: addons,
      message: `${at(addons)} stops Node loading native addons, and ${ADDONS_NEEDED}, so no worker could load it; leave it out, or give --addons after it`,
    };
  const permission = names.findIndex((n) => n === '--experimental-permission' || n === '--permission');
  if (permission >= 0) {
    const missing = [
      names.includes('--allow-addons') ? undefined : `load no native addon without --allow-addons (${ADDONS_NEEDED})`,
      names.includes('--allow-fs-read')
        ? undefined
        : "read no file without --allow-fs-read (the worker's script and its modules; the model reaches it as bytes)",
    ].filter((m) => m !== undefined);
    if (missing.length > 0)
      return {
        index: permission,
        message: `${at(permission)} lets the worker ${missing.join(', and ')}, so no worker could run the scorer; give ${[
          names.includes('--allow-addons') ? undefined : '--allow-addons',
          names.includes('--allow-fs-read') ? undefined : '--allow-fs-read=<the paths it reads>',
        ]
          .filter((f) => f !== undefined)
          .join(' and ')} with it`,
      };
  }
  return undefined;
}
