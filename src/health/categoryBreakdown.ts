import { Bill, type BillInput } from './bill.js';
import { CATEGORY_LABELS, SpendingCategory } from './category.js';
import type { LocalizedText } from './localizedText.js';
import { addFen } from './money.js';
import { totalsBy, totalsOf, type SpendTotals } from './spendTotals.js';
import { parseWith } from './validate.js';
import type { YearMonth } from './yearMonth.js';

/** One category's line in a bill breakdown. Money in integer fen. */
export interface CategoryLine extends SpendTotals {
  readonly category: SpendingCategory;
  readonly label: LocalizedText;
  /**
   * Share of the month's spending: `max(0, net) / (sum of positive category nets)`; 0 when nothing
   * was spent. Shares of all lines add up to 1 whenever anything was spent.
   */
  readonly share: number;
}

/** A month's spending by category. */
export interface CategoryBreakdown {
  readonly month: YearMonth;
  /** Totals of the whole bill; `total.net` equals the sum of the lines' `net` exactly. */
  readonly total: SpendTotals;
  /** Every category with any activity, largest net first (ties in category order). */
  readonly lines: readonly CategoryLine[];
}

/** Breakdown from a validated bill. */
export function breakdownOf(bill: Bill): CategoryBreakdown {
  const byCategory = totalsBy(bill.transactions, (t) => t.category);
  let positive = 0;
  for (const t of byCategory.values()) positive = addFen(positive, Math.max(0, t.net));
  const order = SpendingCategory.options;
  const lines: CategoryLine[] = [...byCategory.entries()]
    .map(([category, t]) => ({ category, label: CATEGORY_LABELS[category], ...t, share: positive === 0 ? 0 : Math.max(0, t.net) / positive }))
    .sort((a, b) => b.net - a.net || order.indexOf(a.category) - order.indexOf(b.category));
  return { month: bill.month, total: totalsOf(bill.transactions), lines };
}

/**
 * A bill's spending by category: purchases, refunds, net and share of each. The lines reconcile
 * exactly with the bill: their gross, refunds and net each sum to the bill's totals, in integer fen.
 * Throws a ValidationError naming every bad field.
 *
 * @example
 * categoryBreakdown(billForMonth(history, '2024-05')).lines[0]?.category // 'food'
 */
export function categoryBreakdown(bill: BillInput): CategoryBreakdown {
  return breakdownOf(parseWith(Bill, 'Bill', bill));
}
