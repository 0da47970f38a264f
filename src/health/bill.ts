import { z } from 'zod';
import { IsoDate } from '../schema/primitives.js';
import { Transactions, type TransactionInput } from './transaction.js';
import { issueCode, parseWith } from './validate.js';
import { beijingDayOf } from './beijingTime.js';
import { monthOf, YearMonth } from './yearMonth.js';

/**
 * A month's bill: the transactions dated in that month. Every transaction must fall in `month`
 * (by its Beijing day, {@link beijingDayOf}).
 */
export const Bill = z
  .strictObject({
    month: YearMonth,
    transactions: Transactions,
  })
  .superRefine((bill, ctx) => {
    bill.transactions.forEach((t, i) => {
      const day = beijingDayOf(t.time);
      if (monthOf(day) !== bill.month) {
        ctx.addIssue({
          code: 'custom',
          path: ['transactions', i, 'time'],
          message: `Transaction dated ${day} (Beijing time) is outside the bill month ${bill.month}`,
          ...issueCode('outside_bill_month'),
        });
      }
    });
  });
/** A validated monthly bill. */
export type Bill = z.infer<typeof Bill>;
/** A monthly bill as a caller writes it. */
export type BillInput = z.input<typeof Bill>;

/** Validates a bill; throws a ValidationError naming every bad field. */
export function parseBill(input: unknown): Bill {
  return parseWith(Bill, 'Bill', input);
}

const BillForMonthInput = z.strictObject({
  transactions: Transactions,
  month: YearMonth,
  through: IsoDate.optional(),
});

/**
 * The bill for `month` cut from a transaction history: the transactions dated in that month, and
 * on or before `through` when given (a month-to-date bill).
 *
 * @example
 * billForMonth(history, '2024-05', '2024-05-14') // 1 to 14 May
 */
export function billForMonth(transactions: readonly TransactionInput[], month: YearMonth, through?: string): Bill {
  const input = parseWith(BillForMonthInput, 'billForMonth', through === undefined ? { transactions, month } : { transactions, month, through });
  return { month: input.month, transactions: selectMonth(input.transactions, input.month, input.through) };
}

/** Transactions whose Beijing day is in `month`, and on or before `through` if given. Input already validated. */
export function selectMonth<T extends { time: string }>(transactions: readonly T[], month: YearMonth, through?: string): T[] {
  return transactions.filter((t) => {
    const day = beijingDayOf(t.time);
    return monthOf(day) === month && (through === undefined || day <= through);
  });
}
