// A line held above what may be granted today (`hold`: a reassessment found the line on file above
// `maxGrantable`) is no proposal, and a customer's contest of it does not make it one. Found from
// the inside (the held-contest round, gap 1): a 50,000 RMB line held after other debts rose to
// 9,000 RMB a month (33,000 RMB grantable), contested, came back `refer` / `review` with `limit` the
// held line, the contested review proposing 50,000 RMB, `affordability.pass: false`, the notice
// saying "proposed limit 50,000 RMB", and a person asked to refer it as proposed refused; the
// customer lowering it to 40,000 RMB then got `lower` at 40,000 RMB, above what may be granted,
// failing its checks. A held pending review (the customer asked for a person) proposed "approve
// 50,000 RMB" too. The kit's approved_limits_affordable skipped both shapes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice, renderAdverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { NO_AUDIT_KEYS, sealDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { summarizeDecision } from '../../src/cli/summarizeDecision.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { applicantArbitrary } from '../../src/testing/index.js';
import { mostlyApprovable } from '../../src/testing/_internals/approvable.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const STEP = 10_000;

/** 24,000 RMB on payroll, a 30,000 RMB line, other debts as given. */
function payroll(debt: number, controls: ApplicantInput['controls'] = {}): ApplicantInput {
  return {
    id: 'held-contest',
    asOf: '2026-11-24',
    birthDate: '1995-05-14',
    identity: { idHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    employment: { type: 'salaried', industry: 'information_technology', startDate: '2020-08-15' },
    income: { monthlyNet: 2_400_000, source: 'payroll' },
    socialInsuranceMonths: 40,
    housingFundMonths: 40,
    residence: { cityTier: 2, region: 'central' },
    bureau: { hasFile: true, otherMonthlyDebtService: debt },
    platform: { accountAgeMonths: 40, transactions3m: 150, transactionAmount3m: 1_300_000, onTimeRepaymentRate: 1, currentLimit: 3_000_000 },
    household: { monthlyEssentialSpending: 200_000, dependants: 0 },
    controls,
    evidence: [],
  };
}

/** Approved 50,000 RMB at 1,000 RMB of other debts; reassessed at 9,000 RMB a month: held. */
async function heldLine(controls: ApplicantInput['controls'] = {}): Promise<Decision> {
  const approved = await scorer.decide(payroll(100_000));
  const held = await scorer.reassess(approved, { applicant: payroll(900_000, controls), evidence: [] });
  expect(held).toMatchObject({ outcome: 'refer', lineAction: 'hold', limit: 5_000_000, maxGrantable: 3_300_000, bindingConstraint: 'line_on_file' });
  return held;
}

describe('a contest of a held line keeps it held, and shows the reviewer what may be granted apart from it', () => {
  it("the tester's case: 50,000 RMB held, 33,000 RMB grantable, contested", async () => {
    const held = await heldLine();
    const c = scorer.recordContest(held, { statement: 'My other loan ends next month.' });
    expect(c).toMatchObject({
      outcome: 'refer',
      lineAction: 'hold',
      limit: 5_000_000,
      previousLimit: 5_000_000,
      maxGrantable: 3_300_000,
      bindingConstraint: 'line_on_file',
      affordability: { limit: 5_000_000, pass: false },
      review: { status: 'contested', proposed: { outcome: 'refer', limit: 3_300_000 } },
    });
    expect(lineOnFileAfter(c, STEP)).toBe(5_000_000);
    expect(c.policyReasons).toEqual(expect.arrayContaining(['line_held_for_review', 'contest_received']));
    // The customer is told their line stays while a person decides, not that 50,000 RMB is proposed.
    const text = renderAdverseActionNotice(adverseActionNotice(c, { roundingStep: STEP }), 'en');
    expect(text).toContain('Outcome: referred to a person for review; your line stays 50,000 RMB while a person decides.');
    expect(text).not.toMatch(/proposed limit 50,000/);
    expect(renderAdverseActionNotice(adverseActionNotice(c, { roundingStep: STEP }), 'zhHans')).toContain('审核期间您的额度仍为 50,000 元');
    // The CLI shows the held line and what may be granted beside it.
    expect(summarizeDecision(c)).toContain('grantable today ¥33,000');
  });

  it('a person may grant what may be granted, never the held line; the record keeps what may be granted as the proposal', async () => {
    const c = scorer.recordContest(await heldLine(), { statement: 'I disagree' });
    expect(() => scorer.recordReview(c, { reviewerRole: 'credit_officer', outcome: 'approve', limit: c.limit })).toThrow(/healthyLimit/);
    const approved = scorer.recordReview(c, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 3_300_000 });
    expect(approved).toMatchObject({ outcome: 'approve', lineAction: 'lower', limit: 3_300_000, affordability: { pass: true } });
    expect(approved.review?.proposed).toEqual({ outcome: 'refer', limit: 3_300_000 });
    // A person reviewing the held line itself is shown the same.
    const reviewed = scorer.recordReview(await heldLine(), { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 });
    expect(reviewed.review?.proposed).toEqual({ outcome: 'refer', limit: 3_300_000 });
  });

  it('the customer lowering the contested line: still above what may be granted it stays held; at it, it is lowered', async () => {
    const c = scorer.recordContest(await heldLine(), { statement: 'I disagree' });
    // Was `lower` at 40,000 RMB, above maxGrantable, failing its checks.
    expect(scorer.requestReduction(c, 4_000_000)).toMatchObject({
      outcome: 'refer',
      lineAction: 'hold',
      limit: 4_000_000,
      maxGrantable: 3_300_000,
      affordability: { pass: false },
      review: { status: 'contested', proposed: { limit: 3_300_000 } },
    });
    expect(scorer.requestReduction(c, 3_300_000)).toMatchObject({ lineAction: 'lower', limit: 3_300_000, affordability: { pass: true } });
    // Asked above the line: held as it was (was `keep` at 50,000 RMB).
    expect(scorer.requestReduction(c, 6_000_000)).toMatchObject({ lineAction: 'hold', limit: 5_000_000, bindingConstraint: 'line_on_file' });
  });

  it('a held line the customer asked a person for proposes what may be granted, and so do its contest and the reassessment after it', async () => {
    const held = await heldLine({ humanReview: true });
    expect(held.review).toMatchObject({ status: 'pending', proposed: { outcome: 'approve', limit: 3_300_000 } });
    const c = scorer.recordContest(held, { statement: 'I disagree' });
    expect(c).toMatchObject({ lineAction: 'hold', review: { status: 'contested', proposed: { outcome: 'approve', limit: 3_300_000 } } });
    const again = await scorer.reassess(c, { applicant: payroll(900_000), evidence: [] });
    expect(again).toMatchObject({ lineAction: 'hold', limit: 5_000_000, review: { status: 'contested', proposed: { outcome: 'approve', limit: 3_300_000 } } });
  });

  it('a held pending review sealed by the build before (proposing the held line) is bounded on contest and reduction', async () => {
    const held = await heldLine({ humanReview: true });
    const { contentHash: _c, signature: _s, ...audit } = held.audit;
    const before = sealDecision(
      { ...held, review: { ...(held.review as NonNullable<Decision['review']>), proposed: { outcome: 'approve', limit: 5_000_000 } }, audit },
      NO_AUDIT_KEYS,
    );
    expect(scorer.recordContest(before, { statement: 'I disagree' }).review?.proposed).toEqual({ outcome: 'approve', limit: 3_300_000 });
    expect(scorer.requestReduction(before, 4_000_000)).toMatchObject({ lineAction: 'hold', limit: 4_000_000, review: { proposed: { limit: 3_300_000 } } });
  });

  it('law: on drawn applicants whose other debts rise, a contest never shows a line above what may be granted as the proposal, nor one a person may approve unaffordable', async () => {
    const met = { held: 0 };
    await fc.assert(
      fc.asyncProperty(
        mostlyApprovable(applicantArbitrary({ maxEvidence: 1 }), scorer.policy),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 100 }),
        async (a, rise, humanReview, at) => {
          const d = await scorer.decide(a);
          if (d.limit === 0) return;
          const heavier = {
            ...a,
            bureau: { ...a.bureau, otherMonthlyDebtService: (a.bureau.otherMonthlyDebtService ?? 0) + Math.round((a.income.monthlyNet * rise) / 100) },
            controls: { ...a.controls, humanReview },
          };
          const held = await scorer.reassess(d, { applicant: heavier, evidence: [] });
          if (held.lineAction !== 'hold') return;
          met.held++;
          const c = scorer.recordContest(held, { statement: 'I disagree' });
          expect(c.lineAction, 'a contest of a held line keeps it held').toBe('hold');
          expect(c.limit).toBe(held.limit);
          expect(c.limit).toBeGreaterThan(c.maxGrantable);
          expect(c.review?.proposed.limit, 'the reviewer sees what may be granted as the proposal').toBeLessThanOrEqual(c.maxGrantable);
          expect(lineOnFileAfter(c, STEP)).toBe(lineOnFileAfter(held, STEP));
          // A person's approval the scorer accepts passes its checks.
          for (const limit of [c.limit, c.maxGrantable]) {
            let approved: Decision | undefined;
            try {
              approved = scorer.recordReview(c, { reviewerRole: 'credit_officer', outcome: 'approve', limit });
            } catch {
              approved = undefined;
            }
            if (approved !== undefined) expect(approved.affordability.pass, `approved at ${limit}`).toBe(true);
          }
          // Lowered anywhere between what may be granted and the line: held or lowered, never an unaffordable line kept.
          const from = Math.max(scorer.policy.limits.productMin, c.maxGrantable);
          const amount = Math.max(scorer.policy.limits.productMin, from + Math.round(((c.limit - from) * at) / 100));
          const r = scorer.requestReduction(c, amount);
          if (r.lineAction === 'hold') expect(r.limit).toBeGreaterThan(r.maxGrantable);
          else expect(r.affordability.pass, `${r.lineAction} at ${r.limit}`).toBe(true);
        },
      ),
      { seed: 20261213, numRuns: 40 },
    );
    expect(met.held).toBeGreaterThan(5);
  });
});
