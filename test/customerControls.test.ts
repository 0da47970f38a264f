import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import { exampleFor } from '../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../src/schema/applicant.js';
import { lineOnFileAfter } from '../src/decision/lineOnFile.js';
import { budgetView } from '../src/story/budgetView.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(() => scorer.close());

const teacher = exampleFor('salaried_teacher').applicant;
const grad = exampleFor('new_graduate').applicant;

describe('customer controls, end to end', () => {
  it('a reduction becomes a self-set cap that every later decision and reassessment keeps, until cleared', async () => {
    const first = await scorer.decide(teacher);
    expect(first.limit).toBeGreaterThan(500_000);
    const reduced = scorer.requestReduction(first, 500_000);
    expect(reduced.limit).toBe(500_000);
    expect(reduced.controls.selfSetCap).toBe(500_000);

    // The lender stores the cap on the profile, as the decision tells it to.
    const capped: ApplicantInput = { ...teacher, controls: { ...teacher.controls, selfSetCap: reduced.controls.selfSetCap ?? undefined } };
    const later = await scorer.decide(capped);
    expect(later.limit).toBeLessThanOrEqual(500_000);
    expect(later.bindingConstraint).toBe('self_cap');

    const ielts = grad.evidence?.find((e) => e.kind === 'ielts');
    const reassessed = await scorer.reassess(reduced, { applicant: capped, evidence: [{ ...ielts!, holder: { idHash: teacher.identity.idHash } }] });
    expect(reassessed.limit).toBeLessThanOrEqual(500_000);

    const cleared: ApplicantInput = { ...teacher, controls: { requestedLimit: teacher.controls?.requestedLimit } };
    const freed = await scorer.decide(cleared);
    expect(freed.limit).toBe(first.limit);
    expect(freed.controls.selfSetCap).toBeNull();
  });
});

describe('the cap a reduction records is the one the customer asked for', () => {
  it('asked above the line: the line is kept and the cap is the amount asked (rounded down to the step), not the line', async () => {
    const first = await scorer.decide(teacher);
    const asked = first.limit + 1_234_567;
    const reduced = scorer.requestReduction(first, asked);
    expect(reduced.limit).toBe(first.limit);
    expect(reduced.lineAction).toBe('keep');
    expect(reduced.controls.selfSetCap).toBe(Math.floor(asked / scorer.policy.limits.roundingStep) * scorer.policy.limits.roundingStep);
    expect(reduced.caps.self_cap).toBe(reduced.controls.selfSetCap);
  });

  it('a declined customer who asks for a cap gets that cap, not a cap of 0 that would refuse every later line', async () => {
    const declined = await scorer.decide(exampleFor('delinquent').applicant);
    expect(declined.outcome).toBe('decline');
    const reduced = scorer.requestReduction(declined, 500_000);
    expect(reduced.limit).toBe(0);
    expect(reduced.controls.selfSetCap).toBe(500_000);
  });

  it('a reduction never loosens a cap already in force', async () => {
    const capped = await scorer.decide({ ...teacher, controls: { ...teacher.controls, selfSetCap: 400_000 } });
    expect(capped.controls.selfSetCap).toBe(400_000);
    const reduced = scorer.requestReduction(capped, 900_000);
    expect(reduced.controls.selfSetCap).toBe(400_000);
    expect(reduced.limit).toBeLessThanOrEqual(400_000);
  });
});

