import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import { adverseActionNotice } from '../src/decision/adverseActionNotice.js';
import { lineOnFileAfter } from '../src/decision/lineOnFile.js';
import { exampleFor } from '../src/examples/exampleApplicants.js';
import { DEFAULT_MINIMUM_LIMIT_FEN, healthSummary, LIMIT_STEP_FEN, recommendLowerLimit, type TransactionInput } from '../src/health/index.js';
import { defaultPolicy } from '../src/policy/defaultPolicy.js';
import type { ApplicantInput } from '../src/schema/applicant.js';
import { budgetView } from '../src/story/budgetView.js';
import { creditLaws } from '../src/testing/index.js';

// findings11 health F1/F2/F5 (money F3): the lower-limit offer must be on the policy's rounding step
// and at or above the product minimum on every path, so that taking it gives exactly the offer.

const STEPS = [50_000, 30_000] as const;
const scorers = new Map<number, Scorer>();
beforeAll(async () => {
  for (const roundingStep of STEPS) {
    // productMin must be a multiple of the step: 150,000 is one of both.
    scorers.set(roundingStep, await createScorer({ policyOverrides: { limits: { roundingStep, productMin: 150_000 } } }));
  }
});
afterAll(async () => {
  for (const s of scorers.values()) await s.close();
});

const grad = exampleFor('new_graduate').applicant;

