import type { Transaction } from './transaction.js';

/**
 * True when `a` comes after `b`, by timestamp as written and then by id. A total order on
 * transactions, so every "latest" and every sort is the same whatever order the caller sent.
 */
export function isLater(a: Transaction, b: Transaction): boolean {
  return a.time > b.time || (a.time === b.time && a.id > b.id);
}

/** Comparator for oldest-first sorting by {@link isLater}. */
export function byTime(a: Transaction, b: Transaction): number {
  return isLater(b, a) ? -1 : isLater(a, b) ? 1 : 0;
}
