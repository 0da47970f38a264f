import { exactDecimal } from './exactDecimal.js';
import { largestPrincipalAt, paymentOn, type PerFen } from './perFen.js';

/**
 * Payment per fen of principal for a level monthly annuity, as a double: r / (1 - (1 + r)^-n) with
 * r = APR / 12, or 1 / n at zero rate. expm1/log1p keep it accurate for small r. For display and
 * estimates; payments in fen come from the exact {@link annuityPerFen}.
 */
export function annuityFactor(aprBp: number, termMonths: number): number {
  const r = aprBp / 10_000 / 12;
  if (r === 0) return 1 / termMonths;
  return r / -Math.expm1(-termMonths * Math.log1p(r));
}

/**
 * Payment per fen of principal for a level monthly annuity, exactly: with the monthly rate
 * r = a / b (`aprBp` read as the decimal it is, over 120,000), the payment r (1 + r)^n / ((1 + r)^n - 1)
 * is `a (a + b)^n / (b ((a + b)^n - b^n))`; 1 / n at a zero rate. In floating point a 1-month term
 * (1 + r of the principal) came out a fen high on about one principal in a hundred: 27,000 RMB at
 * 25.24% is 27,567.90 RMB exactly, and was billed 27,567.91.
 *
 * Remembered per APR and term: a policy prices on a grid of a few hundred steps, shared by every
 * decision, so the power is worked out once per step and not per decision.
 *
 * @param aprBp the APR in basis points (priceApr's `aprBp`, fractional on a fine daily grid)
 * @example annuityPerFen(1_200, 1) // { numerator: 101n, denominator: 100n }
 */
export function annuityPerFen(aprBp: number, termMonths: number): PerFen {
  let byApr = annuities.get(termMonths);
  if (byApr === undefined) {
    byApr = new Map();
    annuities.set(termMonths, byApr);
  }
  let perFen = byApr.get(aprBp);
  if (perFen === undefined) {
    perFen = exactAnnuity(aprBp, termMonths);
    // A guard against APRs drawn per call (property tests): start again.
    if (byApr.size >= MAX_REMEMBERED_APRS) byApr.clear();
    byApr.set(aprBp, perFen);
  }
  return perFen;
}

const MAX_REMEMBERED_APRS = 4_096;
const annuities = new Map<number, Map<number, PerFen>>();

function exactAnnuity(aprBp: number, termMonths: number): PerFen {
  const n = BigInt(termMonths);
  const { units, scale } = exactDecimal(aprBp);
  if (units === 0n) return { numerator: 1n, denominator: n };
  // r = units / (scale x 120,000), in lowest terms so the power stays small.
  const whole = scale * 120_000n;
  const common = gcd(units, whole);
  const a = units / common;
  const b = whole / common;
  const grown = (a + b) ** n;
  return { numerator: a * grown, denominator: b * (grown - b ** n) };
}

function gcd(x: bigint, y: bigint): bigint {
  let [p, q] = [x, y];
  while (q !== 0n) [p, q] = [q, p % q];
  return p;
}

/**
 * Level monthly payment, in integer fen rounded UP (conservative), to repay `principal` fen over
 * `termMonths` months at `aprBp`: exact ({@link annuityPerFen}). Non-decreasing in principal and in APR.
 *
 * @example monthlyPayment(1_000_000, 1825, 12) // 91_800 fen: 10,000 RMB over 12 months at 18.25%
 */
export function monthlyPayment(principal: number, aprBp: number, termMonths: number): number {
  return paymentOn(principal, annuityPerFen(aprBp, termMonths));
}

/** The largest principal (fen) whose {@link monthlyPayment} is at most `maxPayment`; 0 when `maxPayment` is not positive. Exact. */
export function largestPrincipal(maxPayment: number, aprBp: number, termMonths: number): number {
  return largestPrincipalAt(maxPayment, annuityPerFen(aprBp, termMonths));
}
