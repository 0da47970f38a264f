import { annuityFactor } from './annuity.js';
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
  /** Monthly payment per fen of principal; the payment on a principal is this times it, rounded up. */
  readonly factor: number;
}

/**
 * The dearest way of repaying a line over the policy's affordability term among those a decision
 * offers (every plan of the policy is offered on every line): the revolving line at `aprBp` repaid
 * over the term, and each instalment plan of at least the term's number of instalments, whose
 * instalment is `(1 + feeRate) / months` of the principal plus the monthly fee. A customer may take
 * any of them, so affordability holds only if the dearest fits. A shorter plan is not counted: it is
 * the customer choosing to repay faster than the term, as paying a revolving balance down early is.
 * Ties go to the revolving line. Every payment has the form `ceil(principal x factor)`, so the plan
 * with the largest factor has the largest payment at every principal.
 *
 * @param aprBp the APR in basis points pricing used (priceApr's `aprBp`)
 * @example dearestRepayment(1_161, defaultPolicy).plan // { kind: 'instalment', months: 12 }: 1.088 / 12 beats the annuity at 11.61%
 */
export function dearestRepayment(aprBp: number, policy: Pick<PolicyConfig, 'affordability' | 'fees'>): DearestRepayment {
  const term = policy.affordability.termMonths;
  let dearest: DearestRepayment = { plan: { kind: 'revolving', months: term }, factor: annuityFactor(aprBp, term) };
  for (const p of policy.fees.instalmentPlans) {
    if (p.months < term) continue;
    const factor = (1 + p.feeRate) / p.months + policy.fees.monthlyRate;
    if (factor > dearest.factor) dearest = { plan: { kind: 'instalment', months: p.months }, factor };
  }
  return dearest;
}

/**
 * The monthly payment of `principal` fen on a repayment, in integer fen rounded up (conservative);
 * 0 for no principal. On the revolving line it is exactly {@link monthlyPayment}.
 */
export function repaymentAt(principal: number, repayment: DearestRepayment): number {
  if (principal <= 0) return 0;
  return Math.ceil(principal * repayment.factor);
}
