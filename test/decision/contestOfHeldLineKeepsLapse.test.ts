// A deep run (seed 1049797443) found a contest of a held reassessment whose four reasons left out the
// lapse its prior named: the reassessment (three new delinquencies, an IELTS expired 93 days later)
// named evidence_expired among its four; the contest led with contest_received, and owedWithin kept
// the lapse only where it moved the limit, which a knock-out the evidence cannot move (the bureau
// file) rules out. The law says a contest, reduction or referring review of a held line names the
// lapse its prior named; owedWithin now keeps it for them.
//
// The counterexample is written out below, as the law's shrunk run drew it: replaying it through
// the law (seed and a 117-step path) spent 4-6 s of CPU walking fast-check's shrink tree, the only
// costly step, to reach this one applicant and update. reasons_where_owed is run in full by
// test/lawsDefaultPolicy.test.ts and, longer, by test/deep/lawsAcrossScorerConfigurations.test.ts.
import { expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import type { Applicant } from '../../src/schema/applicant.js';

const idHash = '2ffd00ac40941baad7a56c42e9933e23fc6e0e26309fbbcb6d85d1e866bec58e';
const applicant: Applicant = {
  id: 'prop-established_professional-999992',
  asOf: '2026-11-01',
  birthDate: '1996-05-31',
  identity: { idHash },
  employment: { type: 'self_employed', industry: 'public_sector' },
  income: { monthlyNet: 2_600_200, source: 'bank_statement' },
  socialInsuranceMonths: 31,
  housingFundMonths: 16,
  residence: { cityTier: 1, region: 'east' },
  bureau: { hasFile: false, currentDaysPastDue: 0, otherConsumerCreditBalance: 0, otherMonthlyDebtService: 0 },
  platform: {
    accountAgeMonths: 6,
    transactions3m: 600,
    transactionAmount3m: 18_000_000,
    onTimeRepaymentRate: 0.75,
    currentLimit: 3_190_000,
    currentBalance: 159_500,
  },
  household: { monthlyEssentialSpending: 443_700, dependants: 1 },
  controls: { selfSetCap: 4_989_300, requestedLimit: 6_280_000 },
  evidence: [
    {
      kind: 'ielts',
      issuer: 'Issuer of IELTS',
      credentialId: 'IELTS-D7E60963008F',
      holder: { idHash },
      issueDate: '2025-02-01',
      expiryDate: '2031-04-21',
      score: 6.5,
      verification: { method: 'issuer_api', confidence: 0.79 },
      documentHash: '3c84adf4d2f4d87ccef87fba187280e6f2a6fe0a838c88ebda06da787a9d5f1d',
    },
  ],
} as Applicant;

// 93 days on: income fell, a bureau file appeared with three delinquencies (a knock-out no
// certificate moves), and the IELTS result is past the two years it counts for.
const reassessed: Applicant = {
  ...applicant,
  asOf: '2027-02-02',
  income: { monthlyNet: 780_060, source: 'bank_statement' },
  bureau: { hasFile: true, currentDaysPastDue: 0, otherConsumerCreditBalance: 10_000_000, otherMonthlyDebtService: 0, delinquencies24m: 3 },
  platform: { ...applicant.platform, otherLinesLimit: 10_000_000 },
} as Applicant;

const codes = (d: Decision) => d.reasons.map((r) => r.code);

it('the contest, referring review and reduction of a held line name the lapse its prior named (the counterexample reasons_where_owed found)', async () => {
  const scorer = await createScorer({ suggestionsPerDecision: 0 });
  try {
    const decided = await scorer.decide(applicant);
    const held = await scorer.reassess(decided, { applicant: reassessed, evidence: [] });
    // The case as found: held, with the lapse among its four beside a bureau knock-out.
    expect(held.lineAction).toBe('hold');
    expect(codes(held)).toEqual(expect.arrayContaining(['too_many_delinquencies', 'line_held_for_review', 'evidence_expired']));

    const contested = scorer.recordContest(held, { statement: 'I disagree' });
    expect(contested.lineAction).toBe('hold');
    expect(codes(contested)).toEqual(expect.arrayContaining(['contest_received', 'line_held_for_review', 'evidence_expired']));

    const referred = scorer.recordReview(held, { reviewerRole: 'credit_officer', outcome: 'refer', limit: 0 });
    expect(codes(referred)).toEqual(expect.arrayContaining(['line_held_for_review', 'evidence_expired']));

    const step = scorer.policy.limits.roundingStep;
    const reduced = scorer.requestReduction(held, held.limit - step);
    expect(reduced.lineAction).toBe('hold');
    expect(codes(reduced)).toEqual(expect.arrayContaining(['customer_reduction', 'evidence_expired']));
  } finally {
    await scorer.close();
  }
});
