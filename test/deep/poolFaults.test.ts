// Stress tests of the scorer pool under worker faults (npm run test:deep). With worker threads,
// stopping a busy worker aborted the whole process in about 1 run in 20. 20 rounds of each fault
// miss a 1-in-20 abort with probability 0.95^20 (36%) in one CI run, 13% over two; POOL_FAULT_ROUNDS=60
// takes one run under 5% (about 80 s more). CI's 20-minute budget keeps 20 since 2026-12-02 (30 before:
// the file took 133 s of a clean-clone CI run that ended at 20 min 0 s); workers are processes now,
// so the threads' abort has no way back in short of a change of transport. The crashing worker
// runs as the one-file bundle the test run builds (test/helpers/crashingWorkerEntry.ts): from source
// each of its restarts loaded src through tsx, and the file took 127 s against 71 s at 30 rounds.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashingWorkerEntry } from '../helpers/crashingWorkerEntry.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { createScorer, type BatchResult, type Scorer } from '../../src/decision/createScorer.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { iteratePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { EXIT_ID, FAIL_ID, HANG_ID, SLOW_ID, SLOW_MS, THROW_ID } from '../parallel/fixtures/crashingScorerWorker.js';

const ROUNDS = Number(process.env.POOL_FAULT_ROUNDS ?? 20);
const crashingWorker = crashingWorkerEntry();
const scorerOptions = { suggestionsPerDecision: 2 } as const;
const synthetic = [...iteratePopulation({ size: 200, seed: 11, asOf: '2026-11-01' })].map((r) => r.applicant);
const json = (results: readonly BatchResult[]) => JSON.stringify(results);

let scorer: Scorer;
let local: string;
beforeAll(async () => {
  scorer = await createScorer(scorerOptions);
  local = json(await scorer.decideBatch(synthetic));
});
afterAll(() => scorer?.close());

describe('scorer pool under faults (stress)', () => {
  let pool: ScorerPool;
  beforeAll(async () => {
    pool = await createScorerPool({ workers: 2, chunkSize: 16, scorer: scorerOptions, workerEntry: crashingWorker, taskTimeoutMs: 5_000 });
  });
  afterAll(() => pool?.close());

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(`${ROUNDS} rounds: a busy worker stopped by ${signal} never takes this process down; every record still decides exactly as in process`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const running = pool.safeDecideBatch(synthetic);
        await new Promise((r) => setTimeout(r, (round * 7) % 60));
        const pids = pool.workerPids();
        const victim = pids[round % pids.length];
        if (victim !== undefined) process.kill(victim, signal);
        expect(json(await running)).toBe(local);
      }
    });
  }

  for (const [how, id] of [
    ['exits', EXIT_ID],
    ['throws an uncaught error', THROW_ID],
    ['hangs', HANG_ID],
    ['answers with a scorer failure', FAIL_ID],
  ] as const) {
    it(`a worker that ${how} on one record: that record alone gets worker_failed, every other decides as in process`, async () => {
      const batch: unknown[] = [...synthetic];
      batch[37] = { ...(batch[37] as object), id };
      const results = await pool.safeDecideBatch(batch);
      expect(results.filter((r) => !r.ok).map((r) => [r.index, !r.ok && r.error.code])).toEqual([[37, 'worker_failed']]);
      expect(json(results.filter((r) => r.ok))).toBe(json(JSON.parse(local).filter((_: unknown, i: number) => i !== 37)));
    });
  }
});

describe('scorer pool closed while busy (stress)', () => {
  it(`${ROUNDS} rounds: close() during a batch lets it finish and stops the workers cooperatively`, async () => {
    for (let round = 0; round < Math.ceil(ROUNDS / 4); round++) {
      const pool = await createScorerPool({ workers: 2, chunkSize: 16, scorer: scorerOptions });
      const running = pool.safeDecideBatch(synthetic.slice(0, 80));
      await new Promise((r) => setTimeout(r, round % 20));
      const closed = pool.close();
      expect(json(await running)).toBe(json(JSON.parse(local).slice(0, 80)));
      await closed;
      expect(pool.workerPids()).toEqual([]);
    }
  });
});

// From test/parallel/createScorerPool.test.ts: slow by design (chunks that take SLOW_MS, a worker restart).
describe('createScorerPool: taskTimeoutMs', () => {
  it('times a task from when its worker can start it: a healthy worker with chunks queued behind each other is never killed as hung', async () => {
    // Each of the four chunks takes SLOW_MS; the timeout is under three chunks, so a timer started
    // when a chunk was queued would fire before the third and fourth could answer, while a chunk
    // timed from its start has nearly two chunks' time to spare on a loaded machine (at 1.9 chunks,
    // 450 ms of slack, a full npm test run once took a healthy worker for hung).
    const pool = await createScorerPool({ workers: 1, chunkSize: 5, scorer: scorerOptions, workerEntry: crashingWorker, taskTimeoutMs: SLOW_MS * 2.9 });
    try {
      // Warm first: a cold worker's first chunk (JIT, lazy tables) on a loaded machine is no hang either, but is not what is measured here.
      await pool.safeDecideBatch(synthetic.slice(0, 5));
      const pids = pool.workerPids();
      const batch = synthetic.slice(0, 20).map((a, i) => (i % 5 === 0 ? { ...a, id: SLOW_ID } : a));
      const results = await pool.safeDecideBatch(batch);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(pool.workerPids(), 'the same worker, never killed').toEqual(pids);
    } finally {
      await pool.close();
    }
  });
});

describe('createScorerPool: one model per pool', () => {
  it('reads the model once: replacing the file while the pool runs changes nothing, even for a replaced worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-pool-model-'));
    const path = join(dir, 'model.onnx');
    copyFileSync(defaultModelPath(), path);
    const one = await createScorerPool({ workers: 1, chunkSize: 10, scorer: { ...scorerOptions, model: path } });
    try {
      expect(one.model).toEqual(scorer.model);
      writeFileSync(path, 'not a model any more');
      const [pid] = one.workerPids();
      process.kill(pid as number, 'SIGKILL');
      const results = await one.decideBatch(synthetic.slice(0, 20));
      const shas = new Set(results.map((r) => (r.ok ? r.decision.audit.modelSha256 : r.error.code)));
      expect([...shas]).toEqual([scorer.model.sha256]);
    } finally {
      await one.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
