import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import type { Decision } from '../src/decision/decision.js';
import { lineOnFileAfter } from '../src/decision/lineOnFile.js';
import { exampleFor } from '../src/examples/exampleApplicants.js';
import { recommendLowerLimit } from '../src/health/index.js';
import type { ApplicantInput } from '../src/schema/applicant.js';

// findings27-health F2 and F4: an offer taken is not made again on the same streak, and a decision
// with no line never says "your limit of ¥0.00 is already as low as we would suggest".

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => {
  await scorer.close();
});

const grad = exampleFor('new_graduate').applicant;
const overBudget = (months: number, asOf = grad.asOf): ApplicantInput => ({ ...grad, asOf, financialHealth: { overBudgetMonths: months } });
const nextMonth = (day: string): string => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-15` : `${y}-${String(m + 1).padStart(2, '0')}-15`;
};

describe('an offer taken is not offered again on the same streak', () => {
  it("the tester's chain: accepting each offer on the day stops after the first (was ¥17,000 -> ... -> ¥500 in 14 steps)", { timeout: 60_000 }, async () => {
    let d: Decision = await scorer.decide(overBudget(2));
    const lines = [lineOnFileAfter(d, scorer.policy.limits.roundingStep)];
    for (let i = 0; i < 20 && d.health.lowerLimitOffer?.offer === true; i++) {
      d = scorer.requestReduction(d, d.health.lowerLimitOffer.recommendedLimit);
      lines.push(lineOnFileAfter(d, scorer.policy.limits.roundingStep));
    }
    expect(lines).toEqual([1_700_000, 1_360_000]);
    expect(d.health.lowerLimitOffer).toMatchObject({ offer: false, reasonCode: 'lowered_this_streak', currentLimit: 1_360_000, recommendedLimit: 1_360_000 });
    expect(d.health.lowerLimitOffer?.explanation.en).toBe(
      'No further lower limit suggested: you have already lowered your limit since your spending last ran over budget. We will look again after another month.',
    );
  });

  it('reassessments in the same month, one after another, offer nothing more; a new month over budget offers again', { timeout: 60_000 }, async () => {
    const first = await scorer.decide(overBudget(3));
    const offer = first.health.lowerLimitOffer!;
    expect(offer.offer).toBe(true);
    const taken = scorer.requestReduction(first, offer.recommendedLimit);
    const again = await scorer.reassess(taken, { applicant: overBudget(3), evidence: [] });
    const andAgain = await scorer.reassess(again, { applicant: overBudget(3), evidence: [] });
    for (const d of [taken, again, andAgain]) expect(d.health.lowerLimitOffer?.reasonCode).toBe('lowered_this_streak');
    expect(lineOnFileAfter(andAgain, scorer.policy.limits.roundingStep)).toBe(offer.recommendedLimit);
    // A month later a fourth month over budget has been recorded: that is new information.
    const later = nextMonth(grad.asOf);
    const month4 = await scorer.reassess(andAgain, { applicant: overBudget(4, later), evidence: [], asOf: later });
    expect(month4.health.lowerLimitOffer?.offer).toBe(true);
    expect(month4.health.lowerLimitOffer?.currentLimit).toBe(offer.recommendedLimit);
  });

  it('a reduction of its own while over budget answers the streak too; one while not over budget changes nothing', { timeout: 60_000 }, async () => {
    const streak = await scorer.decide(overBudget(2));
    const own = scorer.requestReduction(streak, 1_600_000);
    expect(own.health.lowerLimitOffer?.reasonCode).toBe('lowered_this_streak');
    const calm = await scorer.decide(overBudget(1));
    const lowered = scorer.requestReduction(calm, 1_600_000);
    expect(lowered.health.lowerLimitOffer?.reasonCode).toBe('not_over_budget_long_enough');
    // Not over budget then, two months later it is: the offer is made.
    const later = nextMonth(grad.asOf);
    const over = await scorer.reassess(lowered, { applicant: overBudget(2, later), evidence: [], asOf: later });
    expect(over.health.lowerLimitOffer?.offer).toBe(true);
  });
});

describe('no line, no "already as low as we would suggest"', () => {
  it('recommendLowerLimit on a limit of 0 says there is no line to lower', () => {
    const r = recommendLowerLimit({ currentLimit: 0, monthlyIncome: 500_000, monthlyEssentials: 100_000, overBudgetMonths: 3 });
    expect(r).toMatchObject({ offer: false, reasonCode: 'no_line', currentLimit: 0, recommendedLimit: 0 });
    expect(r.explanation.en).toBe('No lower limit suggested: there is no credit line to lower.');
    expect(r.explanation.zhHans).toBe('暂不建议降低额度：您目前没有可降低的信用额度。');
  });

  it("the tester's case: a decline that closes a ¥5,000 line", { timeout: 60_000 }, async () => {
    const a = { ...exampleFor('delinquent').applicant, financialHealth: { overBudgetMonths: 3 } };
    const d = await scorer.decide(a);
    expect([d.outcome, d.lineAction]).toEqual(['decline', 'close']);
    expect(d.health.lowerLimitOffer?.reasonCode).toBe('no_line');
    expect(d.health.lowerLimitOffer?.explanation.en).not.toContain('¥0.00');
  });
});

describe("the assistant's offer and the decision's agree when given the decision's figures (findings27-health F3)", () => {
  it("healthSummary passed the decision's healthy limit, line and product limits offers what the decision offers", { timeout: 60_000 }, async () => {
    const d = await scorer.decide(overBudget(3));
    const spending = ['2026-08', '2026-09', '2026-10'].map((m) => ({
      id: m,
      time: `${m}-05T12:00:00+08:00`,
      amount: 400_000,
      merchant: 'Shop',
      category: 'shopping' as const,
    }));
    const common = {
      transactions: spending,
      budget: { overall: 300_000 },
      budgetSince: '2026-08',
      asOf: d.asOf,
      currentLimit: lineOnFileAfter(d, scorer.policy.limits.roundingStep),
      monthlyIncome: 450_000,
      monthlyEssentials: 300_000,
      minimumLimit: scorer.policy.limits.productMin,
      roundingStep: scorer.policy.limits.roundingStep,
    };
    const { healthSummary } = await import('../src/health/index.js');
    const same = healthSummary({ ...common, healthyLimit: d.health.healthyLimit }).lowerLimit;
    const decided = d.health.lowerLimitOffer!;
    expect([same.offer, same.recommendedLimit, same.basis]).toEqual([decided.offer, decided.recommendedLimit, decided.basis]);
    // Without it the assistant's figure is its own, and its basis says so: the decision's never is spare income.
    const own = healthSummary(common).lowerLimit;
    expect(own.basis).toBe('spare_income');
    expect(decided.basis).not.toBe('spare_income');
  });
});
