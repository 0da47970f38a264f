import { addFen } from './money.js';
import type { Transaction } from './transaction.js';

/** Money in and out of one slice of spending (a category, a merchant, a month), integer fen. */
export interface SpendTotals {
  /** Sum of purchases. */
  readonly gross: number;
  /** Sum of refunds. */
  readonly refunds: number;
  /** `gross - refunds`; negative when refunds of earlier months outweigh this month's purchases. */
  readonly net: number;
  /** Number of purchases. */
  readonly purchases: number;
  /** Number of refunds. */
  readonly refundCount: number;
}

interface MutableTotals {
  gross: number;
  refunds: number;
  net: number;
  purchases: number;
  refundCount: number;
}

function empty(): MutableTotals {
  return { gross: 0, refunds: 0, net: 0, purchases: 0, refundCount: 0 };
}

function add(t: MutableTotals, tx: Transaction): void {
  if (tx.kind === 'refund') {
    t.refunds = addFen(t.refunds, tx.amount);
    t.net = addFen(t.net, -tx.amount);
    t.refundCount += 1;
  } else {
    t.gross = addFen(t.gross, tx.amount);
    t.net = addFen(t.net, tx.amount);
    t.purchases += 1;
  }
}

/** Totals of a list of transactions. */
export function totalsOf(transactions: readonly Transaction[]): SpendTotals {
  const t = empty();
  for (const tx of transactions) add(t, tx);
  return t;
}

/** Totals grouped by a key (category, merchant...). Map order is first-seen; callers sort. */
export function totalsBy<K>(transactions: readonly Transaction[], key: (tx: Transaction) => K): Map<K, SpendTotals> {
  const out = new Map<K, MutableTotals>();
  for (const tx of transactions) {
    const k = key(tx);
    let t = out.get(k);
    if (t === undefined) {
      t = empty();
      out.set(k, t);
    }
    add(t, tx);
  }
  return out;
}

/**
 * What counts against a budget: net spending, floored at zero. Refunds lower it, but a month of
 * refunds for earlier purchases does not create budget headroom beyond zero spending.
 */
export function budgetSpend(t: SpendTotals): number {
  return Math.max(0, t.net);
}
