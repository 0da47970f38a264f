// A referral proposing a raise above the line on file, lowered by the customer to exactly that line:
// their new cap cuts the proposal to the line they hold, so the cap sets the limit, as it does one
// step above the line (the proposal stays pending, capped) and one step below (the line goes down).
// Found from outside (F83): a person cut a 17,000 RMB line to 5,000 RMB, a reassessment proposed
// 17,200 RMB for a person, and the customer capped the line at 5,000 RMB: the reduction said
// `bindingConstraint: 'risk'` (the risk cap 17,290.77 RMB) and gave "Limit set by your risk grade
// and income" for a 5,000 RMB limit, with no word of the customer's request; at 5,100 or 4,900 RMB
// it said `self_cap`, led by "Limit lowered at your request".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { LIMIT_SETTING_REASONS } from '../../src/policy/policyReasons.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { checkDecisionBinding } from '../../src/testing/_internals/bindingCap.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const STEP = 10_000;
const graduate = (): ApplicantInput => structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
const codes = (d: Decision) => d.reasons.map((r) => r.code);

/** What a reduction whose cap cut a waiting proposal must say, whatever side of the line the cap is on. */
function expectSetByTheCap(reduced: Decision, cap: number, who: string): void {
  expect(reduced.controls.selfSetCap, who).toBe(cap);
  expect(reduced.maxGrantable, `${who}: maxGrantable`).toBe(cap);
  expect(reduced.bindingConstraint, `${who}: the cap binds`).toBe('self_cap');
  // The kit's binding law (limit_within_caps, reasons_where_owed) holds it, and catches the old label.
  expect(() => checkDecisionBinding(reduced, defaultPolicy, who)).not.toThrow();
  expect(() => checkDecisionBinding({ ...reduced, bindingConstraint: 'risk' }, defaultPolicy, who)).toThrow(/binding constraint is "risk"/);
  expect(codes(reduced)[0], `${who}: the customer's request leads`).toBe('customer_reduction');
  // The proposal the prior's cap set is gone: no reason may say a cap that no longer sets the limit does.
  expect(
    codes(reduced).filter((c) => c !== 'customer_reduction' && LIMIT_SETTING_REASONS.has(c as never)),
    `${who}: no stale "Limit set by ..."`,
  ).toEqual([]);
}

describe('a reduction to exactly the line on file under a waiting raise is set by the customer’s cap', () => {
  it('the tester’s case: a line a person cut, a raise proposed for a person, capped at the line', async () => {
    const a = graduate();
    const decided = await scorer.decide(a);
    const cut = scorer.recordReview(decided, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 500_000, asOf: '2026-11-02' });
    const proposed = await scorer.reassess(cut, { applicant: { ...a, asOf: '2026-12-10' } });
    expect(proposed).toMatchObject({ outcome: 'refer', lineAction: 'review', previousLimit: 500_000 });
    expect(proposed.limit).toBeGreaterThan(510_000);
    for (const amount of [490_000, 500_000, 510_000]) {
      const reduced = scorer.requestReduction(proposed, amount, { asOf: '2026-12-11' });
      expectSetByTheCap(reduced, amount, `capped at ${amount}`);
      expect(codes(reduced), `capped at ${amount}`).toContain('line_cut_by_person');
      expect(lineOnFileAfter(reduced, STEP)).toBe(Math.min(amount, 500_000));
    }
    // The reassessment right after it says the same of the same line.
    const reduced = scorer.requestReduction(proposed, 500_000, { asOf: '2026-12-11' });
    const after = await scorer.reassess(reduced, { applicant: { ...a, asOf: '2026-12-11' } });
    expect(after).toMatchObject({ limit: 500_000, bindingConstraint: 'self_cap' });
  });

  it('a review the customer asked for, capped at the line: the pending proposal is the line, set by the cap', async () => {
    const a = graduate();
    const pending = await scorer.decide({ ...a, controls: { ...a.controls, humanReview: true } });
    expect(pending).toMatchObject({ outcome: 'refer', lineAction: 'review', previousLimit: 300_000, review: { status: 'pending' } });
    for (const amount of [290_000, 300_000, 310_000]) {
      const reduced = scorer.requestReduction(pending, amount);
      expectSetByTheCap(reduced, amount, `pending, capped at ${amount}`);
      expect(reduced.review, `pending, capped at ${amount}`).toMatchObject({ status: 'pending', proposed: { outcome: 'approve', limit: amount } });
      expect(codes(reduced), `pending, capped at ${amount}`).toContain('human_review_requested');
    }
  });
});
