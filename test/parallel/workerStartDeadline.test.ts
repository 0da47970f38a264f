// A worker that never started its script (an `--import` or a loader that never finishes, a debugger
// it waits for) held `createScorerPool` forever, and outlived its parent: with the parent killed (-9)
// the worker kept running, on its own, indefinitely. Now a worker not ready by `startTimeoutMs` is
// killed and the pool's creation fails with CreditliftError `pool_unavailable` naming the deadline,
// and a worker still starting ends by itself when its pool's process is gone (workerParentWatch.cjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';

const PID_FILE_ENV = 'CREDITLIFT_TEST_STUCK_PID_FILE';
const stuckModule = fileURLToPath(new URL('./fixtures/stuckImport.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'creditlift-stuck-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls `check` every 25 ms until it holds or `ms` pass; resolves to whether it held. */
async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

const pidsIn = (file: string): number[] => {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

describe('a worker that never starts its script', () => {
  it('is killed at the start deadline, and the pool creation fails with pool_unavailable naming it', async () => {
    const pidFile = join(work, 'deadline.pids');
    process.env[PID_FILE_ENV] = pidFile;
    try {
      const started = Date.now();
      const failed = await createScorerPool({ workers: 1, startTimeoutMs: 1500, workerExecArgv: ['--import', stuckModule] }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(CreditliftError);
      expect(failed).toMatchObject({ code: 'pool_unavailable' });
      expect((failed as Error).message).toMatch(/was not ready within 1500 ms of its start \(startTimeoutMs\) and was killed/);
      // One worker, killed once: a stuck start is not retried (each retry would wait the deadline again).
      const pids = pidsIn(pidFile);
      expect(pids).toHaveLength(1);
      expect(isAlive(pids[0]!), 'the stuck worker is gone').toBe(false);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      delete process.env[PID_FILE_ENV];
    }
  });

  it.each([[-1], [1.5], ['60000']])('startTimeoutMs %j is refused', async (startTimeoutMs) => {
    const failed = await createScorerPool({ workers: 1, startTimeoutMs: startTimeoutMs as number }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ValidationError);
    expect((failed as ValidationError).issues).toEqual([expect.objectContaining({ path: ['startTimeoutMs'], code: 'out_of_range' })]);
  });

  it('ends by itself when its pool process is killed with -9 (it kept running, orphaned)', async () => {
    const pidFile = join(work, 'orphan.pids');
    const parent = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/stuckPoolParent.ts', import.meta.url)), stuckModule], {
      env: { ...process.env, [PID_FILE_ENV]: pidFile },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise((r) => parent.once('exit', r));
    try {
      expect(await waitFor(() => pidsIn(pidFile).length > 0, 30_000), 'the worker reached its stuck import').toBe(true);
    } finally {
      parent.kill('SIGKILL');
      await exited;
    }
    const [worker] = pidsIn(pidFile);
    const gone = await waitFor(() => !isAlive(worker!), 10_000);
    if (!gone) process.kill(worker!, 'SIGKILL');
    expect(gone, 'the stuck worker ended with its parent').toBe(true);
  }, 60_000);
});
