// The command line run under a loader (`node --import tsx creditlift score --workers 2 --features
// features.ts`, or `tsx creditlift ...`) loaded the TypeScript module itself and started its workers
// without the loader: each worker refused the module ("Unknown file extension .ts ... give the pool
// workerExecArgv: ['--import', 'tsx']", a flag the command line has no option for) and the run
// exited 1 having decided nothing, where the same command without --workers decided every record.
// The flags in its own process.execArgv that decide how modules load (--import, --require,
// --loader, --conditions...) now go to its workers too, through the pool's check of worker flags.
// The end-to-end run of the built command line under a loader is in test/deep/cliUnderLoader.test.ts.
import { describe, expect, it } from 'vitest';
import { cliLoaderFlags } from '../../src/cli/cliLoaderFlags.js';
describe('cliLoaderFlags: the flags of the command line process that its workers need to load modules as it does', () => {
  it.each([
    [['--import', 'tsx']],
    [['--import=tsx']],
    // What the tsx command gives the node it starts.
    [['--require', '/p/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///p/node_modules/tsx/dist/loader.mjs']],
    [['-r', './setup.cjs', '--loader', 'ts-node/esm', '--experimental-loader=./hooks.mjs', '--conditions', 'development', '-C', 'worker']],
    [['--experimental-strip-types', '--experimental-default-type=module', '--preserve-symlinks']],
    // Node reads `_` as `-` in a flag's name: `node --experimental_loader ./hooks.mjs creditlift ...`
    // loaded through the hooks and started its workers without them.
    [['--experimental_loader', './hooks.mjs', '--experimental_default_type=module', '--preserve_symlinks', '--no_experimental_require_module']],
    [['--experimental-default_type', 'module', '--experimental_loader=./hooks.mjs']],
  ])('%j is passed on whole', (execArgv) => {
    expect(cliLoaderFlags(execArgv)).toEqual(execArgv);
  });

  it('leaves out every other flag, and the value of a flag that takes one is not read as a flag', () => {
    expect(cliLoaderFlags(['--max-old-space-size=100', '--inspect', '--title', 'x', '--enable-source-maps', '--import', 'tsx', '--trace-warnings'])).toEqual([
      '--import',
      'tsx',
    ]);
    expect(cliLoaderFlags(['--disable-warning', '--import', '--heap-prof'])).toEqual([]);
    expect(cliLoaderFlags([])).toEqual([]);
    // An underscore spelling of a value-taking flag still takes its value, which is not kept as a flag.
    expect(cliLoaderFlags(['--disable_warning', '--import', '--title_x', '-r', 'a'])).toEqual(['-r', 'a']);
    expect(cliLoaderFlags(['--env_file', '--import', '--import', 'tsx'])).toEqual(['--import', 'tsx']);
  });
});
