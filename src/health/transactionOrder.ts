import { compareBeijingTimes } from './beijingTime.js';
import type { Transaction } from './transaction.js';

/**
 * True when `a` comes after `b`, by the instant it happened ({@link compareBeijingTimes}, whatever offset
 * it was written in) and then by id. A total order on transactions, so every
 * "latest" and every sort is the same whatever order the caller sent.
 */
export function isLater(a: Transaction, b: Transaction): boolean {
  // Comparing the times as written put 10:00+08:00 after 03:00Z, which is 11:00 in Beijing.
  const order = compareBeijingTimes(a.time, b.time);
  return order > 0 || (order === 0 && a.id > b.id);
}

/** Comparator for oldest-first sorting by {@link isLater}. */
export function byTime(a: Transaction, b: Transaction): number {
  return compareBeijingTimes(a.time, b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
