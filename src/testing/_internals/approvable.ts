import fc from 'fast-check';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import { affordabilityInputOf } from '../../policy/affordability.js';
import type { Applicant } from '../../schema/applicant.js';

function withoutSelfCap(controls: Applicant['controls']): Applicant['controls'] {
  const { selfSetCap: _dropped, ...rest } = controls;
  return rest;
}

/**
 * The same applicant moved out of the knock-outs and into room for a line: within the policy's
 * bureau thresholds, no self-set cap below the product minimum, other repayments at most 15% of income and essentials at most
 * `essentialsShare` of it (drawn from 20% to 75%, so affordability still binds on many draws).
 * Laws about limits (caps, affordability, rounding, step limits) say nothing about a decline, so
 * drawing mostly approvable applicants lets them bite on every run instead of one in three.
 */
export function approvable(a: Applicant, policy: PolicyConfig, essentialsShare: number): Applicant {
  const k = policy.knockouts;
  const income = a.income.monthlyNet;
  const b = a.bureau;
  return {
    ...a,
    bureau: {
      ...b,
      currentDaysPastDue: Math.min(b.currentDaysPastDue, k.maxCurrentDaysPastDue),
      ...(b.delinquencies24m === undefined ? {} : { delinquencies24m: Math.min(b.delinquencies24m, k.maxDelinquencies24m) }),
      ...(b.enquiries6m === undefined ? {} : { enquiries6m: Math.min(b.enquiries6m, k.maxEnquiries6m) }),
      otherMonthlyDebtService: Math.min(b.otherMonthlyDebtService, Math.floor(income * 0.15)),
    },
    household: { ...a.household, monthlyEssentialSpending: Math.min(a.household.monthlyEssentialSpending, Math.floor(income * essentialsShare)) },
    // A cap of the customer's own below the product minimum leaves no line to test.
    controls: a.controls.selfSetCap !== undefined && a.controls.selfSetCap < policy.limits.productMin ? withoutSelfCap(a.controls) : a.controls,
  };
}

/** Applicants as drawn, one time in four; else moved into room for a line by {@link approvable}. */
export function mostlyApprovable(applicants: fc.Arbitrary<Applicant>, policy: PolicyConfig): fc.Arbitrary<Applicant> {
  const moved = fc.tuple(applicants, fc.integer({ min: 20, max: 75 })).map(([a, share]) => approvable(a, policy, share / 100));
  return fc.oneof({ arbitrary: applicants, weight: 1 }, { arbitrary: moved, weight: 3 });
}

/**
 * The same applicant (already {@link approvable}) with living costs set so that what is left of
 * the effective income after other repayments and the policy's residual floor is `roomShare` of
 * it: near 0 no line passes affordability, a little higher affordability is what binds. Laws
 * about affordability meet their hard cases here rather than once in twenty draws.
 */
export function tightAffordability(a: Applicant, policy: PolicyConfig, roomShare: number): Applicant {
  const income = affordabilityInputOf(a, policy).effectiveIncome;
  const floor = policy.affordability.residualFloorByCityTier[a.residence.cityTier - 1] ?? 0;
  const essentials = Math.max(0, Math.floor(income * (1 - roomShare)) - a.bureau.otherMonthlyDebtService - floor);
  return { ...a, household: { ...a.household, monthlyEssentialSpending: essentials } };
}

/** Applicants as given, three in four of them with affordability made tight ({@link tightAffordability}). */
export function oftenTight(applicants: fc.Arbitrary<Applicant>, policy: PolicyConfig): fc.Arbitrary<Applicant> {
  const tight = fc.tuple(applicants, fc.integer({ min: 0, max: 30 })).map(([a, pct]) => tightAffordability(a, policy, pct / 100));
  return fc.oneof({ arbitrary: applicants, weight: 1 }, { arbitrary: tight, weight: 3 });
}
