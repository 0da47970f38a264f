import { annuityPerFen } from './annuity.js';
import { exactDecimal } from './exactDecimal.js';
import { costsMore, paymentOn, type PerFen } from './perFen.js';
import type { PolicyConfig } from './policyConfig.js';

/**
 * The way of repaying a line whose monthly payment the affordability checks test: the dearest of
 * those the decision offers over the policy's affordability term.
 */
export interface TestedRepayment {
  /**
   * `revolving`: the line repaid in `months` (the policy's term) level payments at the offered APR;
   * `instalment`: the instalment plan of `months` instalments (principal and plan fee in equal parts).
   */
  readonly kind: 'revolving' | 'instalment';
  readonly months: number;
}

/** The dearest repayment over the term, and its monthly payment per fen of principal. */
export interface DearestRepayment {
  readonly plan: TestedRepayment;
  /** Monthly payment per fen of principal, exactly; the payment on a principal is this times it, rounded up ({@link repaymentAt}). */
  readonly perFen: PerFen;
}

/**
 * The dearest way of repaying a line over the policy's affordability term among those a decision
 * offers (every plan of the policy is offered on every line): the revolving line at `aprBp` repaid
 * over the term, and each instalment plan of at least the term's number of instalments, whose
 * instalment is `(1 + feeRate) / months` of the principal plus the monthly fee. A customer may take
 * any of them, so affordability holds only if the dearest fits. A shorter plan is not counted: it is
 * the customer choosing to repay faster than the term, as paying a revolving balance down early is.
 * Ties go to the revolving line. Every payment has the form `ceil(principal x perFen)`, so the plan
 * with the largest `perFen` has the largest payment at every principal.
 *
 * Exact: each plan's payment per fen is `(1 + feeRate + months x monthlyRate) / months` from the
 * decimals the lender wrote (8.8% is 88 / 1,000), and the revolving line's the exact annuity
 * ({@link annuityPerFen}); in floating point 13,800 RMB on the 12-month plan at 8.8% came out
 * 1,251.21 RMB a month, a fen above the exact 1,251.20, and a limit exactly affordable lost a step.
 *
 * @param aprBp the APR in basis points pricing used (priceApr's `aprBp`)
 * @example dearestRepayment(1_161, defaultPolicy).plan // { kind: 'instalment', months: 12 }: 1.088 / 12 beats the annuity at 11.61%
 */
export function dearestRepayment(aprBp: number, policy: Pick<PolicyConfig, 'affordability' | 'fees'>): DearestRepayment {
  const term = policy.affordability.termMonths;
  let dearest: DearestRepayment = { plan: { kind: 'revolving', months: term }, perFen: annuityPerFen(aprBp, term) };
  for (const p of policy.fees.instalmentPlans) {
    if (p.months < term) continue;
    const perFen = instalmentPerFen(p.months, p.feeRate, policy.fees.monthlyRate);
    if (costsMore(perFen, dearest.perFen)) dearest = { plan: { kind: 'instalment', months: p.months }, perFen };
  }
  return dearest;
}

/**
 * An instalment plan's monthly payment per fen of principal, exactly: principal and plan fee in
 * `months` equal parts plus the monthly fee, `(1 + fee + months x monthly) / months`, over the
 * decimals written (`fee = f / F`, `monthly = m / M`): `(F M + f M + months m F) / (months F M)`.
 */
function instalmentPerFen(months: number, feeRate: number, monthlyRate: number): PerFen {
  const fee = exactDecimal(feeRate);
  const monthly = exactDecimal(monthlyRate);
  const n = BigInt(months);
  return {
    numerator: fee.scale * monthly.scale + fee.units * monthly.scale + n * monthly.units * fee.scale,
    denominator: n * fee.scale * monthly.scale,
  };
}

/**
 * The monthly payment of `principal` fen on a repayment, in integer fen rounded up (conservative);
 * 0 for no principal. On the revolving line it is exactly {@link monthlyPayment}.
 */
export function repaymentAt(principal: number, repayment: DearestRepayment): number {
  return paymentOn(principal, repayment.perFen);
}
