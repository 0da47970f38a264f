/**
 * Sums whose result does not depend on the order of their terms. A float sum does: `a + b + c` and
 * `c + a + b` can differ in the last digit, so the same book in another order gave other bytes,
 * and at a threshold (the 20% average-cost guidance) another verdict. Each term is counted once in
 * whole units of a fixed grid (`Math.round(x x unitsPerOne)`, a function of the term alone) and
 * the units are added exactly, so every order gives the same total.
 *
 * Whole numbers add exactly as doubles while the total stays below 2^52, so a sum runs on a number
 * and moves its total into a BigInt only past that: exact at any size, and about as fast as a float
 * sum (BigInt on every term made a simulation's tallies four times slower).
 */

/** APRs and other rates are counted in billionths (1e-9 = 0.0000001%), the daily-rate grid's own unit. */
export const RATE_UNITS = 1_000_000_000;
/** Probabilities (a PD, a PD reduction) are counted in trillionths. */
export const PROBABILITY_UNITS = 1_000_000_000_000;
/** Fractional money (expected loss and income, fen) is counted in millionths of a fen. */
export const FEN_FRACTION_UNITS = 1_000_000;

/** Below this, whole numbers and their sums are exact doubles (2^52, leaving a bit for one more term). */
const EXACT_BELOW = 2 ** 52;

/** An exact running total of whole units: `big + small`. Plain fields, updated in place. */
export interface ExactSum {
  small: number;
  big: bigint;
}

/** A fresh total. */
export function emptyExactSum(): ExactSum {
  return { small: 0, big: 0n };
}

/**
 * `x` in whole units of `1 / unitsPerOne`, rounded once (half up). Throws a RangeError for a value
 * that is not finite: a sum must not turn a NaN into a figure.
 *
 * @example toUnits(0.16571, RATE_UNITS); // 165710000
 */
export function toUnits(x: number, unitsPerOne: number): number {
  const units = Math.round(x * unitsPerOne);
  if (!Number.isFinite(units)) throw new RangeError(`cannot sum ${x}: not a finite number`);
  return units;
}

/** Adds whole `units` (from {@link toUnits}) to a total, exactly. */
export function addUnits(s: ExactSum, units: number): void {
  if (Math.abs(units) >= EXACT_BELOW) {
    s.big += BigInt(units);
    return;
  }
  s.small += units;
  if (Math.abs(s.small) >= EXACT_BELOW) {
    s.big += BigInt(s.small);
    s.small = 0;
  }
}

/**
 * Adds the product of two whole numbers to a total, exactly: as a double when the product is below
 * 2^52 (a double product below it is the exact one), else as a BigInt product.
 */
export function addProduct(s: ExactSum, a: number, b: number): void {
  const p = a * b;
  if (Math.abs(p) < EXACT_BELOW) addUnits(s, p);
  else s.big += BigInt(a) * BigInt(b);
}

/** The exact total. */
export function exactTotal(s: ExactSum): bigint {
  return s.big + BigInt(s.small);
}

/**
 * The exact total as the nearest double: `small` itself while nothing moved to `big` (it is exact
 * there), so reading a running total allocates no BigInt.
 */
export function totalAsNumber(s: ExactSum): number {
  return s.big === 0n ? s.small : Number(exactTotal(s));
}

/** The total back as a number of `1 / unitsPerOne` units (rounded once, to the nearest double). */
export function fromUnits(s: ExactSum, unitsPerOne: number): number {
  return totalAsNumber(s) / unitsPerOne;
}
