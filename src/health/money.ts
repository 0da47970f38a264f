import { z } from 'zod';
import { CreditliftError, ValidationError } from '../errors/index.js';
import { MAX_MONEY_FEN } from '../schema/primitives.js';
import { issueCode } from './validate.js';
import { yuanDigits } from '../common/yuanDigits.js';

// Money arithmetic for the health module. Amounts are integer fen, each at most MAX_MONEY_FEN
// (10^12 fen), as every amount an applicant carries; every sum is still checked so a total past
// 2^53 fails loudly instead of silently losing fen.

const TOO_BIG = `at most ${MAX_MONEY_FEN} fen (10,000,000,000 RMB); an amount above it is taken for a data error (another unit, a sentinel)`;

/**
 * An amount in integer fen from `min` to MAX_MONEY_FEN. One fault gives one issue: integrality is
 * checked as such (zod's `int()` also bounds at 2^53 - 1, which gave 2^53 a second `too_big` beside
 * the 10^12 one). No check aborts, so the refinements of the record around it still run and every
 * fault of the record comes back together.
 */
function boundedFen(min: number): z.ZodNumber {
  return z
    .number()
    .min(min)
    .max(MAX_MONEY_FEN, TOO_BIG)
    .refine(Number.isInteger, { message: 'Invalid input: expected int, received number', ...issueCode('invalid_type') });
}

/** A positive amount in integer fen (budgets, transaction amounts), at most MAX_MONEY_FEN: one bound check, one issue. */
export const PositiveFen = boundedFen(1).describe('Positive amount in integer fen, at most 10^12');
/** A non-negative amount in integer fen (limits, income), at most MAX_MONEY_FEN: one bound check, one issue. */
export const HealthFen = boundedFen(0).describe('Amount in integer fen, at most 10^12');

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
 *
 * @throws ValidationError (subject `formatYuan`, field `fen`) for anything but a safe integer: a
 *   fraction, NaN, an infinity, a string, a BigInt or an amount past 2^53 - 1 has no exact yuan text.
 */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    const received =
      typeof fen === 'number'
        ? Number.isInteger(fen)
          ? 'unsafe integer'
          : Number.isNaN(fen)
            ? 'NaN'
            : 'non-integer number'
        : fen === null
          ? 'null'
          : typeof fen;
    throw new ValidationError('formatYuan', [
      { path: ['fen'], code: 'invalid_type', message: 'expected integer fen (a safe integer)', expected: 'safe integer', received },
    ]);
  }
  const digits = yuanDigits(fen, 'always');
  return digits.startsWith('-') ? `-¥${digits.slice(1)}` : `¥${digits}`;
}

/** A share as a whole percent for customer text (0.804 -> 80). */
export function wholePercent(share: number): number {
  return Math.round(share * 100);
}
