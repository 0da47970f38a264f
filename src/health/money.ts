import { z } from 'zod';
import { CreditliftError } from '../errors/index.js';

// Money arithmetic for the health module. Amounts are integer fen; every sum is checked so a
// total past 2^53 fails loudly instead of silently losing fen.

const FEN_PER_YUAN = 100;

/** A positive amount in integer fen (budgets, transaction amounts): one bound check, one issue. */
export const PositiveFen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('Positive amount in integer fen');

function overflow(): CreditliftError {
  return new CreditliftError('data_invalid', 'Amounts add up past the largest exact integer (2^53 - 1 fen)');
}

/** Exact sum of two integer fen amounts (either may be negative); throws on overflow. */
export function addFen(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw overflow();
  return sum;
}

/** `a * num / den` for non-negative integers, rounded to the nearest fen (halves up), exactly. */
export function mulDivRound(a: number, num: number, den: number): number {
  // BigInt because a * num can pass 2^53 even when the result does not.
  const q = (2n * BigInt(a) * BigInt(num) + BigInt(den)) / (2n * BigInt(den));
  if (q > BigInt(Number.MAX_SAFE_INTEGER)) throw overflow();
  return Number(q);
}

/** `a * num / den` for non-negative integers, rounded down, exactly. */
export function mulDivFloor(a: number, num: number, den: number): number {
  const q = (BigInt(a) * BigInt(num)) / BigInt(den);
  if (q > BigInt(Number.MAX_SAFE_INTEGER)) throw overflow();
  return Number(q);
}

/** True when `spent / budget >= percent / 100`, compared exactly in integers. */
export function reachesPercent(spent: number, budget: number, percent: number): boolean {
  return BigInt(spent) * 100n >= BigInt(percent) * BigInt(budget);
}

/**
 * Formats integer fen as yuan for customer text: `123456` -> `"¥1,234.56"`, `-500` -> `"-¥5.00"`.
 * Integer arithmetic only, so no float ever rounds a displayed amount.
 */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs - yuan * FEN_PER_YUAN;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`;
}

/** A share as a whole percent for customer text (0.804 -> 80). */
export function wholePercent(share: number): number {
  return Math.round(share * 100);
}
