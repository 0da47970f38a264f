import fc from 'fast-check';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import { affordabilityInputOf } from '../../policy/affordability.js';
import type { Applicant } from '../../schema/applicant.js';

/**
 * The customer's controls less a self-set cap or a requested limit below the product minimum (each
 * leaves no line to test; the laws about them draw their own).
 */
function controlsWithRoom(controls: Applicant['controls'], productMin: number): Applicant['controls'] {
  const { selfSetCap, requestedLimit, ...rest } = controls;
  return {
    ...rest,
    ...(selfSetCap === undefined || selfSetCap >= productMin ? { selfSetCap } : {}),
    ...(requestedLimit === undefined || requestedLimit >= productMin ? { requestedLimit } : {}),
  } as Applicant['controls'];
}

/**
 * The borrower's other lines with this lender, cut to leave at least the product minimum under the
 * policy's per-borrower caps (the jurisdiction's and the lender's own): a lender with a low cap of
 * its own (30,000 RMB) would otherwise decline most drawn applicants below the minimum. Lines that
 * leave no room are spread over the ones that do, so the per-borrower caps still bind on many draws.
 */
function otherLinesWithRoom(other: number | undefined, policy: PolicyConfig): number | undefined {
  const caps = [policy.jurisdiction.perBorrowerCreditLineCap, policy.limits.lenderCapPerBorrower].filter((c): c is number => c !== null);
  if (other === undefined || caps.length === 0) return other;
  const most = Math.max(0, Math.min(...caps) - policy.limits.productMin);
  return other <= most ? other : other % (most + 1);
}

/**
 * The same applicant moved out of the knock-outs and into room for a line, by the policy under test:
 * within its bureau thresholds, no self-set cap or request below its product minimum, other lines
 * with the lender leaving room for one under its per-borrower caps, other repayments at most 15% of income and essentials at most
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
    platform:
      a.platform.otherLinesLimit === undefined
        ? a.platform
        : { ...a.platform, otherLinesLimit: otherLinesWithRoom(a.platform.otherLinesLimit, policy) as number },
    // A cap of the customer's own or a request below the product minimum leaves no line to test.
    controls: controlsWithRoom(a.controls, policy.limits.productMin),
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
