// The monthly payment the affordability checks test is integer fen from exact arithmetic on the
// policy's decimal fees and the priced APR: ceil(principal x (1.088 / 12)) in floating point made
// the 12-month plan on 1,380,000 fen 125,121 fen (1380000 * (1.088 / 12) is 125120.00000000001),
// one fen above the exact 125,120, so an applicant whose room was exactly 125,120 got a capacity of
// 1,379,999 and a limit a whole step lower, and a person approving 13,800 RMB (debt service exactly
// 260,000 of 260,000) was refused (outside tester, findings12-recheck R3). The revolving line over a
// 1-month term (1 + APR / 12 of the principal) came out a fen high the same way on about one draw in
// a hundred; the DSR maximum floor(income x 0.35) lost a fen at 700 fen (244.99999999999997).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { affordabilityCapacity, affordabilityInputOf, checkAffordability } from '../../src/policy/affordability.js';
import { dearestRepayment, repaymentAt } from '../../src/policy/affordabilityPayment.js';
import { largestPrincipal, monthlyPayment } from '../../src/policy/annuity.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import type { PolicyConfig } from '../../src/policy/policyConfig.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { exactAnnuity, exactInstalment } from './exactReference.js';
import { payrollApplicant } from '../helpers/payrollApplicant.js';

/** A decimal string with up to `places` decimals, from an integer count of its last unit. */
const decimalText = (units: number, places: number): string => (places === 0 ? String(units) : (units / 10 ** places).toFixed(places));

const withPlans = (months: number, fee: number, monthlyRate: number, termMonths = months): PolicyConfig => ({
  ...defaultPolicy,
  fees: { oneOffRate: 0, monthlyRate, instalmentPlans: [{ months, feeRate: fee }] },
  affordability: { ...defaultPolicy.affordability, termMonths },
});

describe("the tester's case: 13,800 RMB on the 12-month plan at 8.8% is exactly 1,251.20 RMB a month", () => {
  it('the payment is 125,120 fen, not 125,121', () => {
    const twelve = dearestRepayment(1_161, defaultPolicy);
    expect(twelve.plan).toEqual({ kind: 'instalment', months: 12 });
    expect(repaymentAt(1_380_000, twelve)).toBe(125_120);
    expect(repaymentAt(1_380_001, twelve)).toBe(125_121);
  });

  it('a room of exactly 125,120 fen gives a capacity of 1,380,000 fen, and the checks pass there with debt service 260,000 of 260,000', () => {
    const applicant = parseApplicant(tester);
    const input = affordabilityInputOf(applicant, defaultPolicy);
    const capacity = affordabilityCapacity(input, 1_161, defaultPolicy);
    expect(capacity).toMatchObject({ capacity: 1_380_000, maxMonthlyPayment: 125_120, bindingCheck: 'debt_service' });
    const a = checkAffordability(input, 1_380_000, 1_161, defaultPolicy);
    expect(a.checks.find((c) => c.id === 'debt_service')).toMatchObject({ value: 260_000, threshold: 260_000, pass: true });
    expect(a.pass).toBe(true);
  });
});

const tester: ApplicantInput = payrollApplicant('fen-edge', 134_880);

describe("the tester's applicant end to end (effective income 6,500 RMB, 1,348.80 RMB a month to other lenders)", () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer({ suggestionsPerDecision: 0 });
  });
  afterAll(() => scorer.close());

  it('decide: capacity 1,380,000 fen and an approved limit of 13,800 RMB on the 12-month plan, debt service 260,000 of 260,000', async () => {
    const d = await scorer.decide(tester);
    expect(d.affordability.capacity).toBe(1_380_000);
    expect(d).toMatchObject({ outcome: 'approve', limit: 1_380_000, bindingConstraint: 'affordability' });
    expect(d.affordability.paymentPlan).toEqual({ kind: 'instalment', months: 12 });
    expect(d.affordability.monthlyPayment).toBe(125_120);
    expect(d.affordability.checks.find((c) => c.id === 'debt_service')).toMatchObject({ value: 260_000, threshold: 260_000, pass: true });
  });

  it('a person may approve 13,800 RMB on a referral of the same applicant', async () => {
    const referred = await scorer.decide({ ...tester, controls: { humanReview: true } });
    expect(referred.outcome).toBe('refer');
    expect(referred.maxGrantable).toBe(1_380_000);
    const reviewed = scorer.recordReview(referred, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_380_000, note: 'checked' });
    expect(reviewed).toMatchObject({ outcome: 'approve', limit: 1_380_000 });
    expect(reviewed.affordability.pass).toBe(true);
  });
});

