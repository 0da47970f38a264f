import { affordabilityCapacity, checkAffordability, linePrincipal, type AffordabilityCapacity, type AffordabilityInput } from '../policy/affordability.js';
import { balanceOwedNote } from './balanceOwed.js';
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
 * its `limit` names (the product minimum it fails, or the line a knock-out declined). A balance owed
 * above the new limit is still owed: the payment is that of the larger of the two, and the figures
 * say so (`balanceOwed`).
 *
 * @param aprBp the APR in basis points pricing used (priceApr's `aprBp`; {@link aprBpOf} for a sealed decision)
 * @param balance the balance owed on the line, fen, when the lender's account system gives it today
 *   (a customer's reduction takes no applicant); default: the one the figures noted, if any
 */
export function affordabilityAt(
  affordability: Decision['affordability'],
  limit: number,
  aprBp: number,
  policy: Pick<PolicyConfig, 'affordability' | 'fees'>,
  balance: number | undefined = affordability.balanceOwed?.amount,
): Decision['affordability'] {
  if (limit <= 0 || (limit === affordability.limit && balance === affordability.balanceOwed?.amount)) return affordability;
  // The model's reading of the balance stays the decision's: nothing is scored again.
  return movedTo(affordability, limit, balance, affordability.balanceOwed?.utilizationCapped ?? false, aprBp, policy);
}

// The figures at `limit` with `balance` owed: debt service rises and residual income falls by exactly
// the change in the line's payment, which is that of the larger of the two (a balance above the
// limit is owed whatever the limit).
function movedTo(
  affordability: Decision['affordability'],
  limit: number,
  balance: number | undefined,
  capped: boolean,
  aprBp: number,
  policy: Pick<PolicyConfig, 'affordability' | 'fees'>,
): Decision['affordability'] {
  const repayment = dearestRepayment(aprBp, policy);
  const payment = repaymentAt(linePrincipal(limit, balance), repayment);
  const { balanceOwed: _before, ...rest } = affordability;
  const note = balance === undefined ? undefined : balanceOwedNote(balance, limit, capped);
  const withNote = note === undefined ? rest : { ...rest, balanceOwed: note };
  const delta = payment - affordability.monthlyPayment;
  // Two limits can share a payment (it is rounded up to the fen): the figures stay, the limit moves.
  if (delta === 0) return { ...withNote, limit, paymentPlan: repayment.plan };
  const checks = affordability.checks.map((c) => {
    const value = c.id === 'debt_service' ? c.value + delta : c.id === 'residual_income' ? c.value - delta : c.value;
    return { ...c, value, pass: c.comparison === 'at_least' ? value >= c.threshold : value <= c.threshold };
  });
  return { ...withNote, limit, monthlyPayment: payment, paymentPlan: repayment.plan, checks, pass: checks.every((c) => c.pass) };
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

/**
 * A decision's affordability re-tested under this release's rule (the dearest repayment over the
 * term), for a decision sealed before it: one without `paymentPlan` tested the revolving line
 * alone, so its payment, checks and capacity are the old rule's (the teacher's 18,000 RMB line
 * "fits" a capacity of 18,038.50 RMB that today is 17,647.05). The checks hold every
 * limit-independent part of the test (the effective income, the debt service room, the residual
 * income before the line and its floor; the old payment taken back out of them), so the test runs
 * again, with the policy's own functions, at the limit it was run at: the same figures a decision
 * made today carries. Undefined when the decision did not say which limit it tested (a decline made
 * before 0.2) or its checks are not the three the policy runs; then nothing can be re-tested.
 *
 * @param aprBp the APR in basis points pricing used ({@link aprBpOf})
 * @param limit the limit the checks were run at when the decision does not say (`affordability.limit`)
 */
export function retestedAffordability(
  affordability: Decision['affordability'],
  limit: number | undefined,
  aprBp: number,
  policy: PolicyConfig,
): Decision['affordability'] | undefined {
  const tested = affordability.limit ?? limit;
  const input = affordabilityInputOfChecks(affordability, policy);
  if (tested === undefined || input === undefined) return undefined;
  const owed = affordability.balanceOwed;
  const withBalance = owed === undefined ? input : { ...input, balanceOwed: owed.amount };
  const a = checkAffordability(withBalance, tested, aprBp, policy);
  return {
    limit: tested,
    pass: a.pass,
    monthlyPayment: a.monthlyPayment,
    paymentPlan: a.paymentPlan,
    capacity: affordabilityCapacity(withBalance, aprBp, policy).capacity,
    checks: a.checks,
    ...(owed === undefined ? {} : { balanceOwed: owed }),
  };
}

/**
 * The capacity of a decision's affordability inputs (as its checks hold them; see
 * retestedAffordability) when `balanceOwed` is owed on the line, as decide works it out for the
 * same facts: a balance whose own payment does not fit affords no line (capacity 0,
 * `balanceOwedFits` false). A follow-up that learns of a balance the decision did not count (a
 * customer's reduction below what is owed) kept the capacity worked out without it, so a line
 * the checks fail was sealed as grantable. Undefined when the checks are not the three the policy
 * runs; then nothing can be worked out again.
 *
 * @param balanceOwed the balance owed above the line on file, fen; undefined when none is
 * @param aprBp the APR in basis points pricing used ({@link aprBpOf})
 */
export function capacityOwing(
  affordability: Decision['affordability'],
  balanceOwed: number | undefined,
  aprBp: number,
  policy: PolicyConfig,
): AffordabilityCapacity | undefined {
  const input = affordabilityInputOfChecks(affordability, policy);
  return input === undefined ? undefined : affordabilityCapacity(balanceOwed === undefined ? input : { ...input, balanceOwed }, aprBp, policy);
}

/**
 * An applicant's affordability inputs as a decision's checks hold them: income from the income
 * check, other debts from debt service less the line's payment, essentials from the residual
 * income before the line, the city tier from its floor. Essentials are given as what the household
 * spends after the per-person minimum was applied, with no dependants, so the minimum adds nothing
 * twice. Undefined when a check is missing or no city tier has that floor.
 */
function affordabilityInputOfChecks(affordability: Decision['affordability'], policy: PolicyConfig): AffordabilityInput | undefined {
  const checkOf = (id: string) => affordability.checks.find((c) => c.id === id);
  const income = checkOf('income_level');
  const debt = checkOf('debt_service');
  const residual = checkOf('residual_income');
  const tier = residual === undefined ? -1 : policy.affordability.residualFloorByCityTier.indexOf(residual.threshold);
  if (income === undefined || debt === undefined || residual === undefined || tier < 0) return undefined;
  const otherMonthlyDebtService = debt.value - affordability.monthlyPayment;
  const residualBeforeLine = residual.value + affordability.monthlyPayment;
  return {
    effectiveIncome: income.value,
    otherMonthlyDebtService,
    monthlyEssentialSpending: income.value - otherMonthlyDebtService - residualBeforeLine,
    dependants: 0,
    cityTier: tier + 1,
  };
}
