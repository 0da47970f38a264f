// A pool whose workers keep dying: every dead worker is replaced, a crash loop is never silent, and
// the pool recovers by itself. Real processes, really killed (by the fixture worker itself while it
// starts up). The kill storms from outside are in poolRestartStorms.test.ts beside it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { POOL_CRASH_LOOP_STARTS, restartDelayMs } from '../../src/parallel/workerRestartDelay.js';
import { DIE_ON_START_ENV } from '../parallel/fixtures/dieOnStart.js';
import { batch, expectInProcess, firstAnswer, inProcessAnswer, scorerOptions, synthetic, waitForWorkers } from '../parallel/poolRestartHarness.js';

const startupKilledWorker = new URL('../parallel/fixtures/startupKilledScorerWorker.ts', import.meta.url);
let local: string;
beforeAll(async () => {
  local = await inProcessAnswer();
});

describe('createScorerPool: workers that keep dying', () => {
  it('a slot whose workers keep stopping before they are ready is restarted at once, then after 1 s doubling to 30 s, never given up', () => {
    const delays = Array.from({ length: 12 }, (_, n) => restartDelayMs(n));
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(restartDelayMs(10_000)).toBe(30_000);
  });

  describe('a crash loop: every replacement dies while starting', () => {
    let dir: string;
    let marker: string;
    let pool: ScorerPool;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'creditlift-pool-restarts-'));
      marker = join(dir, 'die-on-start');
      process.env[DIE_ON_START_ENV] = marker;
      pool = await createScorerPool({ workers: 2, chunkSize: 5, scorer: scorerOptions, workerEntry: startupKilledWorker });
    });
    afterAll(async () => {
      delete process.env[DIE_ON_START_ENV];
      await pool?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is never silent: calls reject with pool_unavailable naming the cause, workerPids() shows no ready worker; once workers can start again the pool recovers by itself', async () => {
      expectInProcess(await pool.safeDecideBatch(batch), local);
      writeFileSync(marker, '');
      for (const pid of pool.workerPids()) process.kill(pid, 'SIGKILL');
      // The call under way when the last worker gives out is refused as a whole, with the cause:
      // not every record `worker_failed` (which a retry or --resume could never fix), and the
      // bad records not relabelled.
      const during = await pool.safeDecideBatch(batch).catch((e: unknown) => e);
      expect(during).toBeInstanceOf(CreditliftError);
      expect((during as CreditliftError).code).toBe('pool_unavailable');
      expect((during as Error).message).toMatch(new RegExp(`${POOL_CRASH_LOOP_STARTS} times in a row`));
      expect((during as Error).message).toMatch(/signal SIGKILL/);
      // Every later call too, at once, decideBatchJson and an empty call alike.
      const t0 = Date.now();
      await expect(pool.safeDecideBatch(batch)).rejects.toMatchObject({ code: 'pool_unavailable' });
      await expect(pool.decideBatchJson(synthetic.slice(0, 3))).rejects.toMatchObject({ code: 'pool_unavailable' });
      await expect(pool.decideBatch([])).rejects.toMatchObject({ code: 'pool_unavailable' });
      expect(Date.now() - t0).toBeLessThan(500);
      // Invalid calls still get their own ValidationError first.
      await expect(pool.decideBatch(synthetic.slice(0, 1), { bogus: 1 } as never)).rejects.toMatchObject({ code: 'validation_failed' });
      expect(pool.workerPids().length, 'no worker is ready; at most one is trying to start').toBeLessThanOrEqual(1);
      // The cause goes away: the pool, backing off, starts its workers again and decides as in process.
      rmSync(marker);
      expectInProcess(await firstAnswer(pool, 60_000), local);
      await waitForWorkers(pool, 2, 60_000);
      expectInProcess(await pool.safeDecideBatch(batch), local);
    });
  });

  it('a pool none of whose workers can start while it is created is refused with pool_unavailable, naming the cause (not worker_failed, a per-record code)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-pool-start-'));
    const marker = join(dir, 'die-on-start');
    writeFileSync(marker, '');
    process.env[DIE_ON_START_ENV] = marker;
    try {
      const refused = await createScorerPool({ workers: 2, chunkSize: 5, scorer: scorerOptions, workerEntry: startupKilledWorker }).then(
        async (p) => {
          await p.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(CreditliftError);
      expect((refused as CreditliftError).code).toBe('pool_unavailable');
      expect((refused as Error).message).toMatch(/signal SIGKILL/);
    } finally {
      delete process.env[DIE_ON_START_ENV];
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
