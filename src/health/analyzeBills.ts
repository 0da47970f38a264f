import { z } from 'zod';
import { IsoDate } from '../schema/primitives.js';
import { selectMonth } from './bill.js';
import { breakdownOf, type CategoryBreakdown } from './categoryBreakdown.js';
import { merchantsOf, type MerchantLine } from './largestMerchants.js';
import type { ComparisonBasis } from './messages.js';
import { comparisonOf, type MonthOverMonth } from './monthOverMonth.js';
import { DEFAULT_RECURRING_RULE, recurringOf, RecurringRuleOptions, type RecurringPayment } from './recurringPayments.js';
import { Transactions, type TransactionInput } from './transaction.js';
import { isDay, issueCode, parseWith } from './validate.js';
import { daysInMonth, monthOf, shiftMonth, YearMonth } from './yearMonth.js';

/** Input of {@link analyzeBills}. */
export interface AnalyzeBillsInput {
  /** The customer's transaction history (this month, the month before, and more for recurring detection). */
  readonly transactions: readonly TransactionInput[];
  /** The month to analyse; not after the month of `asOf`. */
  readonly month: YearMonth;
  readonly asOf: string;
  /** How many merchants to list (1 to 100); default 5. */
  readonly topMerchants?: number;
  /** Recurring-detection tolerances (see `detectRecurring`). */
  readonly recurring?: { readonly tolerancePercent?: number; readonly toleranceFen?: number; readonly minOccurrences?: number };
}

/** A month's bill analysis. */
export interface BillAnalysis {
  readonly month: YearMonth;
  readonly asOf: string;
  /**
   * `month_to_date` when `month` is the month of `asOf`: this month up to `asOf` is compared with the
   * month before up to the same day of the month (or its last day), so a half month is never set
   * against a whole one. `full_month` for a past month.
   */
  readonly basis: ComparisonBasis;
  /** The last day of each month that was counted (`YYYY-MM-DD`). */
  readonly through: { readonly current: string; readonly previous: string };
  readonly breakdown: CategoryBreakdown;
  readonly monthOverMonth: MonthOverMonth;
  readonly largestMerchants: readonly MerchantLine[];
  /** Recurring payments over the whole history up to `asOf`. */
  readonly recurring: readonly RecurringPayment[];
}

const Input = z
  .strictObject({
    transactions: Transactions,
    month: YearMonth,
    asOf: IsoDate,
    topMerchants: z.number().int().min(1).max(100).default(5),
    recurring: RecurringRuleOptions.default(DEFAULT_RECURRING_RULE),
  })
  .superRefine((v, ctx) => {
    // January 0000 has no month before it to compare with (it would be written "00-1-12").
    if (v.month === '0000-01') {
      ctx.addIssue({ code: 'custom', path: ['month'], message: 'January 0000 has no month before it to compare with', ...issueCode('out_of_range') });
    }
    if (isDay(v.asOf) && YearMonth.safeParse(v.month).success && v.month > monthOf(v.asOf)) {
      ctx.addIssue({ code: 'custom', path: ['month'], message: `Month ${v.month} is after asOf ${v.asOf}`, ...issueCode('month_after_as_of') });
    }
  });

function lastDay(month: YearMonth, day: number): string {
  return `${month}-${String(Math.min(day, daysInMonth(month))).padStart(2, '0')}`;
}

/**
 * Bill analysis for a month: category breakdown (amount and share), month-over-month change per
 * category and overall, the largest merchants, and recurring payments, each with customer text in
 * English and Simplified Chinese. Throws a ValidationError naming every bad field.
 *
 * @example
 * const a = analyzeBills({ transactions, month: '2024-05', asOf: '2024-05-31' });
 * a.monthOverMonth.overall.message.zhHans // '总支出比上月增加12%（…）。'
 */
export function analyzeBills(input: AnalyzeBillsInput): BillAnalysis {
  const v = parseWith(Input, 'analyzeBills', input);
  const basis: ComparisonBasis = v.month === monthOf(v.asOf) ? 'month_to_date' : 'full_month';
  const previousMonth = shiftMonth(v.month, -1);
  const day = basis === 'month_to_date' ? Number(v.asOf.slice(8, 10)) : 31;
  const through = { current: lastDay(v.month, day), previous: lastDay(previousMonth, day) };
  const current = { month: v.month, transactions: selectMonth(v.transactions, v.month, through.current) };
  const previous = { month: previousMonth, transactions: selectMonth(v.transactions, previousMonth, through.previous) };
  return {
    month: v.month,
    asOf: v.asOf,
    basis,
    through,
    breakdown: breakdownOf(current),
    monthOverMonth: comparisonOf(current, previous, basis),
    largestMerchants: merchantsOf(current, v.topMerchants),
    recurring: recurringOf(v.transactions, v.asOf, v.recurring),
  };
}
