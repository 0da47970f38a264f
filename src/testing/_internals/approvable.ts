import fc from 'fast-check';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { Applicant } from '../../schema/applicant.js';

/**
 * The same applicant moved out of the knock-outs and into room for a line: within the policy's
 * bureau thresholds and with essentials and other repayments leaving part of the income free.
 * Laws about limits (caps, affordability, rounding, step limits) say nothing about a decline, so
 * drawing mostly approvable applicants lets them bite on every run instead of one in three.
 */
export function approvable(a: Applicant, policy: PolicyConfig): Applicant {
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
    household: { ...a.household, monthlyEssentialSpending: Math.min(a.household.monthlyEssentialSpending, Math.floor(income * 0.45)) },
  };
}

/** Applicants as drawn, one time in four; else moved into room for a line by {@link approvable}. */
export function mostlyApprovable(applicants: fc.Arbitrary<Applicant>, policy: PolicyConfig): fc.Arbitrary<Applicant> {
  return fc.oneof({ arbitrary: applicants, weight: 1 }, { arbitrary: applicants.map((a) => approvable(a, policy)), weight: 3 });
}
