// What the pool-restart tests share: a batch with two records whose true answer is
// validation_failed (never to be relabelled worker_failed), the in-process answer to compare with,
// and waits for a pool that is starting its workers again. The crash-loop cases
// (test/deep/poolRestarts.test.ts) and the kill storms (poolRestartStorms.test.ts) share it.
import { expect } from 'vitest';
import { createScorer, type BatchResult } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import type { ScorerPool } from '../../src/parallel/createScorerPool.js';
import { iteratePopulation } from '../../src/train/synthetic/generatePopulation.js';

export const scorerOptions = { suggestionsPerDecision: 0 } as const;
export const synthetic = [...iteratePopulation({ size: 40, seed: 5, asOf: '2026-11-01' })].map((r) => r.applicant);
/** Two records whose true answer is validation_failed: never to be relabelled worker_failed. */
export const batch: unknown[] = [...synthetic.slice(0, 20), { ...synthetic[20], income: { monthlyNet: -1 } }, ...synthetic.slice(21), { bogus: true }];
export const json = (results: readonly BatchResult[]) => JSON.stringify(results);
/** Results counted by kind: a short failure message before the byte-for-byte comparison. */
const tally = (results: readonly BatchResult[]) =>
  results.reduce<Record<string, number>>((t, r) => {
    const k = r.ok ? 'ok' : r.error.code;
    t[k] = (t[k] ?? 0) + 1;
    return t;
  }, {});
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The batch decided in process, as JSON: what every pool answer must equal. */
export async function inProcessAnswer(): Promise<string> {
  const scorer = await createScorer(scorerOptions);
  try {
    const local = json(await scorer.safeDecideBatch(batch));
    expect(local).toMatch(/validation_failed/);
    return local;
  } finally {
    await scorer.close();
  }
}

/** The pool's answer is the in-process one: by kind first (a short message), then byte for byte. */
export function expectInProcess(results: readonly BatchResult[], local: string): void {
  expect(tally(results)).toEqual(tally(JSON.parse(local) as BatchResult[]));
  expect(json(results)).toBe(local);
}

/** Calls the pool until a call answers (not rejected as `pool_unavailable`), at most `ms`; returns that answer. */
export async function firstAnswer(pool: ScorerPool, ms: number): Promise<BatchResult[]> {
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

export async function waitForWorkers(pool: ScorerPool, n: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pool.workerPids().length < n) {
    if (Date.now() > deadline) throw new Error(`the pool has ${pool.workerPids().length} workers, not ${n}, after ${ms} ms`);
    await sleep(50);
  }
}
