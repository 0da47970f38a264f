// Outside tester findings8-customer #2, #6, #7: a decision's what-if suggestions were previews of
// deciding again with the certificate, but a customer with a decision uploads it through
// `reassess(decision, ...)` (README, Interactive reassessment), where the line this decision set is
// the line on file and its raise is in the ledger. So a decision that made the third raise in the
// step-limit window still promised "+300 RMB" that the upload could not give (step_limit), every
// example preview was below what the upload gave (the new line lowers utilisation), and a decline
// previewed a referral's proposal as if a raise. A decision's preview is now exactly the
// reassessment that uploads the certificate to it, and says its outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { creditLaws } from '../../src/testing/index.js';
import { uploadOfSuggestion } from './uploadOfSuggestion.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(() => scorer?.close());

/** What uploading each suggestion to the decision gives, beside what it promised. */
async function uploads(d: Decision, a: ApplicantInput) {
  return Promise.all(
    d.suggestions.items.map(async (s) => {
      const next = await scorer.reassess(d, { applicant: a, evidence: [uploadOfSuggestion(scorer, a, s)] });
      return {
        promised: { kind: s.kind, outcome: s.outcome, limit: s.limit, pd: s.pd },
        got: { kind: s.kind, outcome: next.outcome, limit: next.limit, pd: next.pd },
      };
    }),
  );
}

const example = (i: number) => exampleApplicants[i]!.applicant as ApplicantInput;

describe("a decision's suggestions preview the upload to it (reassess)", () => {
  it('the decision that makes the third raise in the window promises no raise, and says step_limit (tester f2)', async () => {
    const a = example(0);
    const limitHistory = [
      { asOf: '2026-10-20', from: 100_000, to: 200_000 },
      { asOf: '2026-10-25', from: 200_000, to: 300_000 },
    ];
    const d = await scorer.decide(a, { limitHistory });
    expect(d.lineAction).toBe('raise');
    for (const u of await uploads(d, a)) expect(u.got).toEqual(u.promised);
    expect(d.suggestions.items).toEqual([]);
    expect(d.suggestions.blockedBy).toBe('step_limit');
  });

  it('every example preview is exactly what uploading it to the decision gives (tester f3: 15 of 15 gave more)', async () => {
    let checked = 0;
    for (const { applicant } of exampleApplicants) {
      const d = await scorer.decide(applicant);
      for (const u of await uploads(d, applicant as ApplicantInput)) {
        expect(u.got).toEqual(u.promised);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('a line closed with its balance still owed previews no upload: the debt above the closed line binds first (findings26 F1; was tester f8)', async () => {
    // A 29,400 RMB line closed on a PD above the cut-off, 28,518 RMB owed on it on 3,975 RMB a month.
    // A language certificate brings the PD into the refer band, and the preview promised a 3,500 RMB
    // proposal; but uploading it reassesses the closed line, whose balance, above it, fails the checks
    // by its own repayment (2,585.71 RMB a month) whatever the limit. (The summary's wording of a
    // suggestion that leads to a referral is held by test/cli/decideSummarySuggestions.test.ts.)
    const a: ApplicantInput = {
      id: 'prop-service_worker-326746',
      asOf: '2026-11-01',
      birthDate: '1983-10-28',
      identity: { idHash: 'e1937935b7cc6f94436b99bf153f50f5836ea72a5ab3465d082be9c562966d04' },
      employment: { type: 'other', industry: 'hospitality_catering', startDate: '2026-07-04' },
      income: { monthlyNet: 397_500, source: 'bank_statement' },
      socialInsuranceMonths: 114,
      housingFundMonths: 112,
      residence: { cityTier: 5, region: 'central' },
      bureau: { hasFile: true, enquiries6m: 7, delinquencies24m: 1, currentDaysPastDue: 0, otherConsumerCreditBalance: 0, otherMonthlyDebtService: 0 },
      platform: {
        accountAgeMonths: 100,
        transactions3m: 593,
        transactionAmount3m: 16_366_800,
        onTimeRepaymentRate: 0.78,
        currentLimit: 2_940_000,
        currentBalance: 2_851_800,
        otherLinesLimit: 0,
      },
      household: { monthlyEssentialSpending: 98_000, dependants: 0 },
      controls: { selfSetCap: 5_999_900 },
      evidence: [],
    };
    const d = await scorer.decide(a);
    expect([d.outcome, d.lineAction]).toEqual(['decline', 'close']);
    expect(d.suggestions).toMatchObject({ items: [], blockedBy: 'decline' });
    // The next reassessment of the closed line says why: the debt.
    const after = await scorer.reassess(d, { applicant: { ...a, platform: { ...a.platform, currentLimit: 0 } }, evidence: [] });
    expect(after.outcome).toBe('decline');
    expect(after.policyReasons).toContain('balance_owed_unaffordable');
  });

  it('law suggestions_come_true, on the upload path too', async () => {
    await creditLaws.suggestions_come_true.check({ scorer }, { scorerNumRuns: 12, seed: 11 });
  });
});
