// A flag this node does not take passed workerExecArgv's check and failed only at worker start:
// `createScorerPool({ workers: 2, workerExecArgv: ['--test-isolation=none'] })` (a node 22 flag) on
// node 20 printed "node: bad option: --test-isolation=none" 8 times and rejected after ~140 ms with a
// CreditliftError "No scorer worker could start: one stopped 4 times in a row while starting (exit
// code 9): no error reported", naming no flag. The flags are now put to the running node first (it
// parses them and prints its version, running nothing), and one it refuses is a ValidationError at
// workerExecArgv naming the flag, its index and node's own words.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { nodeRefusedFlagIssues } from '../../src/parallel/nodeRefusedFlagIssues.js';

describe('nodeRefusedFlagIssues: the flags put to the running node', () => {
  it.each([
    [['--no-such-node-flag'], 0, '--no-such-node-flag', 'bad option: --no-such-node-flag'],
    [['--max-semi-space-size=16', '--no-such-node-flag=1'], 1, '--no-such-node-flag', 'bad option: --no-such-node-flag=1'],
    [['--import', 'tsx', '--unhandled-rejections=sometimes'], 2, '--unhandled-rejections', 'invalid value for --unhandled-rejections'],
    // Node names the flag by its dashed name; it is found, and named, as written.
    [['--import', 'tsx', '--unhandled_rejections=sometimes'], 2, '--unhandled_rejections', 'invalid value for --unhandled-rejections'],
  ])('%j: refused, naming the flag, its index and what node said', async (argv, index, flag, said) => {
    const issues = await nodeRefusedFlagIssues(argv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['workerExecArgv'], code: 'invalid_type' });
    expect(issues[0]?.message).toBe(
      `workerExecArgv at index ${index}: this node (${process.version}) does not take ${flag} (node: ${said}), so no worker could start with it`,
    );
  });

  it.runIf(Number(process.versions.node.split('.')[0]) < 22)('a flag of a newer node (--test-isolation, node 22.8) is refused on this one', async () => {
    const issues = await nodeRefusedFlagIssues(['--test-isolation=none']);
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^workerExecArgv at index 0: this node \(v\d+[.\d]*\) does not take --test-isolation /),
    ]);
  });

  it.each([
    [[]],
    [['--max-semi-space-size=16', '--import', 'tsx']],
    // Taken on node's command line though not in NODE_OPTIONS (process.allowedNodeEnvironmentFlags): V8's own.
    [['--stack-size=1000', '--single-threaded-gc', '--heap-growing-percent=100']],
    // A module that does not exist: node reads the flag, and loads the module only when a script runs.
    [['--import', './no-such-module.mjs', '--require=./no-such-module.cjs']],
    [['--inspect=127.0.0.1:0']],
  ])('%j: flags this node takes pass', async (argv) => {
    expect(await nodeRefusedFlagIssues(argv)).toEqual([]);
  });

  it('a pool refuses such a flag before any worker starts, as a ValidationError at workerExecArgv', async () => {
    const pooled = await createScorerPool({ workers: 2, workerExecArgv: ['--max-semi-space-size=16', '--no-such-node-flag'] }).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ValidationError);
    expect((pooled as ValidationError).fields).toEqual(['workerExecArgv']);
    expect((pooled as ValidationError).issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^workerExecArgv at index 1: this node \(v[\d.]+\) does not take --no-such-node-flag \(node: bad option: --no-such-node-flag\)/),
    ]);
  });
});
