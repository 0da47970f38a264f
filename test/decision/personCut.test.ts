// A person's cut of a line on review (findings17-humans F1, F2), a follow-up dated where decide
// refuses the applicant (F3), and the notice of a customer's own reduction of a reviewed line (F5).
//
// F1: a credit officer approved 2,000 RMB of the new graduate's 16,100 RMB; the review gave "Limit
// set by your risk grade and income" (bindingConstraint 'risk'), and a cut of the customer's own
// 12,000 RMB reduction to 5,000 RMB gave "Limit lowered at your request". The person set both.
// F2: a fraud officer cut the factory worker's 12,000 RMB line to the 500 RMB minimum; the next
// reassessment, with nothing new, raised it to 11,300 RMB as an automated approval naming nothing.
// F3: a review dated 2126-11-01 (the applicant 123 years old) was sealed, and no decision of the
// line could follow it. F5: "A person reviewed and made this decision." on the customer's own reduction.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice, renderAdverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleFor, exampleUploadStep } from '../../src/examples/exampleApplicants.js';
import { roundDownToStep } from '../../src/policy/limit.js';
import { CAP_OF_LIMIT_REASON, LIMIT_SETTING_REASONS, type PolicyReasonCode } from '../../src/policy/policyReasons.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await scorer.close();
});

const graduate = () => structuredClone(exampleUploadStep(exampleFor('new_graduate')).before) as ApplicantInput;
const worker = () => structuredClone(exampleUploadStep(exampleFor('factory_worker')).before) as ApplicantInput;

/** Every "Limit set by"/reduction reason among the principal reasons that its cap (rounded down) does not set. */
function untrueLimitReasons(d: Decision): string[] {
  const step = scorer.policy.limits.roundingStep;
  return d.reasons
    .map((r) => r.code as PolicyReasonCode)
    .filter((c) => LIMIT_SETTING_REASONS.has(c))
    .filter((c) => {
      const cap = CAP_OF_LIMIT_REASON[c];
      const value = cap === undefined ? null : d.caps[cap];
      return value === null || value === undefined || roundDownToStep(value, step) !== d.limit;
    });
}

describe('a reviewed cut names the person, not what set the automated limit (F1)', () => {
  it("the tester's cut: 16,300 to 2,000 RMB names the review alone, bindingConstraint 'person'", async () => {
    const d = await scorer.decide(graduate());
    expect([d.limit, d.bindingConstraint, d.reasons.map((r) => r.code)]).toEqual([1_630_000, 'risk', ['limit_risk_grade']]);
    const cut = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 200_000 });
    expect(cut.reasons[0]?.code).toBe('human_review_decided');
    expect(untrueLimitReasons(cut)).toEqual([]);
    expect(cut.bindingConstraint).toBe('person');
  });

  it("a cut of the customer's own reduction (12,000 to 5,000 RMB) is not told as lowered at their request; approving their line as it stands still is", async () => {
    const d = await scorer.decide(graduate());
    const red = scorer.requestReduction(d, 1_200_000);
    const cut = scorer.recordReview(red, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 500_000 });
    expect(cut.reasons.map((r) => r.code)).not.toContain('customer_reduction');
    expect(cut.bindingConstraint).toBe('person');
    const kept = scorer.recordReview(red, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_200_000 });
    expect(kept.reasons.map((r) => r.code)).toEqual(['human_review_decided', 'customer_reduction']);
    expect(kept.bindingConstraint).toBe('self_cap');
  });

  // Recheck N2: a person restoring the cut line to what the policy grants was still recorded as
  // bindingConstraint 'person' (a review of the review copied it); the same approval of an uncut decision said 'risk'.
  it('a person restoring a cut line to what the policy grants names the cap that sets it again, as an approval of the uncut decision does', async () => {
    const d = await scorer.decide(graduate());
    const cut = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 200_000 });
    // A month on: restoring the line the same day would be a step past the window.
    const restored = scorer.recordReview(cut, { reviewerRole: 'credit_officer', outcome: 'approve', limit: cut.maxGrantable, asOf: '2026-12-05' });
    const direct = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.maxGrantable });
    expect(restored.limit).toBe(direct.limit);
    expect(restored.bindingConstraint).toBe(direct.bindingConstraint);
    expect(restored.bindingConstraint).not.toBe('person');
  });

  // Two caps that round to the same limit: the engine names the one that was smaller before rounding
  // (composeLimit); the restore named the first cap in tie-break order whose rounded value matched
  // (a customer's own cap of 16,399.99 RMB over a risk cap of 16,342.09 RMB: 'self_cap', where the
  // automated decision says 'risk').
  it('a restore names the cap the engine names when two caps round to the same limit', async () => {
    const step = scorer.policy.limits.roundingStep;
    const risk = (await scorer.decide(graduate())).caps.risk;
    const applicant = graduate();
    applicant.controls = { ...applicant.controls, selfSetCap: roundDownToStep(risk, step) + step - 1 };
    const d = await scorer.decide(applicant);
    expect([d.bindingConstraint, roundDownToStep(d.caps.self_cap ?? 0, step)]).toEqual(['risk', d.limit]);
    const cut = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 200_000 });
    const restored = scorer.recordReview(cut, { reviewerRole: 'credit_officer', outcome: 'approve', limit: cut.maxGrantable, asOf: '2026-12-05' });
    expect([restored.limit, restored.bindingConstraint]).toEqual([d.limit, 'risk']);
  });

  it('law: every reason of a review approving or proposing less than the policy granted is true of the limit (seeded)', async () => {
    const base = await scorer.decide(graduate());
    const reduced = scorer.requestReduction(base, 1_200_000);
    const { roundingStep, productMin } = scorer.policy.limits;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(base, reduced),
        fc.constantFrom<'approve' | 'refer'>('approve', 'refer'),
        fc.integer({ min: productMin / roundingStep, max: 1_600_000 / roundingStep }),
        async (prior, outcome, steps) => {
          const limit = steps * roundingStep;
          fc.pre(limit < prior.maxGrantable);
          const r = scorer.recordReview(prior, { reviewerRole: 'credit_officer', outcome, limit });
          expect(untrueLimitReasons(r)).toEqual([]);
          expect(r.bindingConstraint).toBe('person');
          if (r.reasons.length > 0) expect(r.reasons[0]?.code).toBe('human_review_decided');
        },
      ),
      { seed: 17, numRuns: 40 },
    );
  });
});

