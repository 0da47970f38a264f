// A `signal` that is not an AbortSignal is refused by every deciding call, in process and pooled
// alike, with a ValidationError at `signal`: the pool threw a TypeError without a code
// (`signal.addEventListener is not a function`) while in process it was ignored, or, for
// `{ aborted: true }`, taken as an aborted signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation } from '../../src/simulate/runSimulation.js';
import { simulateBook } from '../../src/simulate/simulateBook.js';

const applicant = exampleApplicants[0]!.applicant;
const notSignals: [string, unknown][] = [
  ['an empty object', {}],
  ['a string', 'yes'],
  ['a number', 42],
  ['null', null],
  ['true', true],
  ['{ aborted: false }', { aborted: false }],
  ['{ aborted: true }', { aborted: true }],
  ['a plain EventTarget', new EventTarget()],
  ['an AbortController', new AbortController()],
];

let scorer: Scorer;
let pool: ScorerPool;
let prior: Decision;
beforeAll(async () => {
  [scorer, pool] = await Promise.all([createScorer({ suggestionsPerDecision: 0 }), createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } })]);
  prior = await scorer.decide(applicant);
});
afterAll(async () => Promise.all([scorer?.close(), pool?.close()]));

/** The refusal every call must give: a ValidationError whose only issue is at `signal`. */
function expectSignalRefused(e: unknown, subject: string): void {
  expect(e).toBeInstanceOf(ValidationError);
  expect(e).toMatchObject({ code: 'validation_failed', subject, issues: [{ path: ['signal'], code: 'invalid_type', expected: 'AbortSignal' }] });
}

describe('a signal option that is not an AbortSignal', () => {
  for (const [what, signal] of notSignals) {
    it(`${what}: refused at \`signal\` by decide, safeDecide, decideBatch, safeDecideBatch, reassess, suggest and every pool call, the same way`, async () => {
      const opts = { signal } as never;
      const refused = (p: Promise<unknown>) =>
        p.then(
          (v) => ({ resolved: v }),
          (e: unknown) => e,
        );
      expectSignalRefused(await refused(scorer.decide(applicant, opts)), 'decide options');
      const safe = await scorer.safeDecide(applicant, opts);
      expect(safe.ok).toBe(false);
      if (!safe.ok) expectSignalRefused(safe.error, 'decide options');
      expectSignalRefused(await refused(scorer.reassess(prior, { applicant, evidence: [] }, opts)), 'reassess options');
      expectSignalRefused(await refused(scorer.suggest(applicant, opts)), 'suggest options');
      const local = await refused(scorer.decideBatch([applicant], opts));
      expectSignalRefused(local, 'decideBatch options');
      expectSignalRefused(await refused(scorer.safeDecideBatch([applicant], opts)), 'decideBatch options');
      for (const call of [pool.decideBatch, pool.safeDecideBatch, pool.decideBatchJson, pool.safeDecideBatchJson]) {
        const pooled = await refused(call([applicant], opts));
        expectSignalRefused(pooled, 'decideBatch options');
        expect(JSON.stringify(pooled)).toBe(JSON.stringify(local));
      }
    });
  }

  it('with other bad options, one error names every field', async () => {
    const e = await scorer.suggest(applicant, { signal: {}, top: 0, tpo: 1 } as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields).toEqual(expect.arrayContaining(['signal', 'top', 'tpo']));
    const local = await scorer.decideBatch([applicant], { signal: 'yes', limitHistroy: [] } as never).catch((x: unknown) => x);
    expect((local as ValidationError).fields).toEqual(expect.arrayContaining(['signal', 'limitHistroy']));
    expect(JSON.stringify(await pool.decideBatch([applicant], { signal: 'yes', limitHistroy: [] } as never).catch((x: unknown) => x))).toBe(
      JSON.stringify(local),
    );
  });

  it('an AbortSignal (a live one, AbortSignal.timeout, AbortSignal.any) and undefined are taken, on both paths', async () => {
    for (const signal of [new AbortController().signal, AbortSignal.timeout(60_000), AbortSignal.any([new AbortController().signal]), undefined]) {
      // `signal: undefined` spelt out, as JavaScript callers may pass it.
      const opts = { signal } as { signal: AbortSignal };
      expect((await scorer.decide(applicant, opts)).applicantId).toBe(applicant.id);
      expect((await scorer.decideBatch([applicant], opts))[0]?.ok).toBe(true);
      expect((await pool.decideBatch([applicant], opts))[0]?.ok).toBe(true);
    }
  });

  it('runSimulation and simulateBook refuse it too, before deciding anything (it could never stop them)', async () => {
    let calls = 0;
    const arm = {
      decide: async (records: readonly unknown[]) => {
        calls++;
        return scorer.safeDecideBatch(records);
      },
      assumptions: portfolioAssumptions(scorer.policy),
    };
    for (const [, signal] of notSignals) {
      const run = await runSimulation({ records: [{ line: 1, ok: true, value: applicant }], baseline: arm, candidate: arm, signal } as never).catch(
        (e: unknown) => e,
      );
      expectSignalRefused(run, 'runSimulation options');
      expectSignalRefused(await simulateBook({ book: [applicant], signal } as never).catch((e: unknown) => e), 'simulateBook options');
    }
    expect(calls).toBe(0);
  });
});
