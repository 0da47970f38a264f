import fc from 'fast-check';
import { deepFreeze } from '../common/deepFreeze.js';
import { dailyRateGrid } from './dailyRateGrid.js';
import { cnConsumerFinance2024, euCcd2 } from './jurisdictionProfile.js';
import { instalmentCost, type PlanFees } from './planCosts.js';
import { aprCapInForce, CITY_TIERS, REGULATORY_CAP_PER_BORROWER_FEN, type PolicyConfig } from './policyConfig.js';

// Rates are drawn as whole basis points or percents so every draw is a "lender-typed" decimal
// and valid by construction: the cross-field rules come from sorting, never from filtering.
const bp = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max }).map((n) => n / 10_000);
const pct = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max }).map((n) => n / 100);
const ascending = (values: number[]): number[] => [...values].sort((a, b) => a - b);
const descending = (values: number[]): number[] => [...values].sort((a, b) => b - a);

const ageArb = fc.integer({ min: 18, max: 40 }).chain((min) => fc.record({ min: fc.constant(min), max: fc.integer({ min: Math.max(min, 45), max: 75 }) }));

const pdRulesArb = fc.integer({ min: 500, max: 10_000 }).chain((declineBp) =>
  fc.record({
    declinePdAbove: fc.constant(declineBp / 10_000),
    referPdAbove: bp(0, declineBp),
  }),
);

const gradesArb = fc.integer({ min: 1, max: 6 }).chain((count) =>
  fc
    .record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: count - 1, maxLength: count - 1 }),
      multiples: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: count, maxLength: count }),
    })
    .map(({ cuts, multiples }) => {
      const maxPds = [...ascending(cuts).map((c) => c / 10_000), 1];
      const ms = descending(multiples).map((m) => m / 10);
      return maxPds.map((maxPd, i) => ({ grade: String.fromCharCode(65 + i), maxPd, incomeMultiple: ms[i] ?? 0 }));
    }),
);

const pricingArb = fc.integer({ min: 0, max: 2_400 }).chain((capBp) =>
  fc.record({
    costOfFunds: bp(0, 1_000),
    lgd: bp(0, 10_000),
    operatingCost: bp(0, 1_000),
    margin: bp(0, 1_000),
    aprFloor: bp(0, capBp),
    aprCap: fc.constant(capBp / 10_000),
    dailyRateStep: fc.constantFrom(0.000001, 0.00001, 0.0000001),
    averageCostAlertAbove: pct(5, 30),
  }),
);

// Fees are drawn freely, then any plan the cap cannot carry is dropped (and revolving fees that
// leave no billable daily rate are zeroed, the one-off fee first), so every draw stays valid
// without filtering. The revolving line's one-off fee is measured on a drawdown repaid at the
// first bill, where 1% alone costs 12.1% a year: drawn up to 0.3% (at most 3.6 points a year),
// about 60% of the fees drawn fit (the rest meet caps drawn close to their floor).
const feesArb = fc.record({
  oneOffRate: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: bp(1, 30), weight: 1 }),
  monthlyRate: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: bp(0, 50), weight: 1 }),
  instalmentPlans: fc.uniqueArray(fc.record({ months: fc.integer({ min: 2, max: 36 }), feeRate: bp(0, 2_000) }), { maxLength: 4, selector: (p) => p.months }),
});

/** A floor within a grid step of the cap would leave no billable daily rate: lower it to the last whole bp that fits. */
function billablePricing<P extends PricingDraw>(pricing: P): P {
  const grid = dailyRateGrid(pricing.dailyRateStep, pricing.aprFloor, pricing.aprCap, { oneOffRate: 0, monthlyRate: 0 });
  if (grid.floorSteps <= grid.capSteps) return pricing;
  const topApr = (grid.capSteps * grid.stepNanos * 365) / 1e9;
  return { ...pricing, aprFloor: Math.floor(topApr * 10_000 + 1e-9) / 10_000 };
}

// A profile with no APR or per-borrower cap (as eu-ccd2), banning only what no built-in feature
// uses, so that scorers on the default model can run under it: eu-ccd2 itself refuses the default
// model (its gig-certificate feature counts creator followers, social-media data).
const uncappedProfile = {
  ...euCcd2,
  id: 'test-uncapped',
  name: 'A profile without numeric caps',
  bannedDataCategories: ['health', 'religion', 'genetic', 'biometric', 'protected_characteristic'] as typeof euCcd2.bannedDataCategories,
};

type PricingDraw = { aprFloor: number; aprCap: number; dailyRateStep: number };
function fittingFees(fees: PlanFees & { instalmentPlans: { months: number; feeRate: number }[] }, pricing: PricingDraw, cap: number): PolicyConfig['fees'] {
  const billable = (f: PlanFees): boolean => {
    const grid = dailyRateGrid(pricing.dailyRateStep, pricing.aprFloor, cap, f);
    return grid.capSteps >= grid.floorSteps;
  };
  const drawn = { oneOffRate: fees.oneOffRate, monthlyRate: fees.monthlyRate };
  const base = [drawn, { oneOffRate: 0, monthlyRate: fees.monthlyRate }, { oneOffRate: fees.oneOffRate, monthlyRate: 0 }].find(billable) ?? {
    oneOffRate: 0,
    monthlyRate: 0,
  };
  return { ...base, instalmentPlans: fees.instalmentPlans.filter((p) => instalmentCost(p, base).nominalApr <= cap) };
}

