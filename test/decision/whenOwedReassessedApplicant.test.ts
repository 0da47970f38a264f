// README, "Explanations only when owed": a person who turns adverse a decision that owed no reasons
// (or a customer who contests it) needs the applicant it was decided for; for a reassessment that is
// "the profile as reassessed". Found from outside (findings10-chains F6): following the recipe
// literally for a reassessment dated after its profile (`asOf` in the update) was refused
// (`validation_failed` at `applicant`): the profile as reassessed is dated at the reassessment. Here
// the recipe is run exactly as the README writes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type ReassessUpdate, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor, exampleUploadStep } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0, explanations: 'when_owed' });
});
afterAll(() => scorer.close());

/**
 * The README's recipe, word for word: the update's `applicant` with `asOf` the reassessment's date
 * (the update's `asOf` when given), `platform.currentLimit` the line on file (`lineOnFileAfter(prior)`),
 * the new evidence appended to `evidence`, and `controls.selfSetCap` the cap in force (the prior's
 * `controls.selfSetCap`, or the profile's if lower).
 */
function asReassessed(prior: Decision, update: ReassessUpdate): ApplicantInput {
  const a = update.applicant;
  const priorCap = prior.controls.selfSetCap;
  const profileCap = a.controls?.selfSetCap ?? null;
  const cap = priorCap === null ? profileCap : profileCap === null ? priorCap : Math.min(priorCap, profileCap);
  return {
    ...a,
    asOf: update.asOf ?? a.asOf,
    platform: { ...a.platform, currentLimit: lineOnFileAfter(prior) },
    evidence: [...(a.evidence ?? []), ...(update.evidence ?? [])],
    controls: { ...a.controls, ...(cap === null ? {} : { selfSetCap: cap }) },
  };
}

const refusal = (f: () => unknown): ValidationError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
};

describe("the README's applicant for a follow-up of a reassessment works as written", () => {
  const { before, certificate } = exampleUploadStep(exampleFor('new_graduate'));

  it("a reassessment dated after its profile: the tester's chain (reassess on 11-20, reduction, contest, a person's decline)", async () => {
    const profile: ApplicantInput = { ...before, controls: { requestedLimit: 500_000 } };
    const decided = await scorer.decide(profile);
    const update = { applicant: profile, evidence: [certificate], asOf: '2026-11-20' };
    expect(update.asOf > profile.asOf).toBe(true);
    const reassessed = await scorer.reassess(decided, update);
    expect(reassessed.contributions.omitted).toBe('not_owed');
    const reduced = scorer.requestReduction(reassessed, 400_000, { asOf: '2026-11-21' });
    const applicant = asReassessed(decided, update);
    const contested = scorer.recordContest(reduced, { statement: 'please look', asOf: '2026-11-22' }, { applicant });
    expect(contested.contributions.factors.length).toBeGreaterThan(0);
    const declined = scorer.recordReview(contested, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-11-23' }, { applicant });
    expect(declined.outcome).toBe('decline');
    expect(declined.contributions.omitted).toBeUndefined();
    // The profile left at its own date is not the one reassessed: refused, naming the applicant.
    const undated = { ...applicant, asOf: profile.asOf };
    expect(refusal(() => scorer.recordContest(reduced, { statement: 'please look', asOf: '2026-11-22' }, { applicant: undated })).issues[0]?.path).toEqual([
      'applicant',
    ]);
  });

  it("a reassessment of the customer's reduction: the cap it kept is part of the profile as reassessed", async () => {
    // No request, no cap in the profile: the line the customer chose owes no reasons.
    const profile: ApplicantInput = { ...before, controls: {} };
    const decided = await scorer.decide(profile);
    const reduced = scorer.requestReduction(decided, 800_000, { asOf: '2026-11-05' });
    const update = { applicant: profile, evidence: [certificate], asOf: '2026-12-01' };
    const reassessed = await scorer.reassess(reduced, update);
    expect(reassessed).toMatchObject({ outcome: 'approve', limit: 800_000, controls: { selfSetCap: 800_000 } });
    expect(reassessed.contributions.omitted).toBe('not_owed');
    const applicant = asReassessed(reduced, update);
    const declined = scorer.recordReview(reassessed, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-12-02' }, { applicant });
    expect(declined.outcome).toBe('decline');
    expect(declined.contributions.factors.length).toBeGreaterThan(0);
    // Without the cap the reassessment kept, it is not the profile reassessed: refused, naming the applicant.
    const uncapped = { ...applicant, controls: profile.controls };
    const review = { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-12-02' } as const;
    expect(refusal(() => scorer.recordReview(reassessed, review, { applicant: uncapped })).issues[0]?.path).toEqual(['applicant']);
  });
});
