import { shortestDecimal } from '../common/shortestDecimal.js';

/**
 * A non-negative number as the exact fraction `units / scale` of the decimal the lender wrote.
 * `scale` is a power of ten (1 for a whole number).
 */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: bigint;
}

/**
 * The exact fraction of the shortest decimal that reads back as the same double (`String` gives it:
 * "0.3", "0.0725", "1161.5", "1e-7"): the figure the lender wrote (a haircut, a fee, a DSR maximum)
 * or the one pricing worked out (an APR in basis points), not the binary double nearest it. Money is
 * then worked out in integers from it, so `165,000 x (1 - 0.3)` is 115,500 fen and not 115,499.
 *
 * Each value is read once and remembered (a policy has a few rates and a grid of prices shared by
 * every decision), so no decision parses text on the hot path.
 *
 * @throws RangeError when `value` is negative or not finite.
 * @example exactDecimal(0.088) // { units: 88n, scale: 1000n }
 */
export function exactDecimal(value: number): ExactDecimal {
  let exact = decimals.get(value);
  if (exact === undefined) {
    exact = readDecimal(value);
    // A guard against values drawn per call (property tests, policies built per decision): start again.
    if (decimals.size >= MAX_REMEMBERED) decimals.clear();
    decimals.set(value, exact);
  }
  return exact;
}

/** Values read before the table is dropped: a policy's rates plus every step of a daily-rate grid. */
const MAX_REMEMBERED = 4_096;
const decimals = new Map<number, ExactDecimal>();

function readDecimal(value: number): ExactDecimal {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`not a non-negative finite number: ${value}`);
  const { digits, exponent } = shortestDecimal(value);
  return exponent >= 0 ? { units: digits * 10n ** BigInt(exponent), scale: 1n } : { units: digits, scale: 10n ** BigInt(-exponent) };
}
