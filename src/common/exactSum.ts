/**
 * Sums whose result does not depend on the order of their terms. A float sum does: `a + b + c` and
 * `c + a + b` can differ in the last digit, so the same book in another order gave other bytes,
 * and at a threshold (the 20% average-cost guidance) another verdict. Each term is counted once in
 * whole units of a fixed grid (`Math.round(x x unitsPerOne)`, a function of the term alone) and
 * the units are added as a BigInt, exactly, so every order gives the same total.
 */

/** APRs and other rates are counted in billionths (1e-9 = 0.0000001%), the daily-rate grid's own unit. */
export const RATE_UNITS = 1_000_000_000;
/** Probabilities (a PD, a PD reduction) are counted in trillionths. */
export const PROBABILITY_UNITS = 1_000_000_000_000;
/** Fractional money (expected loss and income, fen) is counted in millionths of a fen. */
export const FEN_FRACTION_UNITS = 1_000_000;

/**
 * `x` in whole units of `1 / unitsPerOne`, rounded once (half up). Throws a RangeError for a value
 * that is not finite: a sum must not turn a NaN into a figure.
 *
 * @example toUnits(0.16571, RATE_UNITS); // 165710000n
 */
export function toUnits(x: number, unitsPerOne: number): bigint {
  const scaled = Math.round(x * unitsPerOne);
  if (!Number.isFinite(scaled)) throw new RangeError(`cannot sum ${x}: not a finite number`);
  return BigInt(scaled);
}

/** An exact total of units back as a number (rounded once, to the nearest double). */
export function fromUnits(units: bigint, unitsPerOne: number): number {
  return Number(units) / unitsPerOne;
}
