import { dearestRepayment, repaymentAt } from '../policy/affordabilityPayment.js';
import { NANOS } from '../policy/dailyRateGrid.js';
import { DAYS_PER_YEAR } from '../policy/planCosts.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { Decision } from './decision.js';

/**
 * A decision's affordability figures moved to another limit on the same terms: the monthly payment
 * of a fully used line at `limit` on the dearest repayment over the term the line offers (the
 * revolving line or an instalment plan; see dearestRepayment), and the checks it enters (debt service rises and residual income
 * falls by exactly the change in that payment; the income level does not depend on the line). A
 * held line, a reduction or a person's review sealed the figures of the limit the policy worked
 * out, so a customer who lowered 17,100 RMB to 5,000 was told the line costs 1,517.05 RMB a month.
 * Nothing moves for a limit of 0: a decline keeps the figures of the limit the policy tested, which
 * its `limit` names (the product minimum it fails, or the line a knock-out declined).
 *
 * @param aprBp the APR in basis points pricing used (priceApr's `aprBp`; {@link aprBpOf} for a sealed decision)
 */
export function affordabilityAt(
  affordability: Decision['affordability'],
  limit: number,
  aprBp: number,
  policy: Pick<PolicyConfig, 'affordability' | 'fees'>,
): Decision['affordability'] {
  if (limit <= 0 || limit === affordability.limit) return affordability;
  const repayment = dearestRepayment(aprBp, policy);
  const payment = repaymentAt(limit, repayment);
  const delta = payment - affordability.monthlyPayment;
  // Two limits can share a payment (it is rounded up to the fen): the figures stay, the limit moves.
  if (delta === 0) return { ...affordability, limit, paymentPlan: repayment.plan };
  const checks = affordability.checks.map((c) => {
    const value = c.id === 'debt_service' ? c.value + delta : c.id === 'residual_income' ? c.value - delta : c.value;
    return { ...c, value, pass: c.comparison === 'at_least' ? value >= c.threshold : value <= c.threshold };
  });
  return { ...affordability, limit, monthlyPayment: payment, paymentPlan: repayment.plan, checks, pass: checks.every((c) => c.pass) };
}

/**
 * The APR in basis points pricing used for a sealed decision's payments (priceApr's `aprBp`),
 * recovered from what the decision carries: the billed daily rate, and the disclosed APR when fees
 * make it differ from daily x 365. The same expressions as priceApr, so the same double.
 */
export function aprBpOf(d: Pick<Decision, 'apr' | 'dailyRate'>): number {
  const dailyNanos = Math.round(d.dailyRate * NANOS);
  const interestApr = (dailyNanos * DAYS_PER_YEAR) / NANOS;
  return d.apr === interestApr ? (dailyNanos * DAYS_PER_YEAR) / 100_000 : d.apr * 10_000;
}
