// F75: a person who lowers a held line to what may be granted releases the hold, so the review is no
// longer labelled `line_on_file`. The teacher's 17,600 RMB line, held when other repayments rose by
// 1,000 RMB a month (6,600 RMB grantable, set by affordability), approved by a person at 6,600 RMB was
// sealed `approve` / `lower` with `bindingConstraint: 'line_on_file'` (the held reassessment's label)
// beside the reason "Limit set by ... income left after living costs", and the reassessment of the same
// facts the next moment said `affordability`. `line_on_file` is the label of a held line only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

async function heldTeacher(): Promise<{ held: Decision; worse: ApplicantInput }> {
  const teacher = exampleFor('salaried_teacher').applicant as ApplicantInput;
  const prior = await scorer.decide(teacher);
  const worse = structuredClone(teacher);
  worse.bureau = { ...worse.bureau, otherMonthlyDebtService: (worse.bureau.otherMonthlyDebtService ?? 0) + 100_000 };
  const held = await scorer.reassess(prior, { applicant: worse });
  expect([held.outcome, held.lineAction, held.limit, held.maxGrantable, held.bindingConstraint]).toEqual(['refer', 'hold', 1_760_000, 660_000, 'line_on_file']);
  return { held, worse };
}

describe('a held line a person lowers to what may be granted is labelled by what sets it', () => {
  it('approved at the grantable 6,600 RMB: affordability, as the reassessment after it says (was line_on_file)', async () => {
    const { held, worse } = await heldTeacher();
    const rv = scorer.recordReview(held, { reviewerRole: 'credit_officer', outcome: 'approve', limit: held.maxGrantable });
    expect([rv.outcome, rv.lineAction, rv.limit, rv.bindingConstraint]).toEqual(['approve', 'lower', 660_000, 'affordability']);
    expect(rv.reasons.map((r) => r.code)).toEqual(['human_review_decided', 'limit_affordability_residual_income']);
    const after = await scorer.reassess(rv, { applicant: worse });
    expect([after.lineAction, after.limit, after.bindingConstraint]).toEqual(['keep', 660_000, rv.bindingConstraint]);
  });

  it('through a contest of the held line the same; below it the person, a referral keeps the hold', async () => {
    const { held } = await heldTeacher();
    const contest = scorer.recordContest(held, { statement: 'The new loan is paid off next month' });
    expect(contest.bindingConstraint).toBe('line_on_file');
    const rv = scorer.recordReview(contest, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 660_000 });
    expect([rv.lineAction, rv.bindingConstraint]).toEqual(['lower', 'affordability']);
    const cut = scorer.recordReview(held, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 500_000 });
    expect(cut.bindingConstraint).toBe('person');
    const referred = scorer.recordReview(held, { reviewerRole: 'credit_officer', outcome: 'refer', limit: 660_000 });
    expect([referred.lineAction, referred.bindingConstraint]).toEqual(['hold', 'line_on_file']);
  });

  it("a held reduction told the balance is paid down: the person's approval names the customer's cap, or the person below it", async () => {
    const teacher = exampleFor('salaried_teacher').applicant as ApplicantInput;
    const d = await scorer.decide(teacher);
    const owing = scorer.requestReduction(d, 500_000, { currentBalance: 30_000_000 });
    const paid = scorer.requestReduction(owing, 400_000, { currentBalance: 0 });
    // What may be granted stays 0 (a reduction never raises it): the line stays held for a person.
    expect([paid.lineAction, paid.maxGrantable, paid.bindingConstraint]).toEqual(['hold', 0, 'line_on_file']);
    const atCap = scorer.recordReview(paid, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 400_000 });
    expect([atCap.lineAction, atCap.bindingConstraint]).toEqual(['keep', 'self_cap']);
    const below = scorer.recordReview(paid, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 300_000 });
    expect([below.lineAction, below.bindingConstraint]).toEqual(['lower', 'person']);
    // Below the customer's cap the person set it: not "Limit lowered at your request", and a cut only a
    // person raises (the next reassessment raised it to the 4,000 RMB cap on its own).
    expect(below.reasons.map((r) => r.code)).toEqual(['human_review_decided']);
    expect(below.policyReasons).toContain('line_cut_by_person');
    const after = await scorer.reassess(below, { applicant: { ...teacher, platform: { ...teacher.platform, currentBalance: 0 } } });
    expect([after.outcome, after.lineAction, lineOnFileAfter(after)]).toEqual(['refer', 'review', 300_000]);
    expect(after.reasons[0]?.code).toBe('line_cut_by_person');
    // A decline keeps the label it had.
    expect(scorer.recordReview(paid, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }).bindingConstraint).toBe('line_on_file');
  });
});
