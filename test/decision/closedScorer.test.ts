import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
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