describe("a person's cut is raised by a person only (F2)", () => {
  async function cutToMinimum(): Promise<{ applicant: ApplicantInput; cut: Decision }> {
    const applicant = worker();
    const d = await scorer.decide(applicant);
    const cut = scorer.recordReview(d, { reviewerRole: 'fraud_officer', outcome: 'approve', limit: 50_000, note: 'suspected synthetic identity' });
    expect([cut.limit, cut.policyReasons.includes('line_cut_by_person')]).toEqual([50_000, true]);
    return { applicant, cut };
  }

  it("the tester's reassessment 44 days later, nothing new: refer, the line kept at 500 RMB, the person's cut named first", async () => {
    const { applicant, cut } = await cutToMinimum();
    const next = await scorer.reassess(cut, { applicant: { ...applicant, asOf: '2026-12-15' }, evidence: [] });
    expect([next.outcome, next.lineAction, lineOnFileAfter(next)]).toEqual(['refer', 'review', 50_000]);
    expect(next.reasons[0]?.code).toBe('line_cut_by_person');
    expect(next.limit).toBe(1_120_000);
    // And along the chain: a contest and a reduction carry it; the next reassessment refers again.
    const again = await scorer.reassess(next, { applicant: { ...applicant, asOf: '2026-12-16' }, evidence: [] });
    expect([again.outcome, again.lineAction, again.reasons[0]?.code]).toEqual(['refer', 'review', 'line_cut_by_person']);
    const contested = scorer.recordContest(cut, { statement: 'I am who I say', asOf: '2026-12-01' });
    expect(contested.policyReasons).toContain('line_cut_by_person');
    const afterContest = await scorer.reassess(contested, { applicant: { ...applicant, asOf: '2026-12-15', controls: { humanReview: false } }, evidence: [] });
    expect([afterContest.outcome, lineOnFileAfter(afterContest)]).toEqual(['refer', 50_000]);
    // A person who approves what the policy grants lifts the protection; the next reassessment is the model's again.
    const approved = scorer.recordReview(next, { reviewerRole: 'fraud_officer', outcome: 'approve', limit: 1_120_000, asOf: '2026-12-15' });
    expect(approved.policyReasons).not.toContain('line_cut_by_person');
    const free = await scorer.reassess(approved, { applicant: { ...applicant, asOf: '2026-12-20' }, evidence: [] });
    expect(free.outcome).toBe('approve');
    // A person who keeps the cut keeps the protection.
    const kept = scorer.recordReview(next, { reviewerRole: 'fraud_officer', outcome: 'approve', limit: 50_000, asOf: '2026-12-15' });
    expect(kept.policyReasons).toContain('line_cut_by_person');
  });

  it('a reassessment granting no more than the person left is the policy\u2019s, the cut carried but not a reason', async () => {
    const applicant = worker();
    const d = await scorer.decide(applicant);
    const cut = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_100_000 });
    // Past due: nothing grantable; the line is held for a person as any line above what may be granted.
    const worse = { ...applicant, asOf: '2026-11-20', bureau: { ...applicant.bureau, currentDaysPastDue: 30 } } as ApplicantInput;
    const held = await scorer.reassess(cut, { applicant: worse, evidence: [] });
    expect([held.lineAction, held.limit]).toEqual(['hold', 1_100_000]);
    expect(held.policyReasons).toContain('line_cut_by_person');
    expect(held.reasons.map((r) => r.code)).not.toContain('line_cut_by_person');
  });

  it('law: an automated reassessment never leaves a line a person cut above the cut (seeded)', async () => {
    const applicant = worker();
    const d = await scorer.decide(applicant);
    const { roundingStep, productMin } = scorer.policy.limits;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: productMin / roundingStep, max: d.maxGrantable / roundingStep - 1 }),
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        async (steps, days, incomeFactor) => {
          const limit = steps * roundingStep;
          const cut = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit });
          const asOf = new Date(Date.parse('2026-11-01') + days * 86_400_000).toISOString().slice(0, 10);
          const income = { ...applicant.income, monthlyNet: Math.round(applicant.income.monthlyNet * incomeFactor) };
          const next = await scorer.reassess(cut, { applicant: { ...applicant, asOf, income }, evidence: [] });
          expect(lineOnFileAfter(next)).toBeLessThanOrEqual(limit);
          expect(next.policyReasons).toContain('line_cut_by_person');
          if (next.outcome === 'refer' && next.limit > limit) expect(next.reasons[0]?.code).toBe('line_cut_by_person');
        },
      ),
      { seed: 17, numRuns: 25 },
    );
  });
});

