import fc from 'fast-check';
import { SpendingCategory, type TransactionInput } from '../../src/health/index.js';

// Shared generators for the health tests: small merchant and category pools so that groups collide.

export const MERCHANTS = ['美团外卖', 'KFC', 'ＫＦＣ', 'Didi', '盒马', 'China Mobile', 'Landlord'] as const;

const pad = (n: number): string => String(n).padStart(2, '0');

/** One transaction dated in `month` (days 1 to 28, so every month has them), id filled in later. */
export function transactionIn(month: string, options: { refunds?: boolean; maxAmount?: number } = {}): fc.Arbitrary<Omit<TransactionInput, 'id'>> {
  return fc.record({
    time: fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 })).map(([d, h]) => `${month}-${pad(d)}T${pad(h)}:00:00+08:00`),
    kind: options.refunds
      ? fc.constantFrom('purchase' as const, 'purchase' as const, 'purchase' as const, 'refund' as const)
      : fc.constant('purchase' as const),
    amount: fc.integer({ min: 1, max: options.maxAmount ?? 500_000 }),
    merchant: fc.constantFrom(...MERCHANTS),
    category: fc.constantFrom(...SpendingCategory.options),
  });
}

/** A list of transactions in `month` with unique ids. */
export function transactionsIn(month: string, options: { refunds?: boolean; maxLength?: number; maxAmount?: number } = {}): fc.Arbitrary<TransactionInput[]> {
  return fc.array(transactionIn(month, options), { maxLength: options.maxLength ?? 40 }).map((list) => list.map((t, i) => ({ id: `${month}#${i}`, ...t })));
}

/** Builds a purchase quickly in example tests. */
export function buy(id: string, day: string, amount: number, merchant: string, category: TransactionInput['category'] = 'other'): TransactionInput {
  return { id, time: `${day}T12:00:00+08:00`, amount, merchant, category };
}
