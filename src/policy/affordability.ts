import { deepFreeze } from '../common/deepFreeze.js';
import { ValidationError } from '../errors/validationError.js';
import type { Applicant } from '../schema/applicant.js';
import { dearestRepayment, repaymentAt, type TestedRepayment } from './affordabilityPayment.js';
import { dsrBandFor, effectiveIncome } from './effectiveIncome.js';
import { exactDecimal } from './exactDecimal.js';
import { largestPrincipalAt } from './perFen.js';
import type { PolicyConfig } from './policyConfig.js';

/** What the affordability checks need to know about an applicant, all money in fen per month. */
export interface AffordabilityInput {
  /** Monthly net income after the source haircut; see {@link effectiveIncome}. */
  readonly effectiveIncome: number;
  readonly otherMonthlyDebtService: number;
  readonly monthlyEssentialSpending: number;
  readonly dependants: number;
  /** 1 = first-tier city ... 5 = county / rural. */
  readonly cityTier: number;
  /**
   * The balance owed on this line today when it is above the line on file ({@link balanceAboveLine}),
   * fen; absent: none counted. The line's payment is tested on the larger of the limit and this
   * balance (see {@link linePrincipal}).
   */
  readonly balanceOwed?: number | undefined;
}

/** Stable id of an affordability check. */
export type AffordabilityCheckId = 'income_level' | 'debt_service' | 'residual_income';

/** One affordability check as plain data: `pass` is exactly `value` compared with `threshold`. */
export interface AffordabilityCheck {
  readonly id: AffordabilityCheckId;
  /** Fen per month (signed for residual income, which can be negative). */
  readonly value: number;
  readonly threshold: number;
  /** `at_least`: pass when value >= threshold; `at_most`: pass when value <= threshold. */
  readonly comparison: 'at_least' | 'at_most';
  readonly pass: boolean;
  readonly unit: 'fen_per_month';
  readonly label: { readonly en: string; readonly zhHans: string };
}

/** The affordability checks at one limit. */
export interface AffordabilityAssessment {
  /** The limit tested, fen. */
  readonly limit: number;
  /**
   * Monthly payment of that limit on the dearest way of repaying it over the policy term that the
   * line offers (see {@link dearestRepayment}), fen, rounded up: the payment the checks test.
   */
  readonly monthlyPayment: number;
  /** Which repayment `monthlyPayment` is: the revolving line over the term, or an instalment plan. */
  readonly paymentPlan: TestedRepayment;
  readonly checks: readonly AffordabilityCheck[];
  /** True when every check passes. */
  readonly pass: boolean;
  /** (other debt service + payment) / effective income, for display; null at zero income. */
  readonly debtServiceRatio: number | null;
  /** The DSR maximum of the applicant's income band. */
  readonly maxDebtServiceRatio: number;
  /**
   * The balance owed on this line, fen, present only when it is above `limit`: `monthlyPayment`
   * is then that balance's payment, not the limit's (absent, the balance was at most the limit).
   */
  readonly balanceOwed?: number;
}

/** The largest affordable limit and the check that stops it going higher. */
export interface AffordabilityCapacity {
  /** Largest limit (fen) at which every check passes; 0 when no positive limit passes. */
  readonly capacity: number;
  /** Largest monthly payment the checks leave room for, fen (negative when there is none). */
  readonly maxMonthlyPayment: number;
  /** The check that binds at the capacity (ties: debt service before residual income). */
  readonly bindingCheck: AffordabilityCheckId;
  /**
   * False when the payment of the balance already owed on this line does not fit the room the
   * checks leave: no limit is affordable (`capacity` 0), whatever the limit, because the debt is.
   */
  readonly balanceOwedFits: boolean;
}

/** Check labels, both languages side by side. */
export const affordabilityCheckLabels: Readonly<Record<AffordabilityCheckId, { readonly en: string; readonly zhHans: string }>> = deepFreeze({
  income_level: { en: 'Monthly income at least the minimum', zhHans: '月收入不低于最低要求' },
  debt_service: {
    en: 'Monthly repayments on all debts, this line included, within the maximum share of income',
    zhHans: '全部债务月还款额（含本额度）不超过收入的最高比例',
  },
  residual_income: {
    en: 'Income left after living costs (at least a minimum per household member) and all repayments at least the floor for the city tier',
    zhHans: '扣除生活开支、抚养支出和全部还款后的剩余收入不低于所在城市等级的下限',
  },
});

