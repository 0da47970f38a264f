import { nodeFlagName } from '../parallel/nodeFlagName.js';
import { NODE_FLAGS_WITH_VALUE } from '../parallel/nodeFlagsWithValue.js';

/**
 * Node's flags that decide how modules load, each with whether it takes a value: the ones a worker
 * needs to load a `--features` module as the command line's own process did (a TypeScript loader
 * through `--import`/`--require`/`--loader`, the resolve conditions, type stripping).
 */
const MODULE_LOADING_FLAGS: ReadonlyMap<string, 'value' | 'alone'> = new Map([
  ['--import', 'value'],
  ['--require', 'value'],
  ['-r', 'value'],
  ['--loader', 'value'],
  ['--experimental-loader', 'value'],
  ['--conditions', 'value'],
  ['-C', 'value'],
  ['--experimental-default-type', 'value'],
  ['--experimental-strip-types', 'alone'],
  ['--no-experimental-strip-types', 'alone'],
  ['--experimental-transform-types', 'alone'],
  ['--experimental-require-module', 'alone'],
  ['--no-experimental-require-module', 'alone'],
  ['--experimental-detect-module', 'alone'],
  ['--no-experimental-detect-module', 'alone'],
  ['--preserve-symlinks', 'alone'],
]);

/**
 * The module-loading flags of the command line's own process (`process.execArgv`), in their order
 * and form, for the worker processes it starts: `node --import tsx creditlift score --workers 2
 * --features features.ts` (or `tsx creditlift ...`, which starts node with `--require` and
 * `--import` of its own) loaded the TypeScript module itself and started its workers without the
 * loader, so each refused the module and the run decided nothing. Why execArgv only: NODE_OPTIONS
 * is in the environment, which the workers inherit already. Every other flag (a heap size, a
 * debugger port) stays the command line's own. A flag is kept in the form it was written
 * (`--experimental_loader=./hooks.mjs`), which Node reads as its dashed name.
 *
 * @example
 * cliLoaderFlags(['--max-old-space-size=512', '--import', 'tsx']); // ['--import', 'tsx']
 */
export function cliLoaderFlags(execArgv: readonly string[]): readonly string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    // By the name Node reads (nodeFlagName.ts): `--experimental_loader ./hooks.mjs` was left out, and the workers ran without the hooks.
    const name = nodeFlagName(arg);
    const loading = MODULE_LOADING_FLAGS.get(name);
    const valueFollows = !arg.includes('=') && (loading === 'value' || NODE_FLAGS_WITH_VALUE.has(name)) && i + 1 < execArgv.length;
    if (loading !== undefined) kept.push(...(valueFollows ? [arg, execArgv[i + 1]!] : [arg]));
    // The next element is this flag's value, whatever it looks like, never a flag of its own.
    if (valueFollows) i += 1;
  }
  return kept;
}
