// A referral only proposes a limit; a reduction lowers the line the customer holds, not the
// proposal. Found from outside (findings12-recheck R1): a referral proposing to cut a 30,000 RMB
// line to 28,200 RMB (affordability binds), lowered by the customer to 28,300 RMB, came back
// `refer` / `lower` proposing 28,300 RMB, above `maxGrantable` (28,200 RMB), failing its own
// affordability checks (debt service 756,587 > 756,000 fen), the affordability reason dropped, and
// a person approving the limit shown was refused. Now the review stays pending on the proposal
// (`lineAction: 'review'`, limit 28,200 RMB) and the line on file goes down to 28,300 RMB.
// A held line lowered by the customer but still above what may be granted stays held likewise.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice, renderAdverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { summarizeDecision } from '../../src/cli/summarizeDecision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { roundDownToStep } from '../../src/policy/limit.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { applicantArbitrary } from '../../src/testing/index.js';
import { mostlyApprovable, oftenTight } from '../../src/testing/_internals/approvable.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const STEP = 10_000;

/** The tester's applicant: 24,000 RMB self-declared (referred), 5,000 RMB a month of other debts, a 30,000 RMB line. */
function heldCut(controls: ApplicantInput['controls'] = {}): ApplicantInput {
  return {
    id: 'held-cut',
    asOf: '2026-11-24',
    birthDate: '1995-05-14',
    identity: { idHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    employment: { type: 'salaried', industry: 'information_technology', startDate: '2020-08-15' },
    income: { monthlyNet: 2_400_000, source: 'self_declared' },
    socialInsuranceMonths: 40,
    housingFundMonths: 40,
    residence: { cityTier: 2, region: 'central' },
    bureau: { hasFile: true, otherMonthlyDebtService: 500_000 },
    platform: { accountAgeMonths: 40, transactions3m: 150, transactionAmount3m: 1_300_000, onTimeRepaymentRate: 1, currentLimit: 3_000_000 },
    household: { monthlyEssentialSpending: 200_000, dependants: 0 },
    controls,
    evidence: [],
  };
}

const codes = (d: Decision) => d.reasons.map((r) => r.code);

/**
 * What a referral waiting for a person must say (the law checked below on drawn applicants): its
 * limit is the proposal, within maxGrantable, passing its own affordability checks, and the one a
 * pending review shows.
 */
function expectProposal(d: Decision, who: string): void {
  if (d.outcome !== 'refer' || d.lineAction === 'hold' || d.review?.status === 'contested' || d.limit === 0) return;
  expect(d.limit, `${who}: limit within maxGrantable`).toBeLessThanOrEqual(d.maxGrantable);
  expect(d.affordability.pass, `${who}: the proposal passes its own affordability checks`).toBe(true);
  if (d.review?.status === 'pending') expect(d.review.proposed.limit, `${who}: the pending review shows the limit`).toBe(d.limit);
}

describe("a reduction of a referral lowers the line on file, never turns the amount asked into the referral's proposal", () => {
  it("the tester's case: 30,000 RMB line, proposal 28,200 RMB, lowered to 28,300 RMB", async () => {
    const d = await scorer.decide(heldCut());
    expect(d).toMatchObject({ outcome: 'refer', lineAction: 'review', limit: 2_820_000, previousLimit: 3_000_000, bindingConstraint: 'affordability' });
    const r = scorer.requestReduction(d, 2_830_000);
    expect(r).toMatchObject({
      outcome: 'refer',
      lineAction: 'review',
      limit: 2_820_000,
      previousLimit: 3_000_000,
      maxGrantable: 2_820_000,
      bindingConstraint: 'affordability',
      controls: { selfSetCap: 2_830_000 },
    });
    expect(lineOnFileAfter(r, STEP)).toBe(2_830_000);
    // The proposal's own figures, which pass.
    expect(r.affordability).toEqual(d.affordability);
    expect(codes(r)).toEqual(['customer_reduction', ...codes(d)].slice(0, 4));
    expect(codes(r)).toContain('limit_affordability_debt_service');
    expectProposal(r, 'lowered to 28,300 RMB');
    // A person may approve what is proposed.
    const approved = scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'approve', limit: r.limit, note: 'as proposed' });
    expect(approved).toMatchObject({ outcome: 'approve', limit: 2_820_000 });
    // The notice and the CLI say the customer lowered their line.
    const notice = adverseActionNotice(r, { roundingStep: STEP });
    expect(notice).toMatchObject({ customerReduction: true, lineOnFile: 2_830_000, previousLimit: 3_000_000, limit: 2_820_000 });
    const text = renderAdverseActionNotice(notice, 'en');
    expect(text).toContain('your line goes from 30,000 RMB to 28,300 RMB at your request while a person decides (proposed limit 28,200 RMB)');
    expect(text).toContain('You lowered this line yourself');
    expect(summarizeDecision(r)).toContain('line on file ¥28,300, lowered at the customer’s request');
  });

  it('asked at or below the proposal: the line goes down to the amount asked, as before', async () => {
    const d = await scorer.decide(heldCut());
    for (const amount of [2_820_000, 2_810_000]) {
      const r = scorer.requestReduction(d, amount);
      expect(r).toMatchObject({
        outcome: 'refer',
        lineAction: 'lower',
        limit: amount,
        previousLimit: 3_000_000,
        maxGrantable: amount,
        bindingConstraint: 'self_cap',
      });
      expect(r.affordability.pass).toBe(true);
      expect(adverseActionNotice(r, { roundingStep: STEP }).customerReduction).toBe(true);
    }
  });

  it('asked above the line: the proposal stays pending and the line stays (a cap is set)', async () => {
    const d = await scorer.decide(heldCut());
    const r = scorer.requestReduction(d, 3_500_000);
    expect(r).toMatchObject({ outcome: 'refer', lineAction: 'review', limit: 2_820_000, previousLimit: 3_000_000, controls: { selfSetCap: 3_500_000 } });
    expect(lineOnFileAfter(r, STEP)).toBe(3_000_000);
    expect(r.affordability.pass).toBe(true);
    expect(codes(r)).toEqual(codes(d));
    expect(adverseActionNotice(r, { roundingStep: STEP }).customerReduction).toBe(false);
  });

  it('a pending review the customer asked for: the proposal shown is the limit, and a person may approve it', async () => {
    const d = await scorer.decide(heldCut({ humanReview: true }));
    expect(d.review).toMatchObject({ status: 'pending', proposed: { limit: d.limit } });
    const r = scorer.requestReduction(d, d.limit + 10_000);
    expect(r).toMatchObject({ lineAction: 'review', limit: d.limit, review: { status: 'pending', proposed: { limit: d.limit } } });
    expect(lineOnFileAfter(r, STEP)).toBe(d.limit + 10_000);
    expect(scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'approve', limit: r.limit }).limit).toBe(d.limit);
  });

  it('a referral proposing a raise, capped above the line: the proposal is bounded by the cap and stays the limit; the line stays', async () => {
    const graduate = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
    const d = await scorer.decide({ ...graduate, controls: { ...graduate.controls, humanReview: true } });
    expect(d.limit).toBeGreaterThan(1_000_000);
    const r = scorer.requestReduction(d, 1_000_000);
    expect(r).toMatchObject({ outcome: 'refer', lineAction: 'review', limit: 1_000_000, maxGrantable: 1_000_000, previousLimit: d.previousLimit });
    expect(r.review?.proposed.limit).toBe(1_000_000);
    expect(lineOnFileAfter(r, STEP)).toBe(d.previousLimit);
    // The proposal is now set by the customer's cap, and says so (findings13-recheck N1: it kept
    // "risk" and "Limit set by your risk grade and income", while reassess and decide said self_cap).
    expect(r.bindingConstraint).toBe('self_cap');
    expect(codes(r)[0]).toBe('customer_reduction');
    expect(codes(r).filter((c) => c.startsWith('limit_') && c !== 'limit_self_cap')).toEqual([]);
    expect(renderAdverseActionNotice(adverseActionNotice(r, { roundingStep: STEP }), 'en')).not.toMatch(/risk grade/);
  });

  it('a held line lowered, still above what may be granted today, stays held at the lowered line', async () => {
    // Approved 50,000 RMB on payroll income; then other debts rise to 9,000 RMB a month: the line is held.
    const payroll = (debt: number): ApplicantInput => ({
      ...heldCut(),
      income: { monthlyNet: 2_400_000, source: 'payroll' },
      bureau: { hasFile: true, otherMonthlyDebtService: debt },
    });
    const approved = await scorer.decide(payroll(100_000));
    const held = await scorer.reassess(approved, { applicant: payroll(900_000), evidence: [] });
    expect(held).toMatchObject({ outcome: 'refer', lineAction: 'hold', limit: 5_000_000, maxGrantable: 3_300_000 });
    const r = scorer.requestReduction(held, 4_000_000);
    expect(r).toMatchObject({
      outcome: 'refer',
      lineAction: 'hold',
      limit: 4_000_000,
      previousLimit: 5_000_000,
      maxGrantable: 3_300_000,
      // Held, as every held line is labelled (it said self_cap, where the reassessment after it says line_on_file).
      bindingConstraint: 'line_on_file',
    });
    expect(r.affordability.pass).toBe(false);
    expect(codes(r)).toEqual(['customer_reduction', ...codes(held)]);
    expect(r.policyReasons).toContain('line_held_for_review');
    const notice = adverseActionNotice(r, { roundingStep: STEP });
    expect(notice.customerReduction).toBe(true);
    expect(renderAdverseActionNotice(notice, 'en')).toContain('your line goes from 50,000 RMB to 40,000 RMB at your request');
    // At what may be granted, the line is lowered and no longer held.
    const lowered = scorer.requestReduction(held, 3_300_000);
    expect(lowered).toMatchObject({ lineAction: 'lower', limit: 3_300_000 });
    expect(lowered.affordability.pass).toBe(true);
    // Asked above the held line: still held, as it was.
    expect(scorer.requestReduction(held, 6_000_000)).toMatchObject({ lineAction: 'hold', limit: 5_000_000, bindingConstraint: 'line_on_file' });
  });

  it('law, on drawn applicants with a line above what may be granted: a referral lowered anywhere keeps a proposal a person may approve', async () => {
    const met = { between: 0 };
    await fc.assert(
      fc.asyncProperty(
        oftenTight(mostlyApprovable(applicantArbitrary({ maxEvidence: 1 }), scorer.policy), scorer.policy),
        fc.boolean(),
        fc.integer({ min: 0, max: 100 }),
        async (a, humanReview, at) => {
          const first = await scorer.decide(a);
          if (first.limit === 0) return;
          // A line above what the policy grants today: the referral proposes to cut it.
          const line = first.limit + 1_000_000;
          const applicant = { ...a, platform: { ...a.platform, currentLimit: line }, controls: { ...a.controls, humanReview } };
          const d = await scorer.decide(applicant);
          expectProposal(d, 'decided');
          if (d.lineAction !== 'review' || d.limit === 0) return;
          const onFile = lineOnFileAfter(d, STEP);
          const amount = Math.max(scorer.policy.limits.productMin, Math.round(d.limit + (at / 100) * (onFile - d.limit)));
          const r = scorer.requestReduction(d, amount);
          if (amount > d.limit + STEP && amount < onFile) met.between++;
          expectProposal(r, `lowered to ${amount}`);
          expect(lineOnFileAfter(r, STEP)).toBe(Math.min(onFile, roundDownToStep(amount, STEP)));
          if (r.review?.status === 'pending' || r.review === null) {
            const approved = scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'approve', limit: r.limit });
            expect(approved.limit).toBe(r.limit);
          }
        },
      ),
      { seed: 12, numRuns: 60 },
    );
    expect(met.between, 'reductions between the proposal and the line').toBeGreaterThan(5);
  });
});