describe('financial health in the decision', () => {
  it('spending over budget month after month: the decision says so, offers a lower limit and suggests no increase', async () => {
    const d = await scorer.decide({ ...teacher, financialHealth: { overBudgetMonths: 3 } });
    expect(d.health.overBudgetMonths).toBe(3);
    expect(d.health.lowerLimitOffer?.offer).toBe(true);
    expect(d.health.lowerLimitOffer?.recommendedLimit).toBeLessThan(d.limit);
    expect((d.health.lowerLimitOffer?.recommendedLimit ?? Number.NaN) % 10_000).toBe(0);
    expect(d.suggestions.items).toEqual([]);
    expect(d.suggestions.blockedBy).toBe('financial_health');
    expect(d.suggestions.note?.zhHans).toContain('3');
  });

  it('a referral that proposes a raise offers to lower the line on file, not the proposal; a review that grants a line offers to lower that one', async () => {
    const overBudget: ApplicantInput = {
      ...teacher,
      controls: { ...teacher.controls, humanReview: true },
      financialHealth: { overBudgetMonths: 3 },
    };
    const referred = await scorer.decide(overBudget);
    expect(referred.lineAction).toBe('review');
    expect(referred.limit).toBeGreaterThan(referred.previousLimit);
    const onFile = lineOnFileAfter(referred);
    expect(onFile).toBe(referred.previousLimit);
    expect(referred.health.lowerLimitOffer?.currentLimit).toBe(onFile);
    expect(referred.health.lowerLimitOffer?.recommendedLimit).toBeLessThan(onFile);
    // The customer who takes the offer gets exactly the line offered.
    const taken = scorer.requestReduction(referred, referred.health.lowerLimitOffer?.recommendedLimit ?? 0);
    expect(taken.limit).toBe(referred.health.lowerLimitOffer?.recommendedLimit);
    expect(budgetView(referred, overBudget).lowerLimitOffer.currentLimit).toBe(onFile);

    const granted = scorer.recordReview(referred, { reviewerRole: 'credit_officer', outcome: 'approve', limit: referred.limit });
    expect(granted.health.lowerLimitOffer?.currentLimit).toBe(referred.limit);
    expect(granted.health.lowerLimitOffer?.recommendedLimit).toBeLessThan(referred.limit);
    const refused = scorer.recordReview(referred, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 });
    expect(refused.health.lowerLimitOffer?.currentLimit).toBe(lineOnFileAfter(refused));
    const contested = scorer.recordContest(referred, { statement: 'my income rose' });
    expect(contested.health.lowerLimitOffer?.currentLimit).toBe(lineOnFileAfter(contested));
  });

  it('without a streak the budget view previews the offer on the line on file, not on a proposal', async () => {
    const pending = await scorer.decide({ ...teacher, controls: { ...teacher.controls, humanReview: true } });
    expect(pending.lineAction).toBe('review');
    expect(budgetView(pending, teacher).lowerLimitOffer.currentLimit).toBe(lineOnFileAfter(pending));
  });

  it('within budget: no offer, and the model never sees the signal (same PD)', async () => {
    const plain = await scorer.decide(teacher);
    const ok = await scorer.decide({ ...teacher, financialHealth: { overBudgetMonths: 0 } });
    expect(ok.health.lowerLimitOffer?.offer).toBe(false);
    expect(ok.pd).toBe(plain.pd);
    expect(plain.health.lowerLimitOffer).toBeNull();
  });

  it('the healthy limit bounds every offer and every what-if preview', async () => {
    for (const seg of ['new_graduate', 'factory_worker', 'gig_driver', 'retail_clerk', 'salaried_teacher'] as const) {
      const d = await scorer.decide(exampleFor(seg).applicant);
      expect(d.limit).toBeLessThanOrEqual(d.health.healthyLimit);
      for (const s of d.suggestions.items) expect(s.limit).toBeLessThanOrEqual(d.health.healthyLimit);
      const more = await scorer.suggest(exampleFor(seg).applicant, { top: 10 });
      for (const s of more.items) expect(s.limit).toBeLessThanOrEqual(d.health.healthyLimit);
    }
  });
});

describe('reassessing a line whose holder now fails a knock-out', () => {
  it('holds the line, refers it to a person and gives the knock-out as the reason', async () => {
    const prior = await scorer.decide(teacher);
    const nowLate: ApplicantInput = { ...teacher, bureau: { ...teacher.bureau, hasFile: true, currentDaysPastDue: 30 } };
    const ielts = grad.evidence?.find((e) => e.kind === 'ielts');
    const next = await scorer.reassess(prior, { applicant: nowLate, evidence: [{ ...ielts!, holder: { idHash: teacher.identity.idHash } }] });
    expect(next.outcome).toBe('refer');
    expect(next.limit).toBe(prior.limit);
    expect(next.reasons[0]?.code).toBe('current_past_due');
  });
});

describe('limit history for step limits', () => {
  it('records increases of an existing line, not the opening of a new one', async () => {
    const fresh: ApplicantInput = { ...grad, platform: { ...grad.platform!, currentLimit: 0, currentBalance: 0 }, controls: {} };
    const opened = await scorer.decide(fresh);
    expect(opened.limit).toBeGreaterThan(0);
    expect(opened.limitHistory).toEqual([]);
    const raised = await scorer.decide(grad);
    expect(raised.limit).toBeGreaterThan(raised.previousLimit);
    expect(raised.limitHistory).toEqual([{ asOf: grad.asOf, from: raised.previousLimit, to: raised.limit }]);
  });
});
