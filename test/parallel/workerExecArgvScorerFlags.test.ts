// Node flags that take from a worker what the scorer needs are refused by name before any worker
// starts. Forked on node 20 before: `--no-addons` failed every worker with "onnxruntime-node could not
// be loaded: Cannot load native addon because loading addons is disabled" (the flag unnamed);
// `--experimental-permission` alone stopped each worker 4 times, "no error reported" (it may read no
// file), and with `--allow-fs-read=*` failed as --no-addons did; `--experimental-policy=FILE` stopped
// each worker 4 times, "no error reported", unless the manifest listed every module the worker loads.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { workerExecArgvIssues } from '../../src/parallel/workerExecArgv.js';

const refused = (argv: string[]) => workerExecArgvIssues(argv).map((i) => i.message);

describe('workerExecArgv refuses flags that leave the scorer unable to run, by name', () => {
  it.each([
    [['--no-addons'], 'workerExecArgv at index 0: --no-addons stops Node loading native addons'],
    [['--max-semi-space-size=16', '--no_addons'], 'workerExecArgv at index 1: --no_addons stops Node loading native addons'],
    [['--addons', '--no-addons'], 'workerExecArgv at index 1: --no-addons'],
    [
      ['--experimental-permission'],
      'workerExecArgv at index 0: --experimental-permission lets the worker load no native addon without --allow-addons (the scorer runs on onnxruntime-node, a native addon), and read no file without --allow-fs-read',
    ],
    [
      ['--experimental-permission', '--allow-fs-read=*'],
      'workerExecArgv at index 0: --experimental-permission lets the worker load no native addon without --allow-addons',
    ],
    [
      ['--experimental-permission', '--allow-addons'],
      'workerExecArgv at index 0: --experimental-permission lets the worker read no file without --allow-fs-read',
    ],
    [['--experimental-policy=policy.json'], 'workerExecArgv at index 0: --experimental-policy makes Node check every module the worker loads'],
    [['--experimental-policy', 'policy.json'], 'workerExecArgv at index 0: --experimental-policy'],
  ])('%j', (argv, start) => {
    const messages = refused(argv);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(start);
  });

  it('the same flags with what the scorer needs pass: --addons after --no-addons, the permission model with --allow-addons and --allow-fs-read', () => {
    expect(refused(['--no-addons', '--addons'])).toEqual([]);
    expect(refused(['--experimental-permission', '--allow-fs-read=*', '--allow-addons'])).toEqual([]);
    expect(refused(['--experimental_permission', '--allow_addons', '--allow-fs-read=/srv', '--allow-fs-read=/opt'])).toEqual([]);
  });

  it('a pool refuses --no-addons by name before starting any worker', async () => {
    const started = performance.now();
    const pool = createScorerPool({ workers: 1, workerExecArgv: ['--no-addons'] });
    await expect(pool).rejects.toBeInstanceOf(ValidationError);
    await expect(pool).rejects.toSatisfy((e) => (e as ValidationError).issues.some((i) => i.path[0] === 'workerExecArgv' && i.message.includes('--no-addons')));
    // No worker started: the check is before any (a worker's start alone is about half a second here).
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