/** Gathers the affordability inputs from a validated applicant. */
export function affordabilityInputOf(applicant: Applicant, policy: PolicyConfig): AffordabilityInput {
  return {
    effectiveIncome: effectiveIncome(applicant.income, policy),
    otherMonthlyDebtService: applicant.bureau.otherMonthlyDebtService,
    monthlyEssentialSpending: applicant.household.monthlyEssentialSpending,
    dependants: applicant.household.dependants,
    cityTier: applicant.residence.cityTier,
    balanceOwed: balanceAboveLine(applicant.platform),
  };
}

/**
 * The balance owed on the line when it is above the line on file (`platform.currentLimit`: a line
 * lowered below what was drawn, a closed line still owed), else undefined. A balance within the line
 * on file was drawn within what the lender granted, and the line's payment at the limit tests it as
 * before: every decision on such a balance keeps its bytes. One above it was counted nowhere.
 */
export function balanceAboveLine(platform: { readonly currentLimit: number; readonly currentBalance: number }): number | undefined {
  return platform.currentBalance > platform.currentLimit ? platform.currentBalance : undefined;
}

/**
 * The principal whose payment the checks test for a line of `limit`: the larger of the limit and the
 * balance owed on it. A line can be drawn up to its limit, and a balance above the limit (left by a
 * lowered line, or a closed one still owed) is owed whatever the limit: the line's debt service is
 * that of whichever is more. Adding the two would count the drawn part of the line twice, and the
 * limit alone let a customer owing 400,000 RMB on a 500 RMB line pass debt service on 15,500 RMB.
 */
export function linePrincipal(limit: number, balanceOwed: number | undefined): number {
  return balanceOwed !== undefined && balanceOwed > limit ? balanceOwed : limit;
}

interface Rooms {
  readonly incomeOk: boolean;
  readonly maxDebtService: number;
  readonly residualBeforeLine: number;
  readonly residualFloor: number;
  readonly maxDsr: number;
}

// The limit-independent parts of every check, computed once for both the checks and the capacity
// so the two can never disagree.
function roomsFor(input: AffordabilityInput, policy: PolicyConfig): Rooms {
  const a = policy.affordability;
  const residualFloor = a.residualFloorByCityTier[input.cityTier - 1];
  if (residualFloor === undefined) {
    throw new ValidationError('AffordabilityInput', [
      { path: ['cityTier'], code: 'too_big', message: 'cityTier must be an integer from 1 to 5', expected: '1..5', received: 'number' },
    ]);
  }
  const maxDsr = dsrBandFor(input.effectiveIncome, policy).maxDsr;
  return {
    incomeOk: input.effectiveIncome >= a.minEffectiveMonthlyIncome,
    maxDebtService: shareOf(input.effectiveIncome, maxDsr),
    residualBeforeLine: input.effectiveIncome - householdEssentials(input, a.minEssentialsPerPerson) - input.otherMonthlyDebtService,
    residualFloor,
    maxDsr,
  };
}

/**
 * `share` of `fen`, rounded down, worked out exactly from the decimal the lender wrote: in floating
 * point 35% of 700 fen is 244.99999999999997 and the DSR maximum lost a fen (29% or 57% of any
 * whole-RMB income, 35% of one in five).
 */
function shareOf(fen: number, share: number): number {
  // An input not in whole fen (checkAffordability is public) has no exact fen to keep: as before.
  if (fen <= 0 || !Number.isSafeInteger(fen)) return Math.floor(fen * share);
  const { units, scale } = exactDecimal(share);
  return Number((BigInt(fen) * units) / scale);
}

/**
 * Essential spending used for affordability: what the household declared, but never less than a
 * minimum per household member. Declared spending already covers dependants, so adding an
 * allowance on top would count them twice; the floor catches implausibly low declarations.
 */
function householdEssentials(input: AffordabilityInput, minPerPerson: number): number {
  return Math.max(input.monthlyEssentialSpending, minPerPerson * (1 + input.dependants));
}

