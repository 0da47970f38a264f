import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { payrollApplicant } from '../helpers/payrollApplicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

/** The payroll applicant on 24,000 RMB a month with a 30,000 RMB line and `debt` fen of other repayments. */
const withLine = (debt: number) => {
  const a = payrollApplicant('held-twice-reviewed', debt);
  return { ...a, income: { ...a.income, monthlyNet: 2_400_000 }, platform: { ...a.platform, currentLimit: 3_000_000 } };
};

// A line held above what may be granted, referred by one person and approved lower by a second, listed
// "Decided by a person on review" twice: one of the notice's four principal reasons spent on a repeat.
describe('a second person’s review names the review once', () => {
  it('reasons and policy reasons hold human_review_decided once; the notice lists it once', async () => {
    const held = await scorer.reassess(await scorer.decide(withLine(100_000)), { applicant: withLine(900_000), evidence: [] });
    expect(held.lineAction).toBe('hold');
    const referred = scorer.recordReview(held, { reviewerRole: 'credit_officer', outcome: 'refer', limit: held.maxGrantable });
    const approved = scorer.recordReview(referred, { reviewerRole: 'senior_officer', outcome: 'approve', limit: held.maxGrantable });
    const count = (codes: readonly string[]) => codes.filter((c) => c === 'human_review_decided').length;
    expect(count(approved.policyReasons)).toBe(1);
    expect(count(approved.reasons.map((r) => r.code))).toBe(1);
    const notice = adverseActionNotice(approved);
    expect(count(notice.principalReasons.map((r) => r.code))).toBe(1);
  });
});
