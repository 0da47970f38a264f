// A pool whose workers keep dying: every dead worker is replaced, a crash loop is never silent, and
// the pool recovers by itself. Real processes, really killed (SIGKILL from this process, or by the
// fixture worker itself while it starts up).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type BatchResult, type Scorer } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { POOL_CRASH_LOOP_STARTS, restartDelayMs } from '../../src/parallel/workerRestartDelay.js';
import { iteratePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { DIE_ON_START_ENV } from './fixtures/dieOnStart.js';

const startupKilledWorker = new URL('./fixtures/startupKilledScorerWorker.ts', import.meta.url);
const scorerOptions = { suggestionsPerDecision: 0 } as const;
const synthetic = [...iteratePopulation({ size: 40, seed: 5, asOf: '2026-11-01' })].map((r) => r.applicant);
/** Two records whose true answer is validation_failed: never to be relabelled worker_failed. */
const batch: unknown[] = [...synthetic.slice(0, 20), { ...synthetic[20], income: { monthlyNet: -1 } }, ...synthetic.slice(21), { bogus: true }];
const json = (results: readonly BatchResult[]) => JSON.stringify(results);
/** Results counted by kind: a short failure message before the byte-for-byte comparison. */
const tally = (results: readonly BatchResult[]) =>
  results.reduce<Record<string, number>>((t, r) => {
    const k = r.ok ? 'ok' : r.error.code;
    t[k] = (t[k] ?? 0) + 1;
    return t;
  }, {});
/** The pool's answer is the in-process one: by kind first (a short message), then byte for byte. */
const expectInProcess = (results: readonly BatchResult[]) => {
  expect(tally(results)).toEqual(tally(JSON.parse(local) as BatchResult[]));
  expect(json(results)).toBe(local);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let scorer: Scorer;
let local: string;
beforeAll(async () => {
  scorer = await createScorer(scorerOptions);
  local = json(await scorer.safeDecideBatch(batch));
  expect(local).toMatch(/validation_failed/);
});
afterAll(() => scorer?.close());

/** Calls the pool until a call answers (not rejected as `pool_unavailable`), at most `ms`; returns that answer. */
async function firstAnswer(pool: ScorerPool, ms: number): Promise<BatchResult[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await pool.safeDecideBatch(batch);
    } catch (e) {
      if (!(e instanceof CreditliftError) || e.code !== 'pool_unavailable' || Date.now() > deadline) throw e;
      await sleep(100);
    }
  }
}

async function waitForWorkers(pool: ScorerPool, n: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pool.workerPids().length < n) {
    if (Date.now() > deadline) throw new Error(`the pool has ${pool.workerPids().length} workers, not ${n}, after ${ms} ms`);
    await sleep(50);
  }
}

describe('createScorerPool: workers that keep dying', () => {
  it('a slot whose workers keep stopping before they are ready is restarted at once, then after 1 s doubling to 30 s, never given up', () => {
    const delays = Array.from({ length: 12 }, (_, n) => restartDelayMs(n));
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(restartDelayMs(10_000)).toBe(30_000);
  });

  it('workers killed from outside again and again during one call, as each replacement starts (10 kills): the pool recovers and decides exactly as in process', async () => {
    const pool = await createScorerPool({ workers: 2, chunkSize: 5, scorer: scorerOptions });
    try {
      const killed = new Set<number>();
      let killing = true;
      const killer = (async () => {
        while (killing && killed.size < 10) {
          for (const pid of pool.workerPids()) {
            if (killed.has(pid) || killed.size >= 10) continue;
            killed.add(pid);
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // already gone
            }
          }
          await sleep(150);
        }
      })();
      const during = await pool.safeDecideBatch([...batch, ...batch, ...batch]).then(
        (results) => results,
        (e: unknown) => e,
      );
      if (during instanceof Error) {
        // Both workers failed to start 3 times in a row: the call says so as a whole.
        expect(during).toBeInstanceOf(CreditliftError);
        expect((during as CreditliftError).code).toBe('pool_unavailable');
      } else {
        // Each record decided, or (killed twice) worker_failed; never lost, never another answer.
        const want = JSON.parse(local) as BatchResult[];
        (during as BatchResult[]).forEach((r, i) => {
          const w = want[i % want.length] as BatchResult;
          if (r.ok || r.error.code !== 'worker_failed') expect(JSON.stringify({ ...r, index: 0 })).toBe(JSON.stringify({ ...w, index: 0 }));
        });
      }
      killing = false;
      await killer;
      // The killing stopped: the pool starts workers again by itself, and decides as in process.
      expectInProcess(await firstAnswer(pool, 60_000));
      await waitForWorkers(pool, 2, 60_000);
      expect(pool.size).toBe(2);
      expectInProcess(await pool.safeDecideBatch(batch));
    } finally {
      await pool.close();
    }
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
      expectInProcess(await pool.safeDecideBatch(batch));
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
      expectInProcess(await firstAnswer(pool, 60_000));
      await waitForWorkers(pool, 2, 60_000);
      expectInProcess(await pool.safeDecideBatch(batch));
    });
  });

  it(`a ready worker killed again and again is replaced every time (${POOL_CRASH_LOOP_STARTS + 1} kills in a row): only deaths before ready count toward a crash loop`, async () => {
    const pool = await createScorerPool({ workers: 1, scorer: scorerOptions });
    try {
      for (let kill = 0; kill <= POOL_CRASH_LOOP_STARTS; kill++) {
        const [pid] = pool.workerPids();
        process.kill(pid as number, 'SIGKILL');
        // Answered by the replacement, ready by then: the next kill is of a ready worker again.
        expectInProcess(await pool.safeDecideBatch(batch));
        expect(pool.workerPids()).not.toContain(pid);
      }
    } finally {
      await pool.close();
    }
  });
});
