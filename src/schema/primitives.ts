import { z } from 'zod';

/**
 * Money in integer fen (1 RMB = 100 fen), at most 2^53 - 1 (`Number.MAX_SAFE_INTEGER`). Never a
 * float: rounding errors in money are bugs, and integer fen makes every sum exact up to 2^53.
 * zod's `.int()` is the safe-integer range itself; it stops at its own issue, so an amount too big
 * (1e20) gives one issue, not that one and a second `.max` saying the same.
 */
export const Fen = z.number().int({ abort: true }).min(0).describe('Amount in integer fen (1 RMB = 100 fen)');
/** Money in integer fen. */
export type Fen = z.infer<typeof Fen>;

/**
 * The most a money amount an applicant carries, or a limit a policy grants, may be: 10^12 fen
 * (10 billion RMB). No consumer's monthly income, debts, balances or credit line come near it, so
 * an amount above it is a data error (a figure in the wrong unit, a sentinel such as 2^53 - 1).
 * It keeps every figure a decision derives from such amounts a safe integer with room to spare:
 * the risk cap (income x at most 100) at most 10^14, debt service and residual income (income,
 * essentials at up to 21 household members, other debt, the payment on a line) within
 * +-10^14, so every decision matches its output schema and can be reassessed.
 */
export const MAX_MONEY_FEN = 1_000_000_000_000;

const BOUNDED_FEN_TOO_BIG = `at most ${MAX_MONEY_FEN} fen (10,000,000,000 RMB); an amount above it is taken for a data error (another unit, a sentinel)`;

/**
 * Money an applicant carries, in integer fen, at most {@link MAX_MONEY_FEN}. An amount past 2^53 fails
 * `.int()`'s own safe-integer bound first (which aborts, as for a fraction): it says this bound too,
 * not "expected int to be <=9007199254740991", a limit no amount of money comes near.
 */
export const BoundedFen = z
  .number()
  .int({ abort: true, error: (issue) => (issue.code === 'too_big' ? BOUNDED_FEN_TOO_BIG : undefined) })
  .min(0)
  .max(MAX_MONEY_FEN, BOUNDED_FEN_TOO_BIG)
  .describe('Amount in integer fen (1 RMB = 100 fen)');

/** A calendar date as ISO `YYYY-MM-DD`, a day its month has; no time of day, no time zone, no clock. */
export const IsoDate = z.iso.date().describe('Calendar date, ISO 8601 YYYY-MM-DD');
/** A calendar date as ISO `YYYY-MM-DD`. */
export type IsoDate = z.infer<typeof IsoDate>;

/** A lowercase hex SHA-256 digest (64 characters). */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters (SHA-256)');

/** A non-negative integer count (months, enquiries, transactions). */
export const Count = z.number().int().min(0).max(1_000_000);

/** A share in [0, 1]. */
export const Share = z.number().min(0).max(1);
