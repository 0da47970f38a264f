/**
 * onnxruntime's LOGISTIC post-transform in float32, reproduced in JavaScript, with a guard for the
 * one step JavaScript cannot reproduce bit for bit.
 *
 * onnxruntime (ml_common.h, checked against 1.30 by experiment) computes, all in float32:
 *   v = 1 / (1 + expf(-|m|));  p = m < 0 ? 1 - v : v
 * The additions, the division and the subtraction are IEEE operations on float32 operands:
 * computing them in double and rounding once to float32 (Math.fround) gives the float32 result
 * exactly, because a double carries more than 2 * 24 + 2 bits. `expf` is different: it comes from
 * the C library (glibc's is documented at 0.502 ulp, not correctly rounded), so where the exact
 * exp lies very close to the midpoint between two float32 values, glibc may round one way and
 * `Math.fround(Math.exp(x))` the other. Measured on 524,288 margins: 14 such rows, all with a
 * relative distance to the midpoint below 2^-33.
 *
 * So the exp is trusted only when every value within a relative {@link EXP_GUARD} of
 * `Math.exp(x)` rounds to the same float32: any exp whose relative error is below the guard (glibc's
 * bound is 1.69 * 2^-34, V8's Math.exp is within one double ulp) then gives the same bits. Rows
 * outside that are reported as uncertain and scored by onnxruntime itself (about 0.6% of rows).
 */

/**
 * Relative half-width of the band around `Math.exp(x)` that must round to one float32 before the
 * JS result is trusted: 2^-32, 2.4 times glibc's documented error bound for expf (1.69 * 2^-34).
 */
export const EXP_GUARD = 2 ** -32;

/** Margins beyond this give an exp near float32's subnormal range, where relative bounds stop holding. */
const MAX_TRUSTED_MARGIN = 80;

/**
 * P = logistic(margin) exactly as onnxruntime's float32 LOGISTIC computes it, or NaN when this
 * margin's float32 exp cannot be proved to round as the C library's does (the caller then asks
 * onnxruntime). `margin` must already be a float32 value.
 *
 * @example
 * const p = logisticAsOnnxruntime(Math.fround(-1.25)); // NaN only in rare near-tie cases
 */
export function logisticAsOnnxruntime(margin: number): number {
  const a = Math.abs(margin);
  if (!(a <= MAX_TRUSTED_MARGIN)) return Number.NaN;
  const exact = Math.exp(-a);
  const e = Math.fround(exact);
  // Rounding is monotone: if both ends of the band round to e, everything inside does.
  if (Math.fround(exact * (1 + EXP_GUARD)) !== e || Math.fround(exact * (1 - EXP_GUARD)) !== e) return Number.NaN;
  const v = Math.fround(1 / Math.fround(1 + e));
  return margin < 0 ? Math.fround(1 - v) : v;
}
