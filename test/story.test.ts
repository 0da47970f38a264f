import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import { exampleFor, exampleUploadStep } from '../src/examples/index.js';
import { budgetView, constraintText, describeUpload } from '../src/story/index.js';

// A lender's tight step limits: the first decision may open up, the upload's rise must wait.
let tight: Scorer;
beforeAll(async () => {
  tight = await createScorer({
    policyOverrides: { stepLimits: { perStepRatio: 0, perStepAmount: 10_000, windowDays: 30, windowMaxIncrease: 10_000_000, windowMaxCount: 10 } },
  });
});
afterAll(() => tight.close());

describe('describeUpload', () => {
  it('a rise held by a step limit says the rest waits for the next step, in both languages', { timeout: 60_000 }, async () => {
    const { before, certificate } = exampleUploadStep(exampleFor('new_graduate'));
    const first = await tight.decide(before);
    const next = await tight.reassess(first, { applicant: before, evidence: [certificate] });
    const e = describeUpload(first, next);
    expect(e.stepLimited).toBe(true);
    expect(e.to - e.from).toBeLessThanOrEqual(10_000);
    expect(e.why.en).toMatch(/next step/);
    expect(e.why.zhHans).toMatch(/下次评估/);
  });

  it('from and to are the prior and the new limit; gains add up to the movement', { timeout: 60_000 }, async () => {
    const { before, certificate } = exampleUploadStep(exampleFor('retail_clerk'));
    const first = await tight.decide(before);
    const next = await tight.reassess(first, { applicant: before, evidence: [certificate] });
    const e = describeUpload(first, next);
    expect(e.from).toBe(first.limit);
    expect(e.to).toBe(next.limit);
    expect(e.from + e.redecisionGain + e.certificateGain).toBe(e.to);
    expect(e.kind).toBe('junior_accountant');
    expect(e.status).toBe('accepted');
  });
});

describe('budgetView and constraintText', () => {
  it("the budget assistant previews its lower-limit offer, and shares the payment against the customer's budget", { timeout: 60_000 }, async () => {
    const applicant = exampleFor('gig_driver').applicant;
    const d = await tight.decide(applicant);
    const v = budgetView(d, applicant, 400_000);
    expect(v.offerIsLive).toBe(false);
    expect(v.lowerLimitOffer.offer).toBe(true);
    expect(v.lowerLimitOffer.recommendedLimit).toBeLessThan(d.limit);
    expect(v.paymentShareOfBudget).toBeCloseTo(d.affordability.monthlyPayment / 400_000, 12);
    // A preview is said as a condition: the customer has not been over budget.
    expect(v.lowerLimitOffer.explanation.en).toMatch(/^If your spending ran over your budget 2 months in a row/);
    expect(v.lowerLimitOffer.explanation.zhHans).toMatch(/^如果您连续2个月超出预算/);
    expect(v.lowerLimitOffer.explanation.en).not.toMatch(/You have spent more/);
    const live = await tight.decide({ ...applicant, financialHealth: { overBudgetMonths: 4 } });
    expect(budgetView(live, applicant).offerIsLive).toBe(true);
  });

  it('an unknown constraint a newer Decision may carry is shown by its code, not dropped', () => {
    expect(constraintText('risk').zhHans).toBe('风险等级和收入');
    expect(constraintText('jurisdiction_cap')).toEqual({ en: 'jurisdiction_cap', zhHans: 'jurisdiction_cap' });
  });
});