describe('law: every payment equals its exact BigInt reference', () => {
  it('instalment plans: ceil(P x (1 + fee + months x monthly fee) / months) for random principals, fees (to 0.01%), monthly fees and months', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 5_000 }).map((k) => k * 10_000),
          fc.integer({ min: 1, max: 10 ** 12 }),
        ),
        fc.integer({ min: 2, max: 60 }),
        fc.oneof(
          fc.integer({ min: 0, max: 100 }).map((u) => decimalText(u, 3)),
          fc.integer({ min: 0, max: 5_000 }).map((u) => decimalText(u, 4)),
        ),
        fc.oneof(
          fc.constant('0'),
          fc.integer({ min: 0, max: 1_000 }).map((u) => decimalText(u, 4)),
        ),
        (principal, months, fee, monthlyFee) => {
          // Over a term of `months` at a zero APR the revolving line is principal / months: the plan is dearest unless it is free (a tie, same payment).
          const repayment = dearestRepayment(0, withPlans(months, Number(fee), Number(monthlyFee)));
          if (Number(fee) > 0 || Number(monthlyFee) > 0) expect(repayment.plan).toEqual({ kind: 'instalment', months });
          expect(repaymentAt(principal, repayment)).toBe(exactInstalment(principal, months, fee, monthlyFee));
        },
      ),
      { numRuns: 1_000, seed: 20261212 },
    );
  });

  it('the revolving line: the annuity at integer and grid (fractional) APRs over terms of 1 to 120 months', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 5_000 }).map((k) => k * 10_000),
          fc.integer({ min: 1, max: 10 ** 12 }),
        ),
        fc.oneof(
          fc.integer({ min: 0, max: 2_400 }).map(String),
          // priceApr's aprBp without fees: a daily rate on the 0.0001% grid, times 365, in basis points.
          fc.integer({ min: 100, max: 900 }).map((nanos) => decimalText(nanos * 365, 2)),
        ),
        fc.oneof(fc.constantFrom(1, 3, 6, 12, 24, 36), fc.integer({ min: 1, max: 120 })),
        (principal, aprBp, term) => {
          const exact = exactAnnuity(principal, aprBp, term);
          expect(monthlyPayment(principal, Number(aprBp), term)).toBe(exact);
          const noPlans = { ...withPlans(2, 0, 0, term), fees: { oneOffRate: 0, monthlyRate: 0, instalmentPlans: [] } };
          expect(repaymentAt(principal, dearestRepayment(Number(aprBp), noPlans))).toBe(exact);
        },
      ),
      { numRuns: 2_000, seed: 20261213 },
    );
  });

  it('a 1-month term: 10,000 RMB at 12% is exactly 10,100 RMB', () => {
    expect(monthlyPayment(1_000_000, 1_200, 1)).toBe(1_010_000);
    expect(monthlyPayment(2_700_000, 2_524, 1)).toBe(2_756_790);
  });

  it('capacity is the largest principal whose dearest payment fits, against the references', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 2_400 }),
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 2, max: 48 }),
        (room, aprBp, term, feeUnits, months) => {
          const fee = decimalText(feeUnits, 3);
          const policy = withPlans(months, Number(fee), 0, term);
          const dearest = (p: number): number => Math.max(exactAnnuity(p, String(aprBp), term), months >= term ? exactInstalment(p, months, fee, '0') : 0);
          const input = { effectiveIncome: 10 ** 9, otherMonthlyDebtService: 0, monthlyEssentialSpending: 0, dependants: 0, cityTier: 1 as const };
          const rich = { ...policy, affordability: { ...policy.affordability, dsrBands: [{ incomeUpTo: null, maxDsr: room / 10 ** 9 }] } };
          const { capacity, maxMonthlyPayment } = affordabilityCapacity(input, aprBp, rich);
          expect(dearest(capacity)).toBeLessThanOrEqual(maxMonthlyPayment);
          expect(dearest(capacity + 1)).toBeGreaterThan(maxMonthlyPayment);
          expect(largestPrincipal(maxMonthlyPayment, aprBp, term)).toBeGreaterThanOrEqual(capacity);
        },
      ),
      { numRuns: 500, seed: 20261214 },
    );
  });
});

describe('the DSR maximum is exact: floor(income x maxDsr) from the decimal the lender wrote', () => {
  it('35% of 700 fen is 245 fen (244.99999999999997 in floating point), 29% of 650,000 is 188,500', () => {
    const at = (income: number, maxDsr: number): number | undefined => {
      const policy: PolicyConfig = { ...defaultPolicy, affordability: { ...defaultPolicy.affordability, dsrBands: [{ incomeUpTo: null, maxDsr }] } };
      const input = { effectiveIncome: income, otherMonthlyDebtService: 0, monthlyEssentialSpending: 0, dependants: 0, cityTier: 1 as const };
      return checkAffordability(input, 0, 1_000, policy).checks.find((c) => c.id === 'debt_service')?.threshold;
    };
    expect(at(700, 0.35)).toBe(245);
    expect(at(100, 0.29)).toBe(29);
    expect(at(650_000, 0.29)).toBe(188_500);
    expect(at(100, 0.57)).toBe(57);
  });
});
