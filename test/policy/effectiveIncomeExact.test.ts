// Effective income is the monthly net after the source haircut, in integer fen rounded down, from
// exact decimal arithmetic on the haircut as the lender wrote it: floor(net x (1 - 0.3)) in floating
// point made 70% of 165,000 fen 115,499 fen (1 - 0.3 = 0.6999999999999999...), one fen short for 14,980 of
// 200,000 whole-RMB incomes, enough to decline at an exact income minimum (outside tester,
// findings11-money F4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affordabilityInputOf, checkAffordability } from '../../src/policy/affordability.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { effectiveIncome } from '../../src/policy/effectiveIncome.js';
import type { PolicyConfig } from '../../src/policy/policyConfig.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { MAX_MONEY_FEN } from '../../src/schema/primitives.js';
import { buildApplicant } from './applicantBuilder.js';

const withHaircut = (selfDeclared: number): PolicyConfig => ({
  ...defaultPolicy,
  affordability: { ...defaultPolicy.affordability, incomeHaircut: { ...defaultPolicy.affordability.incomeHaircut, self_declared: selfDeclared } },
});

describe('effectiveIncome is exact integer fen', () => {
  it("the tester's case: 70% of 165,000 fen is 115,500 fen, and an income minimum of 115,500 is met", () => {
    expect(effectiveIncome({ monthlyNet: 165_000, source: 'self_declared' }, defaultPolicy)).toBe(115_500);
    const policy = resolvePolicy({ affordability: { minEffectiveMonthlyIncome: 115_500 } });
    const applicant = buildApplicant({ income: { monthlyNet: 165_000, source: 'self_declared' } });
    const income = checkAffordability(affordabilityInputOf(applicant, policy), 100_000, 1_000, policy).checks.find((c) => c.id === 'income_level');
    expect(income).toMatchObject({ value: 115_500, threshold: 115_500, pass: true });
  });

  it('rounds down only a true fraction of a fen: 70% of 333 fen is 233.1, so 233', () => {
    expect(effectiveIncome({ monthlyNet: 333, source: 'self_declared' }, defaultPolicy)).toBe(233);
    expect(effectiveIncome({ monthlyNet: 1, source: 'bank_statement' }, defaultPolicy)).toBe(0);
    expect(effectiveIncome({ monthlyNet: MAX_MONEY_FEN, source: 'self_declared' }, withHaircut(0.99))).toBe(MAX_MONEY_FEN / 100);
  });

  it('law: floor(net x (10^k - h) / 10^k) in BigInt for a haircut of h / 10^k (whole percents, basis points, millionths)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: MAX_MONEY_FEN })),
        fc.oneof(
          fc.integer({ min: 0, max: 99 }).map((n) => ({ n, k: 2 })),
          fc.integer({ min: 0, max: 9_900 }).map((n) => ({ n, k: 4 })),
          fc.integer({ min: 0, max: 990_000 }).map((n) => ({ n, k: 6 })),
        ),
        (net, { n, k }) => {
          const scale = 10n ** BigInt(k);
          const exact = (BigInt(net) * (scale - BigInt(n))) / scale;
          expect(effectiveIncome({ monthlyNet: net, source: 'self_declared' }, withHaircut(n / Number(scale)))).toBe(Number(exact));
        },
      ),
      { numRuns: 2_000, seed: 20261208 },
    );
  });

  it('every whole-RMB income up to 100,000 RMB at the default haircuts (self-declared 30%, bank statement 10%)', () => {
    for (let rmb = 1; rmb <= 100_000; rmb++) {
      const net = rmb * 100;
      if (effectiveIncome({ monthlyNet: net, source: 'self_declared' }, defaultPolicy) !== (net * 7) / 10) throw new Error(`self-declared ${net}`);
      if (effectiveIncome({ monthlyNet: net, source: 'bank_statement' }, defaultPolicy) !== (net * 9) / 10) throw new Error(`bank statement ${net}`);
    }
  });
});
