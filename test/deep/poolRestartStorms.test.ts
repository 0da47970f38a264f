// Kill storms on the scorer pool (stress, so in test:deep): workers killed from outside again and
// again, as each replacement starts and once ready. Every dead worker is replaced and the pool
// decides exactly as in process afterwards. The crash-loop cases are in poolRestarts.test.ts beside it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { POOL_CRASH_LOOP_STARTS } from '../../src/parallel/workerRestartDelay.js';
import { batch, expectInProcess, firstAnswer, inProcessAnswer, scorerOptions, sleep, waitForWorkers } from '../parallel/poolRestartHarness.js';

let local: string;
beforeAll(async () => {
  local = await inProcessAnswer();
});

describe('createScorerPool under kill storms', () => {
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
      expectInProcess(await firstAnswer(pool, 60_000), local);
      await waitForWorkers(pool, 2, 60_000);
      expect(pool.size).toBe(2);
      expectInProcess(await pool.safeDecideBatch(batch), local);
    } finally {
      await pool.close();
    }
  });

  it(`a ready worker killed again and again is replaced every time (${POOL_CRASH_LOOP_STARTS + 1} kills in a row): only deaths before ready count toward a crash loop`, async () => {
    const pool = await createScorerPool({ workers: 1, scorer: scorerOptions });
    try {
      for (let kill = 0; kill <= POOL_CRASH_LOOP_STARTS; kill++) {
        const [pid] = pool.workerPids();
        process.kill(pid as number, 'SIGKILL');
        // Answered by the replacement, ready by then: the next kill is of a ready worker again.
        expectInProcess(await pool.safeDecideBatch(batch), local);
        expect(pool.workerPids()).not.toContain(pid);
      }
    } finally {
      await pool.close();
    }
  });
});
