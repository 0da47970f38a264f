// One AbortSignal shared by many pool calls at once (a service's shutdown signal, passed to every
// call as README recommends): the pool added an `abort` listener to the caller's signal per call,
// so 11 calls in flight printed Node's MaxListenersExceededWarning although every listener was
// removed when its call settled; the in-process scorer, which adds none, stayed quiet.
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';

const applicants = exampleApplicants.map((e) => e.applicant);
const CALLS = 50;

let pool: ScorerPool;
beforeAll(async () => {
  pool = await createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } });
});
afterAll(() => pool?.close());

/** The process warnings emitted while `run` runs (and the event-loop turn after it, when Node emits them). */
async function warningsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onWarning = (w: Error) => seen.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    await run();
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off('warning', onWarning);
  }
  return seen;
}

describe('many pool calls sharing one AbortSignal', () => {
  it(`${CALLS} concurrent calls on one signal: no MaxListenersExceededWarning, one listener on the signal while they run, none after`, async () => {
    const shutdown = new AbortController();
    let during = -1;
    const warnings = await warningsDuring(async () => {
      const calls = Array.from({ length: CALLS }, (_, i) =>
        i % 2 === 0 ? pool.decideBatch(applicants, { signal: shutdown.signal }) : pool.safeDecideBatchJson(applicants, { signal: shutdown.signal }),
      );
      during = getEventListeners(shutdown.signal, 'abort').length;
      const results = await Promise.all(calls);
      expect(results.every((r) => r.length === applicants.length && r.every((x) => x.ok))).toBe(true);
    });
    expect(warnings).toEqual([]);
    expect(during).toBe(1);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it(`an abort still rejects every one of ${CALLS} calls in flight on the shared signal with aborted, and leaves no listener`, async () => {
    const shutdown = new AbortController();
    const calls = Array.from({ length: CALLS }, () =>
      pool.decideBatch(applicants, { signal: shutdown.signal }).then(
        () => 'decided',
        (e: { code?: string }) => e.code,
      ),
    );
    shutdown.abort(new Error('shutting down'));
    expect(await Promise.all(calls)).toEqual(Array.from({ length: CALLS }, () => 'aborted'));
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('calls on different signals stay apart: aborting one rejects only the calls that carry it', async () => {
    const a = new AbortController();
    const b = new AbortController();
    const onA = Array.from({ length: 12 }, () =>
      pool.decideBatch(applicants, { signal: a.signal }).then(
        () => 'decided',
        (e: { code?: string }) => e.code,
      ),
    );
    const onB = Array.from({ length: 12 }, () =>
      pool.decideBatch(applicants, { signal: b.signal }).then(
        () => 'decided',
        (e: { code?: string }) => e.code,
      ),
    );
    a.abort();
    expect(new Set(await Promise.all(onA))).toEqual(new Set(['aborted']));
    expect(new Set(await Promise.all(onB))).toEqual(new Set(['decided']));
    expect(getEventListeners(b.signal, 'abort')).toHaveLength(0);
  });
});
