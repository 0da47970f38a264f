// `workerExecArgv` with a flag and its value as two elements (`['--import', 'tsx']`, the form most
// people write, and the form Node's own docs use) was refused ("must be an array of Node flags
// (strings starting with -)"); only `['--import=tsx']` passed, and no doc said so. A value is taken
// after the flags that read one; any other element that is not a flag is still refused, since Node
// would run it as the worker's script.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { workerExecArgvIssues } from '../../src/parallel/workerExecArgv.js';
import { simulateBook } from '../../src/simulate/simulateBook.js';

describe('workerExecArgvIssues', () => {
  it.each([
    [['--import', 'tsx']],
    [['--import=tsx']],
    [['--require', './setup.cjs', '--max-semi-space-size=16']],
    [['-r', './setup.cjs']],
    [['--loader', 'tsx', '--conditions', 'development', '-C', 'worker']],
    [['--experimental-loader', 'tsx']],
    [[]],
  ])('%j is taken', (argv) => {
    expect(workerExecArgvIssues(argv)).toEqual([]);
  });

  it.each([
    [['oops'], /index 0.*not a Node flag/],
    [['--inspect', 'x'], /index 1.*not a Node flag/],
    [['--import'], /--import.*needs its value/],
    [['--import', '--max-semi-space-size=16'], /--import.*needs its value/],
    [['--import=tsx', 'tsx'], /index 1.*not a Node flag/],
    [[1], /index 0/],
  ])('%j is refused at workerExecArgv, saying which element and why', (argv, says) => {
    const issues = workerExecArgvIssues(argv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['workerExecArgv'], code: 'invalid_type' });
    expect(issues[0]?.message).toMatch(says);
  });

  it('anything but an array is refused', () => {
    expect(workerExecArgvIssues('--import=tsx')).toMatchObject([{ path: ['workerExecArgv'], code: 'invalid_type' }]);
  });
});

describe('a pool given a flag and its value as two elements', () => {
  it.runIf(process.platform === 'linux')("starts, and its workers run with them (['--import', module])", async () => {
    const mark = new URL('./fixtures/markWorkerImport.mjs', import.meta.url).href;
    const pool = await createScorerPool({ workers: 1, workerExecArgv: ['--import', mark], scorer: { suggestionsPerDecision: 0 } });
    try {
      const [pid] = pool.workerPids();
      // The module ran in the worker (Linux keeps a process title's first 15 bytes).
      expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('creditlift-work');
    } finally {
      await pool.close();
    }
  });

  it('a bare value that no flag reads is still refused, by the pool and by simulateBook alike', async () => {
    const pooled = await createScorerPool({ workers: 1, workerExecArgv: ['--inspect', 'x'] }).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ValidationError);
    expect((pooled as ValidationError).fields).toEqual(['workerExecArgv']);
    const simulated = await Promise.resolve()
      .then(() => simulateBook({ book: [], challenger: {}, workers: 1, workerExecArgv: ['--inspect', 'x'] } as never))
      .catch((e: unknown) => e);
    expect(simulated).toBeInstanceOf(ValidationError);
    expect((simulated as ValidationError).fields).toContain('workerExecArgv');
  });
});
