/** Most decimals a figure is printed with before rounding is directed instead. */
const MAX_DIGITS = 12;

/**
 * A figure printed beside its flag: `x.toFixed(digits)`, with more decimals when rounding would
 * carry it onto or across a threshold the flag is decided on, so the printed value never
 * contradicts the flag next to it (an adverse impact ratio of 0.7955 prints "0.795", not "0.80"
 * beside "below 0.8"; a PSI of 0.2500004 prints "0.2500004", not "0.250" in the act band). A value
 * exactly on a threshold prints as it is. `scale` prints a multiple (100 for percent).
 *
 * @example
 * fixedBesideThresholds(0.7954545, 2, [0.8]); // "0.795"
 * fixedBesideThresholds(0.7, 2, [0.8]); // "0.70"
 */
export function fixedBesideThresholds(x: number, digits: number, thresholds: readonly number[], scale = 1): string {
  if (!Number.isFinite(x)) return String(x);
  const sameSide = (shown: number) => thresholds.every((t) => Math.sign(shown - t) === Math.sign(x - t));
  for (let d = digits; d <= MAX_DIGITS; d++) {
    const text = (x * scale).toFixed(d);
    if (sameSide(Number(text) / scale)) return text;
  }
  // Closer than 10^-12 to a threshold: round away from it, toward the side the value is on.
  const step = 10 ** MAX_DIGITS;
  const below = thresholds.some((t) => x < t && Math.abs(x - t) * scale < 1 / step);
  return ((below ? Math.floor(x * scale * step) : Math.ceil(x * scale * step)) / step).toFixed(MAX_DIGITS);
}

/**
 * A share as a percentage beside its flag, as {@link fixedBesideThresholds} prints a figure: at
 * least `digits` decimals, more when rounding would carry it onto or across a threshold.
 *
 * @example
 * percentBesideThresholds(0.200004, 2, [0.2]); // "20.0004%" (above the 20% threshold, not "20.00%")
 */
export function percentBesideThresholds(x: number, digits: number, thresholds: readonly number[]): string {
  return `${fixedBesideThresholds(x, digits, thresholds, 100)}%`;
}
