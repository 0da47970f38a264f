/**
 * A finite number as the exact decimal `digits x 10^exponent` of the shortest text that reads back
 * as the same double (`String` gives it: "91.37", "-0.5", "1e-7"): the figure someone wrote (a
 * score printed with two decimals, a scale's step), not the binary double nearest it, whose exact
 * value (91.3700000000000045474735...) nobody wrote.
 */
export interface ShortestDecimal {
  /** The significant digits, signed. */
  readonly digits: bigint;
  /** The power of ten they are scaled by. */
  readonly exponent: number;
}

/**
 * Reads a finite number as {@link ShortestDecimal}.
 *
 * @throws RangeError when `value` is not finite.
 * @example shortestDecimal(91.37) // { digits: 9137n, exponent: -2 }
 */
export function shortestDecimal(value: number): ShortestDecimal {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (m === null) throw new RangeError(`not a finite number: ${value}`);
  const fraction = m[3] ?? '';
  const digits = BigInt(`${m[1]}${m[2]}${fraction}`);
  return { digits, exponent: Number(m[4] ?? 0) - fraction.length };
}

/** The decimal's digits scaled to `10^exponent` units (`exponent` at most the decimal's own). */
export function decimalUnits(d: ShortestDecimal, exponent: number): bigint {
  return d.digits * 10n ** BigInt(d.exponent - exponent);
}
