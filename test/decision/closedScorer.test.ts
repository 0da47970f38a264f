import { describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { PROBLEM_STATUS } from '../../src/errors/toProblemDetails.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel } from '../../src/model/loadModel.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';

const applicant = exampleApplicants[0]!.applicant;
const closedError = { code: 'scorer_closed' };

// A closed scorer answered decide() (the small-run JS evaluator needs no session) while
// decideBatch failed with internal_error: one state, two behaviours, neither documented.
describe('a closed scorer refuses every call with scorer_closed', () => {
  it('decide, safeDecide, decideBatch, suggest, reassess and the follow-ups alike', async () => {
    const scorer = await createScorer({ suggestionsPerDecision: 0 });
    const prior = await scorer.decide(applicant);
    await scorer.close();
    await expect(scorer.decide(applicant)).rejects.toMatchObject(closedError);
    expect(await scorer.safeDecide(applicant)).toMatchObject({ ok: false, error: closedError });
    await expect(scorer.decideBatch([applicant, applicant])).rejects.toMatchObject(closedError);
    await expect(scorer.safeDecideBatch([applicant])).rejects.toMatchObject(closedError);
    await expect(scorer.suggest(applicant)).rejects.toMatchObject(closedError);
    await expect(scorer.reassess(prior, { applicant, evidence: [] })).rejects.toMatchObject(closedError);
    expect(() => scorer.requestReduction(prior, 100_000)).toThrow(CreditliftError);
    expect(() => scorer.recordContest(prior, { statement: 'please look again' })).toThrow(/closed/);
    expect(PROBLEM_STATUS.scorer_closed.status).toBe(503);
    // Closing twice is harmless.
    await scorer.close();
  });

  it('a batch in flight when the scorer closes is refused with scorer_closed (503), not internal_error (findings9-kit 5)', async () => {
    const scorer = await createScorer({ suggestionsPerDecision: 0 });
    const many = Array.from({ length: 3000 }, (_, i) => exampleApplicants[i % exampleApplicants.length]!.applicant);
    const settle = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => (e instanceof CreditliftError ? e.code : String(e)),
      );
    // Both calls start (validated, their first chunk under way) before close() runs.
    const batch = settle(scorer.decideBatch(many));
    const safe = settle(scorer.safeDecideBatch(many));
    await scorer.close();
    expect([await batch, await safe]).toEqual(['scorer_closed', 'scorer_closed']);
  });

  it('a closed pool refuses with the same code', async () => {
    const pool = await createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } });
    await pool.close();
    await expect(pool.decideBatch([applicant])).rejects.toMatchObject(closedError);
    // Before the input or the options are read (findings14-docs #7).
    await expect(pool.decideBatch('not an array' as never)).rejects.toMatchObject(closedError);
    await expect(pool.safeDecideBatchJson([applicant], { bogus: 1 } as never)).rejects.toMatchObject(closedError);
  });
});

// A lender loads the model once and builds a scorer per policy version: retiring one with close()
// released the caller's model, so the other scorer answered some applicants (the JS evaluator) and
// refused the rest and every batch with scorer_closed (findings13-lifecycle F1).
describe('a model passed in stays the caller’s: close() releases only a model the scorer loaded', () => {
  it('closing one scorer leaves another scorer on the same model, and the model itself, working', async () => {
    const model = await loadModel(defaultModelPath());
    try {
      const retired = await createScorer({ model, suggestionsPerDecision: 0 });
      const current = await createScorer({ model, suggestionsPerDecision: 0, policyOverrides: { limits: { roundingStep: 50_000 } } });
      await retired.close();
      await expect(retired.decide(applicant)).rejects.toMatchObject(closedError);
      const many = exampleApplicants.map((e) => e.applicant);
      for (const a of many) await expect(current.decide(a)).resolves.toMatchObject({ applicantId: a.id });
      expect(await current.decideBatch(many)).toHaveLength(many.length);
      await expect(model.predictOne(new Float32Array(model.manifest.features.length))).resolves.toBeTypeOf('number');
      await current.close();
    } finally {
      await model.close();
    }
  });

  it('a champion-challenger scorer refused for a bad challenger policy leaves the caller’s model open', async () => {
    const model = await loadModel(defaultModelPath());
    try {
      await expect(
        createScorer({ model, challengers: [{ name: 'bad', share: 0.5, policyOverrides: { limits: { roundingStep: -1 } } }] } as never),
      ).rejects.toThrow();
      await expect(model.predictOne(new Float32Array(model.manifest.features.length))).resolves.toBeTypeOf('number');
    } finally {
      await model.close();
    }
  });
});

