import { z } from 'zod';
import { beijingDayOf, hasBeijingDay } from './beijingTime.js';
import { MAX_MONEY_FEN } from '../schema/primitives.js';
import { PositiveFen } from './money.js';
import { SpendingCategory } from './category.js';
import { issueCode, parseWith } from './validate.js';

/**
 * A purchase takes money out of the budget; a refund puts it back. Amounts are always positive
 * fen and the kind carries the sign, so a stray minus can never turn a purchase into a refund.
 */
export const TransactionKind = z.enum(['purchase', 'refund']);
/** Purchase or refund. */
export type TransactionKind = z.infer<typeof TransactionKind>;

/** How the customer paid. Informational: budgets count every channel the same. */
export const PaymentChannel = z.enum(['credit_line', 'balance', 'bank_card', 'credit_card', 'cash', 'other']);
/** How the customer paid. */
export type PaymentChannel = z.infer<typeof PaymentChannel>;

/**
 * An ISO 8601 date-time, with or without an offset (`2024-05-03T12:30:00+08:00`). Days and months are
 * Beijing time ({@link beijingDayOf}): a time with an offset (`Z`, `±hh:mm`) falls on its Beijing day
 * (`2024-05-31T16:30:00Z` is 1 June); a time without one is Beijing local time as written.
 */
export const IsoDateTime = z.iso
  // abort: the Beijing-day check below reads a well-formed time only.
  .datetime({ offset: true, local: true, abort: true })
  .refine(hasBeijingDay, { message: 'expected a time whose Beijing day lies in years 0000 to 9999', ...issueCode('out_of_range') })
  .describe('ISO 8601 date-time; with an offset it counts on its Beijing (UTC+8) day, without one it is Beijing local time');

/** The most transactions one call accepts; more is a clear error, never a slow path. */
export const MAX_TRANSACTIONS = 100_000;

/**
 * The most the amounts of one call's transactions (purchases and refunds) may add up to: 10^14 fen
 * (1 trillion RMB). Each amount is at most MAX_MONEY_FEN (10^12), but 100,000 of them could add up
 * past 2^53; under this bound every sum is exact and so is every month-end projection (at most 31
 * times a month's spending, 3.1 x 10^15). More is refused as a data error naming `transactions`.
 */
export const MAX_TRANSACTIONS_TOTAL_FEN = 100_000_000_000_000;

/**
 * One line of a bill: a purchase or a refund, in integer fen.
 *
 * A refund is netted against the category and merchant written on the refund itself, in the month
 * the refund is dated (not the month of the original purchase).
 */
export const Transaction = z.strictObject({
  id: z.string().min(1).max(128).describe('Caller-supplied id, unique within one call'),
  time: IsoDateTime,
  kind: TransactionKind.default('purchase'),
  amount: PositiveFen.describe('Positive amount in fen; the kind says which way it moves'),
  merchant: z.string().trim().min(1).max(200),
  category: SpendingCategory,
  channel: PaymentChannel.optional(),
});
/** One validated transaction (kind defaulted). */
export type Transaction = z.infer<typeof Transaction>;
/** A transaction as a caller writes it (`kind` optional, defaults to `purchase`). */
export type TransactionInput = z.input<typeof Transaction>;

/** A list of transactions with unique ids (a repeated id would count money twice). */
export const Transactions = z
  .array(Transaction)
  .max(MAX_TRANSACTIONS)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    // Each amount is at most 10^12 and there are at most 10^5: the float total is exact until it
    // passes 2^53, far above the bound, so the comparison is right. An amount above 10^12 has its
    // own issue already and is left out, so one fault is not reported twice.
    let total = 0;
    list.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Duplicate transaction id "${t.id}"`, ...issueCode('duplicate_id') });
      seen.add(t.id);
      if (typeof t.amount === 'number' && t.amount <= MAX_MONEY_FEN) total += t.amount;
    });
    if (total > MAX_TRANSACTIONS_TOTAL_FEN) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `The amounts add up to more than ${MAX_TRANSACTIONS_TOTAL_FEN} fen (1,000,000,000,000 RMB); so large a total is taken for a data error`,
        ...issueCode('too_big'),
      });
    }
  });

/** Validates a list of transactions; throws a ValidationError naming every bad field. */
export function parseTransactions(input: unknown): Transaction[] {
  return parseWith(Transactions, 'transactions', input);
}