/**
 * Runs every affordability check at `limit`: income level, debt service (all monthly repayments
 * including this line's) against the income band's maximum, and residual income against the city
 * tier's floor. The line's payment is that of the larger of `limit` and the balance owed on it
 * ({@link linePrincipal}), on the dearest way of repaying it over the policy term
 * the line offers ({@link dearestRepayment}): the revolving line at `aprBp` over the term, or an
 * instalment plan of at least that many instalments, whichever costs more a month.
 */
export function checkAffordability(input: AffordabilityInput, limit: number, aprBp: number, policy: PolicyConfig): AffordabilityAssessment {
  const rooms = roomsFor(input, policy);
  const repayment = dearestRepayment(aprBp, policy);
  const principal = linePrincipal(limit, input.balanceOwed);
  const payment = repaymentAt(principal, repayment);
  const debtService = input.otherMonthlyDebtService + payment;
  const residual = rooms.residualBeforeLine - payment;
  const checks: AffordabilityCheck[] = [
    check('income_level', input.effectiveIncome, policy.affordability.minEffectiveMonthlyIncome, 'at_least'),
    check('debt_service', debtService, rooms.maxDebtService, 'at_most'),
    check('residual_income', residual, rooms.residualFloor, 'at_least'),
  ];
  return {
    limit,
    monthlyPayment: payment,
    paymentPlan: repayment.plan,
    checks,
    pass: checks.every((c) => c.pass),
    debtServiceRatio: input.effectiveIncome > 0 ? debtService / input.effectiveIncome : null,
    maxDebtServiceRatio: rooms.maxDsr,
    // Only when it is what was tested, so an assessment of a balance within the line is as before.
    ...(principal > limit ? { balanceOwed: principal } : {}),
  };
}

function check(id: AffordabilityCheckId, value: number, threshold: number, comparison: AffordabilityCheck['comparison']): AffordabilityCheck {
  const pass = comparison === 'at_least' ? value >= threshold : value <= threshold;
  return { id, value, threshold, comparison, pass, unit: 'fen_per_month', label: affordabilityCheckLabels[id] };
}

/**
 * The largest limit (fen) for which every affordability check passes: the "healthy limit".
 * The room each check leaves for the new line's payment gives the largest payment in closed
 * form; {@link largestPrincipalAt} turns that into principal through the payment factor of the
 * dearest repayment over the term ({@link dearestRepayment}, the one {@link checkAffordability}
 * tests) and verifies it. When the balance owed on the line is more than that principal, no limit
 * is affordable and the capacity is 0. Non-decreasing in income (DSR maxima never fall as income
 * rises) and non-increasing in APR, debts, the balance owed, essentials and dependants.
 */
export function affordabilityCapacity(input: AffordabilityInput, aprBp: number, policy: PolicyConfig): AffordabilityCapacity {
  const rooms = roomsFor(input, policy);
  const debtServiceRoom = rooms.maxDebtService - input.otherMonthlyDebtService;
  const residualRoom = rooms.residualBeforeLine - rooms.residualFloor;
  const maxMonthlyPayment = Math.min(debtServiceRoom, residualRoom);
  const bindingCheck: AffordabilityCheckId = !rooms.incomeOk ? 'income_level' : debtServiceRoom <= residualRoom ? 'debt_service' : 'residual_income';
  const largest = rooms.incomeOk ? largestPrincipalAt(maxMonthlyPayment, dearestRepayment(aprBp, policy).perFen) : 0;
  // Every limit is tested on at least the balance owed: when that balance's own payment does not fit,
  // no limit does (a lower line does not make the debt go away), and the capacity is 0. Below the
  // largest principal that fits, the balance changes nothing.
  // (An income below the minimum affords nothing whatever is owed: that check, not the balance, is why.)
  const balanceOwedFits = !rooms.incomeOk || (input.balanceOwed ?? 0) <= largest;
  // Room for less than the product's smallest line offers no line whatever is owed: that figure is
  // kept, so a balance within the limit tested (the minimum, there) leaves the result as it was.
  const capacity = balanceOwedFits || largest < policy.limits.productMin ? largest : 0;
  return { capacity, maxMonthlyPayment, bindingCheck, balanceOwedFits };
}
