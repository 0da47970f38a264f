import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { LIMIT_STEP_FEN, recommendLowerLimit } from '../../src/health/index.js';
import { MAX_MONEY_FEN } from '../../src/schema/primitives.js';

describe('recommendLowerLimit', () => {
  it('offers nothing after a single month over budget', () => {
    const r = recommendLowerLimit({ currentLimit: 1_000_000, monthlyIncome: 500_000, monthlyEssentials: 400_000, overBudgetMonths: 1 });
    expect(r).toMatchObject({ offer: false, reasonCode: 'not_over_budget_long_enough', recommendedLimit: 1_000_000, reduction: 0, basis: null });
    expect(r.explanation.zhHans).toBe('暂不建议降低额度：支出尚未连续2个月超出预算。');
  });

  it('offers one month of spare income when that is below the gradual step', () => {
    const r = recommendLowerLimit({ currentLimit: 1_000_000, monthlyIncome: 500_000, monthlyEssentials: 345_678, overBudgetMonths: 3 });
    expect(r).toMatchObject({ offer: true, reasonCode: 'over_budget_streak', recommendedLimit: 150_000, reduction: 850_000, basis: 'spare_income' });
    expect(r.explanation).toEqual({
      en: 'You have spent more than your budget 3 months in a row. You can choose to lower your credit limit from ¥10,000.00 to ¥1,500.00 (about one month of your income after essential spending). Nothing changes unless you choose it.',
      zhHans: '您已连续3个月超出预算。您可以选择将信用额度从¥10,000.00降至¥1,500.00（约为您扣除必要开支后一个月的收入）。只有在您确认后才会调整。',
    });
  });

  it('steps down 10% a month over budget, at most 50%, when income covers the limit', () => {
    const at = (months: number) => recommendLowerLimit({ currentLimit: 1_234_567, monthlyIncome: 5_000_000, monthlyEssentials: 0, overBudgetMonths: months });
    expect([2, 3, 5, 12].map((m) => at(m).recommendedLimit)).toEqual([980_000, 860_000, 610_000, 610_000]);
    expect(at(2).basis).toBe('gradual_step');
  });

  it('never offers below the product minimum: the minimum (rounded up to 100 RMB) instead, or no offer at or below it', () => {
    const at = (currentLimit: number, minimumLimit: number) =>
      recommendLowerLimit({ currentLimit, monthlyIncome: 0, monthlyEssentials: 0, overBudgetMonths: 5, healthyLimit: 0, minimumLimit });
    expect(at(200_000, 50_000)).toMatchObject({ offer: true, recommendedLimit: 50_000, reduction: 150_000, basis: 'product_minimum' });
    expect(at(200_000, 49_950)).toMatchObject({ offer: true, recommendedLimit: 50_000, basis: 'product_minimum' });
    expect(at(200_000, 50_000).explanation.en).toContain('(the smallest limit the product offers)');
    expect(at(50_000, 50_000)).toMatchObject({ offer: false, reasonCode: 'limit_already_low', recommendedLimit: 50_000 });
    // Above the minimum, the rule's own offer stands.
    expect(
      recommendLowerLimit({
        currentLimit: 1_000_000,
        monthlyIncome: 0,
        monthlyEssentials: 0,
        overBudgetMonths: 2,
        healthyLimit: 300_000,
        minimumLimit: 50_000,
      }),
    ).toMatchObject({
      recommendedLimit: 300_000,
      basis: 'healthy_limit',
    });
  });

  it('uses the lender healthy limit in place of spare income', () => {
    const r = recommendLowerLimit({ currentLimit: 2_000_000, monthlyIncome: 0, monthlyEssentials: 0, overBudgetMonths: 2, healthyLimit: 1_255_000 });
    expect(r).toMatchObject({ offer: true, recommendedLimit: 1_250_000, basis: 'healthy_limit' });
  });

  it('offers nothing when the limit is already at or below what it would offer', () => {
    expect(recommendLowerLimit({ currentLimit: 50_000, monthlyIncome: 0, monthlyEssentials: 0, overBudgetMonths: 4 }).reasonCode).toBe('limit_already_low');
    // No line at all is not "already as low as we would suggest".
    expect(recommendLowerLimit({ currentLimit: 0, monthlyIncome: 0, monthlyEssentials: 0, overBudgetMonths: 4 }).reasonCode).toBe('no_line');
  });

  it('names every bad field', () => {
    try {
      recommendLowerLimit({ currentLimit: -1, monthlyIncome: 1.5, monthlyEssentials: 0, overBudgetMonths: -2, extra: true } as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fields).toEqual(['currentLimit', 'extra', 'monthlyIncome', 'overBudgetMonths']);
    }
  });

  it('law: the offered limit never exceeds the current limit and is a whole multiple of 10,000 fen', () => {
    const fen = fc.integer({ min: 0, max: MAX_MONEY_FEN });
    fc.assert(
      fc.property(
        fen,
        fen,
        fen,
        fc.integer({ min: 0, max: 120 }),
        fc.option(fen, { nil: undefined }),
        (currentLimit, monthlyIncome, monthlyEssentials, overBudgetMonths, healthyLimit) => {
          const r = recommendLowerLimit({
            currentLimit,
            monthlyIncome,
            monthlyEssentials,
            overBudgetMonths,
            ...(healthyLimit === undefined ? {} : { healthyLimit }),
          });
          expect(r.recommendedLimit).toBeLessThanOrEqual(currentLimit);
          expect(r.reduction).toBe(currentLimit - r.recommendedLimit);
          if (r.offer) {
            expect(r.recommendedLimit % LIMIT_STEP_FEN).toBe(0);
            expect(r.recommendedLimit).toBeLessThan(currentLimit);
          } else {
            expect(r.recommendedLimit).toBe(currentLimit);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('law: a longer streak never offers a higher limit', () => {
    const fen = fc.integer({ min: 0, max: 100_000_000 });
    fc.assert(
      fc.property(fen, fen, fen, fc.integer({ min: 0, max: 20 }), (currentLimit, monthlyIncome, monthlyEssentials, months) => {
        const a = recommendLowerLimit({ currentLimit, monthlyIncome, monthlyEssentials, overBudgetMonths: months });
        const b = recommendLowerLimit({ currentLimit, monthlyIncome, monthlyEssentials, overBudgetMonths: months + 1 });
        expect(b.recommendedLimit).toBeLessThanOrEqual(a.recommendedLimit);
      }),
      { numRuns: 300 },
    );
  });
});
