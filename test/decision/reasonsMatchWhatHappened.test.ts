// What the customer reads matches what happened. Found from outside: a reviewer's decline that
// closed the line still gave "Limit set by your risk grade and income" (no limit was granted); a
// customer's own reduction to 8,000 RMB gave the same reason, and its notice said "you asked for
// 20,000 RMB" and "made by automated means"; a customer three months over budget was raised 5.5x in
// the decision that told them "we are not suggesting a higher limit".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice, renderAdverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => {
  await scorer.close();
});

/** The new graduate: a 3,000 RMB line, 20,000 RMB asked, the policy grants about 16,800 (set by her risk grade). */
const graduate = (): ApplicantInput => structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;

/** Reasons that say what set a limit: the binding cap, the step limits, a held line. */
const LIMIT_SETTING = /^(limit_(?!below_product_minimum)|step_limit_|line_held_for_review$)/;
const limitReasons = (d: Decision) => d.reasons.map((r) => r.code).filter((c) => LIMIT_SETTING.test(c));

describe('a decision that grants no limit gives no reason for what set one', () => {
  it("a reviewer's decline names the review, never the risk grade that set the limit it took away", async () => {
    const d = await scorer.decide(graduate());
    expect(d.reasons.map((r) => r.code)).toContain('limit_risk_grade');
    const declined = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 });
    expect(declined.lineAction).toBe('close');
    expect(declined.reasons[0]?.code).toBe('human_review_decided');
    expect(limitReasons(declined)).toEqual([]);
    // The record of the codes in force is kept whole for the lender.
    expect(declined.policyReasons).toContain('limit_risk_grade');
  });

  it('a knock-out decline names the knock-out, not the cap that would have bound', async () => {
    const d = await scorer.decide({ ...graduate(), birthDate: '1950-01-01' });
    expect(d.outcome).toBe('decline');
    expect(d.bindingConstraint).toBe('knockout');
    expect(d.reasons[0]?.code).toBe('age_above_maximum');
    expect(d.reasons.length).toBeLessThan(4);
    expect(limitReasons(d)).toEqual([]);
  });

  // findings10-chains F4: after the factory worker lowered her line to 8,000 RMB, a person's
  // decline closing it gave "Limit lowered at your request" as its second principal reason; so did
  // the decline of a contest of that reduction. Her reduction set a limit; it closed nothing.
  it("a person's decline after the customer's reduction, or of a contest of it, names the review, never the reduction", async () => {
    const d = await scorer.decide(exampleFor('factory_worker').applicant);
    const reduced = scorer.requestReduction(d, 800_000, { asOf: '2026-11-05' });
    expect(reduced.reasons[0]?.code).toBe('customer_reduction');
    const declined = scorer.recordReview(reduced, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-11-20' });
    expect(declined.lineAction).toBe('close');
    expect(declined.reasons[0]?.code).toBe('human_review_decided');
    expect(declined.reasons.map((r) => r.code)).not.toContain('customer_reduction');
    expect(renderAdverseActionNotice(adverseActionNotice(declined), 'en')).not.toContain('Limit lowered at your request');
    // Kept in the record of the codes in force, as the limit-setting ones are.
    expect(declined.policyReasons).toContain('customer_reduction');
    const contested = scorer.recordContest(reduced, { statement: 'please look', asOf: '2026-11-21' });
    const contestDeclined = scorer.recordReview(contested, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: '2026-11-22' });
    expect(contestDeclined.reasons.map((r) => r.code)).not.toContain('customer_reduction');
    expect(contestDeclined.reasons[0]?.code).toBe('human_review_decided');
  });

  it('a decline because the limit fell below the product minimum still names what held it there', async () => {
    const d = await scorer.decide(exampleFor('rural_household').applicant);
    expect(d.policyReasons).toContain('limit_below_product_minimum');
    expect(limitReasons(d)).toEqual(['limit_affordability_residual_income']);
    const declined = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 });
    expect(limitReasons(declined)).toEqual(['limit_affordability_residual_income']);
  });
});

describe("a customer's own reduction is explained and noticed as theirs", () => {
  it('lowered from the line granted (about 16,800 RMB) to 8,000 RMB at their request: that request is the reason, and the notice says so', async () => {
    const d = await scorer.decide(graduate());
    const reduced = scorer.requestReduction(d, 800_000);
    expect(reduced.limit).toBe(800_000);
    expect(reduced.reasons.map((r) => r.code)).toEqual(['customer_reduction']);
    const notice = adverseActionNotice(reduced);
    expect(notice.customerReduction).toBe(true);
    const en = renderAdverseActionNotice(notice, 'en');
    // The line it lowered is the decision's own (16,800 RMB on the default model as trained today).
    expect(d.limit).toBeGreaterThan(800_000);
    expect(en).toContain(`Outcome: approved, your line goes from ${(d.limit / 100).toLocaleString('en-US')} RMB to 8,000 RMB at your request.`);
    expect(en).not.toContain('you asked for 20,000 RMB');
    expect(en).not.toContain('This decision was made by automated means.');
    expect(en).toContain('You lowered this line yourself');
    const zh = renderAdverseActionNotice(notice, 'zhHans');
    expect(zh).toContain('按您的要求');
    expect(zh).not.toContain('您申请 20,000 元');
    expect(zh).not.toContain('本决定由自动化方式作出。');
    // The decision the reduction followed is noticed as before.
    expect(adverseActionNotice(d).customerReduction).toBe(false);
    expect(renderAdverseActionNotice(adverseActionNotice(d), 'en')).toContain('(you asked for 20,000 RMB)');
  });

  it('a reduction asked while a person reviews keeps the reasons for the referral, not the ones that set the proposal', async () => {
    const pending = await scorer.decide({ ...graduate(), controls: { ...graduate().controls, humanReview: true } });
    expect(pending.reasons.map((r) => r.code)).toContain('limit_risk_grade');
    const reduced = scorer.requestReduction(pending, 200_000);
    expect(reduced.lineAction).toBe('lower');
    const codes = reduced.reasons.map((r) => r.code);
    expect(codes[0]).toBe('customer_reduction');
    expect(codes).toContain('human_review_requested');
    expect(limitReasons(reduced)).toEqual([]);
    const en = renderAdverseActionNotice(adverseActionNotice(reduced), 'en');
    expect(en).toContain('As you asked, a person will make this decision.');
  });

  it('a cap set above the line lowers nothing: the decision is noticed as before', async () => {
    const d = await scorer.decide(graduate());
    const capped = scorer.requestReduction(d, 1_800_000);
    expect(capped.lineAction).toBe('keep');
    expect(adverseActionNotice(capped).customerReduction).toBe(false);
    expect(capped.reasons.map((r) => r.code)).toEqual(d.reasons.map((r) => r.code));
  });
});

describe("the budget assistant's note matches the line the decision sets", () => {
  it('over budget 3 months and raised: the note does not say no higher limit is suggested', async () => {
    const d = await scorer.decide({ ...graduate(), financialHealth: { overBudgetMonths: 3 } });
    expect(d.lineAction).toBe('raise');
    const note = d.suggestions.note;
    expect(note).not.toBeNull();
    expect(note?.en).not.toMatch(/not suggesting a higher limit/);
    expect(note?.zhHans).not.toMatch(/暂不建议提高额度/);
    expect(note?.en).toMatch(/3 months in a row/);
    expect(note?.en).toMatch(/further/);
    expect(d.health.lowerLimitOffer?.currentLimit).toBe(d.limit);
  });
});
