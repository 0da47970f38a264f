/**
 * Payment per fen of principal for a level monthly annuity: r / (1 - (1 + r)^-n) with
 * r = APR / 12, or 1 / n at zero rate. expm1/log1p keep it accurate for small r.
 */
export function annuityFactor(aprBp: number, termMonths: number): number {
  const r = aprBp / 10_000 / 12;
  if (r === 0) return 1 / termMonths;
  return r / -Math.expm1(-termMonths * Math.log1p(r));
}

/**
 * Level monthly payment, in integer fen rounded UP (conservative), to repay `principal` fen over
 * `termMonths` months at `aprBp`. Non-decreasing in principal and in APR.
 *
 * @example monthlyPayment(1_000_000, 1825, 12) // 91_800 fen: 10,000 RMB over 12 months at 18.25%
 */
export function monthlyPayment(principal: number, aprBp: number, termMonths: number): number {
  if (principal <= 0) return 0;
  return Math.ceil(principal * annuityFactor(aprBp, termMonths));
}

/**
 * The largest principal (fen) whose {@link monthlyPayment} is at most `maxPayment`; 0 when
 * `maxPayment` is negative. Closed form through the annuity factor, then verified against
 * `monthlyPayment` itself so float noise can never let an unaffordable fen through.
 */
export function largestPrincipal(maxPayment: number, aprBp: number, termMonths: number): number {
  return largestPrincipalAt(maxPayment, annuityFactor(aprBp, termMonths));
}

/**
 * The largest principal (fen) whose payment `ceil(principal x factor)` is at most `maxPayment`; 0
 * when `maxPayment` is not positive. Any repayment priced per fen of principal (an annuity, an
 * instalment plan); {@link largestPrincipal} for the annuity.
 */
export function largestPrincipalAt(maxPayment: number, factor: number): number {
  if (!(maxPayment > 0)) return 0;
  const pays = (principal: number): boolean => Math.ceil(principal * factor) <= maxPayment;
  const top = Number.MAX_SAFE_INTEGER - 1;
  let principal = Math.min(top, Math.floor(maxPayment / factor));
  for (let i = 0; i < 8 && principal > 0 && !pays(principal); i++) principal--;
  for (let i = 0; i < 8 && principal < top && pays(principal + 1); i++) principal++;
  if (pays(principal) && (principal >= top || !pays(principal + 1))) return principal;
  // Fallback for extreme magnitudes where the closed form lands far off: binary search.
  let lo = 0;
  let hi = top;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (pays(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