const dsrBandsArb = fc.integer({ min: 1, max: 5 }).chain((count) =>
  fc
    .record({
      uptos: fc.uniqueArray(fc.integer({ min: 1, max: 5_000_000 }), { minLength: count - 1, maxLength: count - 1 }),
      maxDsrs: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: count, maxLength: count }),
    })
    .map(({ uptos, maxDsrs }) => {
      const bounds: (number | null)[] = [...ascending(uptos), null];
      const dsrs = ascending(maxDsrs).map((d) => d / 100);
      return bounds.map((incomeUpTo, i) => ({ incomeUpTo, maxDsr: dsrs[i] ?? 1 }));
    }),
);

const affordabilityArb = fc.record({
  termMonths: fc.integer({ min: 1, max: 60 }),
  incomeHaircut: fc.record({ payroll: pct(0, 20), tax_record: pct(0, 20), bank_statement: pct(0, 50), self_declared: pct(0, 90) }),
  minEffectiveMonthlyIncome: fc.integer({ min: 1, max: 500_000 }),
  dsrBands: dsrBandsArb,
  minEssentialsPerPerson: fc.integer({ min: 0, max: 200_000 }),
  residualFloorByCityTier: fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: CITY_TIERS, maxLength: CITY_TIERS }).map(descending),
});

// Weighted towards what lenders actually configure (the legal 200,000 RMB cap, small minimums) so
// that property tests see approvals often, with the whole valid range still drawn.
const limitsArb = fc.constantFrom(100, 1_000, 10_000, 50_000).chain((roundingStep) =>
  fc.oneof({ arbitrary: fc.integer({ min: 1, max: 10 }), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 1 }).chain((k) =>
    fc.record({
      productMin: fc.constant(k * roundingStep),
      productMax: fc.integer({ min: k * roundingStep, max: 30_000_000 }),
      // A cap below productMin grants no line, and is refused.
      lenderCapPerBorrower: fc.option(fc.integer({ min: k * roundingStep, max: REGULATORY_CAP_PER_BORROWER_FEN }), { nil: null, freq: 3 }),
      roundingStep: fc.constant(roundingStep),
      belowMinimum: fc.constantFrom('decline' as const, 'refer' as const),
    }),
  ),
);

const stepLimitsArb = fc.record({
  perStepRatio: pct(0, 200),
  perStepAmount: fc.integer({ min: 0, max: 2_000_000 }),
  windowDays: fc.integer({ min: 1, max: 365 }),
  windowMaxIncrease: fc.integer({ min: 0, max: 5_000_000 }),
  windowMaxCount: fc.integer({ min: 0, max: 5 }),
});

/**
 * A fast-check arbitrary of VALID policy configurations (every draw passes `PolicyConfig`) over a
 * realistic range (knock-out thresholds no stricter than a real lender would set), weighted towards
 * common choices so property tests see approvals often;
 * deeply frozen, for property tests that must hold for any lender's numbers, not just ours.
 *
 * @example fc.assert(fc.property(policyConfigArbitrary(), (policy) => priceApr(0.1, policy).apr <= 0.24));
 */
export function policyConfigArbitrary(): fc.Arbitrary<PolicyConfig> {
  return fc
    .record({
      age: ageArb,
      counts: fc.record({
        maxCurrentDaysPastDue: fc.integer({ min: 0, max: 90 }),
        maxDelinquencies24m: fc.integer({ min: 1, max: 10 }),
        maxEnquiries6m: fc.integer({ min: 3, max: 30 }),
      }),
      pd: pdRulesArb,
      selfDeclaredIncomeAbove: fc.integer({ min: 0, max: 5_000_000 }),
      duplicateEvidence: fc.constantFrom('refer' as const, 'decline' as const),
      grades: gradesArb,
      pricing: pricingArb,
      affordability: affordabilityArb,
      limits: limitsArb,
      stepLimits: stepLimitsArb,
      fees: feesArb,
      jurisdiction: fc.constantFrom(cnConsumerFinance2024, cnConsumerFinance2024, cnConsumerFinance2024, uncappedProfile),
      students: fc.constantFrom('refer' as const, 'decline' as const, 'allow' as const),
    })
    .map(
      (d): PolicyConfig =>
        deepFreeze({
          name: 'arbitrary policy',
          version: '0',
          age: d.age,
          knockouts: { ...d.counts, declinePdAbove: d.pd.declinePdAbove },
          refer: { pdAbove: d.pd.referPdAbove, selfDeclaredIncomeAbove: d.selfDeclaredIncomeAbove, duplicateEvidence: d.duplicateEvidence },
          grades: d.grades,
          pricing: billablePricing(d.pricing),
          fees: fittingFees(d.fees, billablePricing(d.pricing), aprCapInForce({ pricing: d.pricing, jurisdiction: d.jurisdiction })),
          jurisdiction: d.jurisdiction,
          students: { withoutSecondRepaymentSource: d.students },
          affordability: d.affordability,
          limits: d.limits,
          stepLimits: d.stepLimits,
        }),
    );
}