// findings14-docs #7: after close() a call with invalid input (or options) was answered
// validation_failed, so a service on safeDecide answered a bad body 422 after shutdown instead of
// the 503 of scorer_closed. Closed is checked before anything else a call reads.
describe('a closed scorer refuses with scorer_closed before it looks at the input (findings14-docs #7)', () => {
  const aborted = AbortSignal.abort();
  // Every method a scorer has (but close), each called with input it would refuse as invalid.
  const invalidCalls = (prior: Decision): Record<string, (s: Scorer) => unknown> => ({
    decide: (s) => s.decide({} as never),
    decideWithBadOptions: (s) => s.decide(applicant, { bogus: 1 } as never),
    decideAborted: (s) => s.decide(applicant, { signal: aborted }),
    safeDecide: (s) => s.safeDecide({ id: 42 }),
    decideBatch: (s) => s.decideBatch('not an array' as never),
    decideBatchBadLedgers: (s) => s.decideBatch([applicant], { limitHistories: [[], []] } as never),
    safeDecideBatch: (s) => s.safeDecideBatch(null as never),
    reassess: (s) => s.reassess(prior, {} as never),
    reassessBadPrior: (s) => s.reassess({} as never, { applicant, evidence: [] }),
    suggest: (s) => s.suggest({} as never, { top: 0 }),
    requestReduction: (s) => s.requestReduction(prior, -1),
    requestReductionBadPrior: (s) => s.requestReduction({} as never, 100_000),
    recordReview: (s) => s.recordReview(prior, {} as never),
    recordContest: (s) => s.recordContest(prior, {} as never),
  });

  const codeOf = async (call: () => unknown): Promise<string> => {
    try {
      const r = (await call()) as { ok?: boolean; error?: { code?: string } } | undefined;
      return r?.ok === false ? `resolved ${r.error?.code}` : 'resolved';
    } catch (e) {
      return e instanceof CreditliftError ? e.code : String(e);
    }
  };

  for (const kind of ['plain', 'champion-challenger'] as const) {
    it(`${kind}: every method, given invalid input after close(), refuses with scorer_closed`, async () => {
      const options = { suggestionsPerDecision: 0 };
      const scorer = await (kind === 'plain' ? createScorer(options) : createScorer({ ...options, challengers: [{ name: 'b', share: 0.5 }] }));
      const prior = await scorer.decide(applicant);
      await scorer.close();
      const calls = invalidCalls(prior);
      // Each method of the scorer is covered: a method added later must be added here.
      const methods = Object.keys(scorer).filter((k) => typeof (scorer as unknown as Record<string, unknown>)[k] === 'function' && k !== 'close');
      for (const m of methods)
        expect(
          Object.keys(calls).some((c) => c.startsWith(m)),
          `${m} is called`,
        ).toBe(true);
      const got: Record<string, string> = {};
      for (const [name, call] of Object.entries(calls)) got[name] = await codeOf(() => call(scorer));
      const want = Object.fromEntries(Object.keys(calls).map((name) => [name, name === 'safeDecide' ? 'resolved scorer_closed' : 'scorer_closed']));
      expect(got).toEqual(want);
    });
  }
});
