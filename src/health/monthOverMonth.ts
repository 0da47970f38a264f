import { z } from 'zod';
import { Bill, type BillInput } from './bill.js';
import { CATEGORY_LABELS, SpendingCategory } from './category.js';
import type { LocalizedText } from './localizedText.js';
import { changeMessage, type BudgetScope, type ComparisonBasis } from './messages.js';
import { totalsBy, totalsOf } from './spendTotals.js';
import { issueCode, parseWith } from './validate.js';
import { shiftMonth, type YearMonth } from './yearMonth.js';

/** The change of net spending from one month to the next, for the total or one category. */
export interface SpendingChange {
  readonly scope: BudgetScope;
  readonly label: LocalizedText;
  /** Net spending this month, fen. */
  readonly current: number;
  /** Net spending the month before, fen. */
  readonly previous: number;
  /** `current - previous`, fen. */
  readonly change: number;
  /** `change / previous`; `null` when the month before had no (positive) spending to compare with. */
  readonly changeShare: number | null;
  readonly message: LocalizedText;
}

/** Month-over-month comparison of two consecutive bills. */
export interface MonthOverMonth {
  readonly month: YearMonth;
  readonly previousMonth: YearMonth;
  readonly basis: ComparisonBasis;
  readonly overall: SpendingChange;
  /** Every category with activity in either month, largest absolute change first (ties in category order). */
  readonly categories: readonly SpendingChange[];
}

/** Options of {@link monthOverMonth}. */
export interface MonthOverMonthOptions {
  /**
   * How the bills were cut, for the wording only: `month_to_date` when both hold the same leading
   * days of their months (see `analyzeBills`). Default `full_month`.
   */
  readonly basis?: ComparisonBasis;
}

const Input = z.strictObject({ current: Bill, previous: Bill, basis: z.enum(['full_month', 'month_to_date']).default('full_month') }).superRefine((v, ctx) => {
  if (shiftMonth(v.current.month, -1) !== v.previous.month) {
    ctx.addIssue({ code: 'custom', path: ['previous', 'month'], message: `Expected the month before ${v.current.month}`, ...issueCode('not_previous_month') });
  }
});

function changeOf(scope: BudgetScope, label: LocalizedText, current: number, previous: number, basis: ComparisonBasis): SpendingChange {
  const change = current - previous;
  return {
    scope,
    label,
    current,
    previous,
    change,
    changeShare: previous > 0 ? change / previous : null,
    message: changeMessage({ scope, current, previous, basis }),
  };
}

/** Comparison from validated bills. */
export function comparisonOf(current: Bill, previous: Bill, basis: ComparisonBasis): MonthOverMonth {
  const now = totalsBy(current.transactions, (t) => t.category);
  const before = totalsBy(previous.transactions, (t) => t.category);
  const order = SpendingCategory.options;
  const categories = order
    .filter((c) => now.has(c) || before.has(c))
    .map((c) => changeOf(c, CATEGORY_LABELS[c], now.get(c)?.net ?? 0, before.get(c)?.net ?? 0, basis))
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || order.indexOf(a.scope as SpendingCategory) - order.indexOf(b.scope as SpendingCategory));
  return {
    month: current.month,
    previousMonth: previous.month,
    basis,
    overall: changeOf('overall', { en: 'total', zhHans: '总' }, totalsOf(current.transactions).net, totalsOf(previous.transactions).net, basis),
    categories,
  };
}

/**
 * Month-over-month change of net spending, overall and per category, with a sentence for each.
 * `previous` must be the bill of the month before `current`. Throws a ValidationError on bad input.
 *
 * @example
 * monthOverMonth(billForMonth(h, '2024-05'), billForMonth(h, '2024-04')).overall.changeShare // 0.12
 */
export function monthOverMonth(current: BillInput, previous: BillInput, options: MonthOverMonthOptions = {}): MonthOverMonth {
  const v = parseWith(Input, 'monthOverMonth', { current, previous, ...options });
  return comparisonOf(v.current, v.previous, v.basis);
}