describe('the lower-limit offer on a policy whose rounding step does not divide 100 RMB', () => {
  it("the tester's case: step 50,000, a ¥16,000 line, 2 months over budget: the offer is what requestReduction grants", { timeout: 60_000 }, async () => {
    const scorer = scorers.get(50_000)!;
    const d = await scorer.decide({ ...grad, platform: { ...grad.platform, currentLimit: 1_600_000 }, financialHealth: { overBudgetMonths: 2 } });
    const offer = d.health.lowerLimitOffer!;
    expect(offer.offer).toBe(true);
    expect(offer.recommendedLimit % 50_000).toBe(0);
    const taken = scorer.requestReduction(d, offer.recommendedLimit);
    expect(taken.limit).toBe(offer.recommendedLimit);
    expect(taken.controls.selfSetCap).toBe(offer.recommendedLimit);
  });

  it('law: on decide, the offer is on the step, at or above the product minimum, below the line held, and taking it gives exactly the offer', {
    timeout: 120_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STEPS),
        fc.integer({ min: 0, max: 60 }).map((k) => k * 10_000),
        fc.integer({ min: 2, max: 8 }),
        fc.boolean(),
        async (step, currentLimit, overBudgetMonths, humanReview) => {
          const scorer = scorers.get(step)!;
          const d = await scorer.decide({
            ...grad,
            platform: { ...grad.platform, currentLimit },
            controls: { ...grad.controls, humanReview },
            financialHealth: { overBudgetMonths },
          });
          const offer = d.health.lowerLimitOffer!;
          const held = lineOnFileAfter(d, step);
          expect(offer.currentLimit).toBe(held);
          if (!offer.offer) return;
          expect(offer.recommendedLimit % step).toBe(0);
          expect(offer.recommendedLimit).toBeGreaterThanOrEqual(scorer.policy.limits.productMin);
          expect(offer.recommendedLimit).toBeLessThan(held);
          const taken = scorer.requestReduction(d, offer.recommendedLimit);
          expect(taken.limit).toBe(offer.recommendedLimit);
          // The next offer is on the line now held, and again on the step.
          const next = taken.health.lowerLimitOffer!;
          expect(next.currentLimit).toBe(offer.recommendedLimit);
          if (next.offer) expect(next.recommendedLimit % step).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('kit law customer_controls_hold (the offer is on the step and taking it gives exactly it) holds through a scorer with step 50,000', {
    timeout: 120_000,
  }, async () => {
    await expect(
      creditLaws.customer_controls_hold.check({ scorer: scorers.get(50_000)! }, { numRuns: 10, scorerNumRuns: 12, seed: 11 }),
    ).resolves.toBeUndefined();
  });

  it('the preview quotes the line on file, not the raw cap, on the default policy too (tester case: cap 123,456 on a ¥2,000 line)', {
    timeout: 60_000,
  }, async () => {
    const def = await createScorer();
    try {
      const applicant: ApplicantInput = {
        ...grad,
        platform: { ...grad.platform, currentLimit: 200_000 },
        controls: { ...grad.controls, selfSetCap: 123_456, humanReview: true },
      };
      const d = await def.decide(applicant);
      expect(d.lineAction).toBe('review');
      const v = budgetView(d, applicant, null, def.policy.limits.productMin, def.policy.limits.roundingStep);
      expect(v.lowerLimitOffer.currentLimit).toBe(lineOnFileAfter(d, def.policy.limits.roundingStep));
      expect(v.lowerLimitOffer.explanation.en).not.toContain('¥1,234.56');
      // Without the limits, the preview takes the default policy's.
      expect(budgetView(d, applicant).lowerLimitOffer.currentLimit).toBe(lineOnFileAfter(d, defaultPolicy.limits.roundingStep));
      // The adverse-action notice quotes the same line on file: the cap rounded down to the step.
      expect(adverseActionNotice(d).lineOnFile).toBe(120_000);
      expect(adverseActionNotice(d, { roundingStep: 50_000 }).lineOnFile).toBe(100_000);
      expect(() => adverseActionNotice(d, { roundingStep: 0 })).toThrow(/roundingStep/);
    } finally {
      await def.close();
    }
  });
});

describe('recommendLowerLimit and healthSummary: on the step, never below the product minimum', () => {
  it('law: with any rounding step and product minimum on it, the offer is on the step, at or above the minimum, below the current limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.integer({ min: 0, max: 1_000_000_000_000 }), { nil: undefined }),
        (roundingStep, minSteps, currentLimit, monthlyIncome, monthlyEssentials, overBudgetMonths, healthyLimit) => {
          const minimumLimit = roundingStep * minSteps;
          const r = recommendLowerLimit({
            currentLimit,
            monthlyIncome,
            monthlyEssentials,
            overBudgetMonths,
            minimumLimit,
            roundingStep,
            ...(healthyLimit === undefined ? {} : { healthyLimit }),
          });
          expect(r.reduction).toBe(currentLimit - r.recommendedLimit);
          if (!r.offer) {
            expect(r.recommendedLimit).toBe(currentLimit);
            return;
          }
          expect(r.recommendedLimit % roundingStep).toBe(0);
          expect(r.recommendedLimit).toBeGreaterThanOrEqual(minimumLimit);
          expect(r.recommendedLimit).toBeLessThan(currentLimit);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the health module's defaults are the default policy's product minimum and rounding step", () => {
    expect([DEFAULT_MINIMUM_LIMIT_FEN, LIMIT_STEP_FEN]).toEqual([defaultPolicy.limits.productMin, defaultPolicy.limits.roundingStep]);
  });

  it("without a minimum, recommendLowerLimit uses the default policy's product minimum: a ¥99.99 line gets no offer to ¥0", () => {
    const r = recommendLowerLimit({ currentLimit: 9_999, monthlyIncome: 0, monthlyEssentials: 0, overBudgetMonths: 2 });
    expect(r).toMatchObject({ offer: false, reasonCode: 'limit_already_low', recommendedLimit: 9_999 });
    const s = recommendLowerLimit({ currentLimit: 800_000, monthlyIncome: 450_000, monthlyEssentials: 445_000, overBudgetMonths: 3 });
    expect(s).toMatchObject({ offer: true, recommendedLimit: defaultPolicy.limits.productMin, basis: 'product_minimum' });
  });

  const over = (m: string, id: string): TransactionInput => ({ id, time: `${m}-10T10:00:00+08:00`, amount: 400_000, merchant: 'Taobao', category: 'shopping' });
  const transactions = [over('2026-08', 'a'), over('2026-09', 'b'), over('2026-10', 'c')];
  const base = {
    transactions,
    budget: { overall: 300_000 },
    budgetSince: '2026-01',
    asOf: '2026-11-01',
    currentLimit: 800_000,
    monthlyIncome: 450_000,
    monthlyEssentials: 445_000,
  };

  it("the tester's case: healthSummary with ¥50 of spare income offers the product minimum, never ¥0, and requestReduction grants it", {
    timeout: 60_000,
  }, async () => {
    const s = healthSummary(base);
    expect(s.lowerLimit).toMatchObject({ offer: true, recommendedLimit: defaultPolicy.limits.productMin, basis: 'product_minimum' });
    expect(s.lowerLimit.explanation.en).not.toContain('¥0.00');
    const scorer = await createScorer();
    try {
      const d = await scorer.decide({ ...grad, platform: { ...grad.platform, currentLimit: 800_000 } });
      expect(scorer.requestReduction(d, s.lowerLimit.recommendedLimit).limit).toBe(s.lowerLimit.recommendedLimit);
    } finally {
      await scorer.close();
    }
  });

  it("healthSummary takes the product's minimum and rounding step", () => {
    const s = healthSummary({ ...base, currentLimit: 1_000_000, monthlyEssentials: 100_000, minimumLimit: 150_000, roundingStep: 50_000 });
    // Spare income 350,000 fen, rounded down to the 50,000 step.
    expect(s.lowerLimit).toMatchObject({ offer: true, recommendedLimit: 350_000, basis: 'spare_income' });
    const t = healthSummary({ ...base, currentLimit: 1_000_000, monthlyEssentials: 130_000, minimumLimit: 150_000, roundingStep: 50_000 });
    expect(t.lowerLimit).toMatchObject({ offer: true, recommendedLimit: 300_000 });
    const low = healthSummary({ ...base, minimumLimit: 150_000, roundingStep: 50_000 });
    expect(low.lowerLimit).toMatchObject({ offer: true, recommendedLimit: 150_000, basis: 'product_minimum' });
  });

  it('a minimum off the rounding step is rounded up to it, as documented, so the offer stays on the step', () => {
    const r = recommendLowerLimit({
      currentLimit: 1_000_000,
      monthlyIncome: 0,
      monthlyEssentials: 0,
      overBudgetMonths: 5,
      healthyLimit: 0,
      minimumLimit: 120_000,
      roundingStep: 50_000,
    });
    expect(r).toMatchObject({ offer: true, recommendedLimit: 150_000, basis: 'product_minimum' });
  });
});
