import { z } from 'zod';
import { Bill, type BillInput } from './bill.js';
import type { SpendingCategory } from './category.js';
import type { LocalizedText } from './localizedText.js';
import { merchantKey } from './merchantKey.js';
import { merchantMessage } from './messages.js';
import { addFen } from './money.js';
import { totalsBy, type SpendTotals } from './spendTotals.js';
import type { Transaction } from './transaction.js';
import { isLater } from './transactionOrder.js';
import { parseWith } from './validate.js';

/** One of a month's largest merchants. Money in integer fen. */
export interface MerchantLine extends SpendTotals {
  /** The merchant's name as written on its latest transaction. */
  readonly merchant: string;
  /** The normalised key merchants were grouped by (see {@link merchantKey}). */
  readonly key: string;
  /** Category of the merchant's latest transaction. */
  readonly category: SpendingCategory;
  /** `net / (sum of positive merchant nets)` for the month. */
  readonly share: number;
  readonly message: LocalizedText;
}

/** Options of {@link largestMerchants}. */
export interface LargestMerchantsOptions {
  /** How many merchants to return (1 to 100); default 5. */
  readonly limit?: number;
}

const Limit = z.number().int().min(1).max(100);

/** Largest merchants from a validated bill. */
export function merchantsOf(bill: Bill, limit: number): MerchantLine[] {
  const totals = totalsBy(bill.transactions, (t) => merchantKey(t.merchant));
  const latest = new Map<string, Transaction>();
  for (const t of bill.transactions) {
    const k = merchantKey(t.merchant);
    const seen = latest.get(k);
    if (seen === undefined || isLater(t, seen)) latest.set(k, t);
  }
  let positive = 0;
  for (const t of totals.values()) positive = addFen(positive, Math.max(0, t.net));
  return [...totals.entries()]
    .filter(([, t]) => t.net > 0)
    .sort(([ka, a], [kb, b]) => b.net - a.net || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, limit)
    .map(([key, t]) => {
      const last = latest.get(key)!;
      const share = t.net / positive;
      return {
        merchant: last.merchant,
        key,
        category: last.category,
        ...t,
        share,
        message: merchantMessage({ merchant: last.merchant, net: t.net, purchases: t.purchases, share }),
      };
    });
}

/**
 * The merchants a bill spent most at, by net spending (purchases minus refunds), largest first;
 * ties by merchant key. Merchants are matched by {@link merchantKey}. Throws a ValidationError on bad input.
 */
export function largestMerchants(bill: BillInput, options: LargestMerchantsOptions = {}): MerchantLine[] {
  const parsed = parseWith(z.strictObject({ bill: Bill, limit: Limit.default(5) }), 'largestMerchants', { bill, ...options });
  return merchantsOf(parsed.bill, parsed.limit);
}