describe('a follow-up is not dated where decide refuses the applicant (F3)', () => {
  it('a review or contest dated 2126-11-01 (the applicant, born 2003, would be 123) is refused at asOf given the applicant; decide refuses that date too', async () => {
    const applicant = graduate();
    const asked = await scorer.decide({ ...applicant, controls: { ...applicant.controls, humanReview: true } });
    const given = { applicant: { ...applicant, controls: { ...applicant.controls, humanReview: true } } };
    const review = { reviewerRole: 'credit_officer', outcome: 'approve' as const, limit: 1_610_000, asOf: '2126-11-01' };
    expect(() => scorer.recordReview(asked, review, given)).toThrow(
      expect.objectContaining({ code: 'validation_failed', issues: [expect.objectContaining({ path: ['asOf'], code: 'out_of_range' })] }),
    );
    expect(() => scorer.recordContest(asked, { statement: 'please', asOf: '2126-11-01' }, given)).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ path: ['asOf'], message: expect.stringMatching(/^2126-11-01 is more than 120 years after the applicant's birthDate/) }),
        ],
      }),
    );
    await expect(scorer.decide({ ...applicant, asOf: '2126-11-01' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'birth_date_implausible' })],
    });
    // The same day a century earlier stands.
    expect(scorer.recordReview(asked, { ...review, asOf: '2026-11-20' }, given).asOf).toBe('2026-11-20');
  });

  it('without the applicant, a date more than 120 years after the prior is refused on every follow-up (9999-12-31)', async () => {
    const d = await scorer.decide(graduate());
    const atAsOf = expect.objectContaining({ issues: [expect.objectContaining({ path: ['asOf'], code: 'out_of_range' })] });
    expect(() => scorer.requestReduction(d, 500_000, { asOf: '9999-12-31' })).toThrow(atAsOf);
    expect(() => scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_610_000, asOf: '9999-12-31' })).toThrow(atAsOf);
    expect(() => scorer.recordContest(d, { statement: 'please', asOf: '2146-11-02' })).toThrow(atAsOf);
    expect(scorer.recordContest(d, { statement: 'please', asOf: '2146-11-01' }).asOf).toBe('2146-11-01');
  });

  it('a reassessment dated where decide refuses the applicant is refused as decide refuses it', async () => {
    const d = await scorer.decide(graduate());
    await expect(scorer.reassess(d, { applicant: graduate(), evidence: [], asOf: '2126-11-01' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'birth_date_implausible' })],
    });
  });
});

describe("a customer's own reduction of a reviewed line is told as theirs (F5)", () => {
  it('the notice says the customer lowered it, and who made the decision before, in both languages', async () => {
    const d = await scorer.decide(graduate());
    const rv = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_600_000 });
    const red = scorer.requestReduction(rv, 800_000, { asOf: '2026-11-20' });
    const n = adverseActionNotice(red);
    expect([n.customerReduction, n.humanInvolvement]).toEqual([true, 'reviewed']);
    const en = renderAdverseActionNotice(n, 'en');
    expect(en).toContain('You lowered this line yourself; the decision before it was reviewed and made by a person.');
    expect(en).not.toContain('A person reviewed and made this decision.');
    const zh = renderAdverseActionNotice(n, 'zhHans');
    expect(zh).toContain('本次额度按您本人的要求调低；此前的决定已经人工复核作出。');
    expect(zh).not.toContain('本决定已经人工复核作出。\n');
  });
});

describe("a contest of a person's decision proposes the person's terms", () => {
  it('contesting a cut to 500 RMB shows the next reviewer 500 RMB, not the 11,900 RMB the policy proposed', async () => {
    const d = await scorer.decide(worker());
    const cut = scorer.recordReview(d, { reviewerRole: 'fraud_officer', outcome: 'approve', limit: 50_000 });
    expect(cut.review?.proposed).toEqual({ outcome: 'approve', limit: 1_190_000 });
    const c = scorer.recordContest(cut, { statement: 'I am who I say' });
    expect(c.review?.proposed).toEqual({ outcome: 'approve', limit: 50_000 });
  });
});
