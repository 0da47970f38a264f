/**
 * The annualised comprehensive cost of a credit plan: the internal rate of return (IRR) of the
 * customer's own cash flows, every fee included (PBOC announcement 2021 No. 3 asks lenders to
 * disclose exactly this).
 *
 * Convention: cash flows fall on whole months. The IRR `r` is the monthly rate at which the
 * payments, discounted, equal what the customer received. The disclosed **nominal APR** is
 * `12 x r` (how Chinese lenders and the 24% ceiling quote it); the **effective annual rate**
 * `(1 + r)^12 - 1` is reported beside it for comparison with compounding quotes (EU APRC).
 */

import { refuseArguments, typeIssue } from '../errors/argumentIssues.js';
import { ValidationError } from '../errors/validationError.js';

/** A plan's cash flows as the customer sees them, per unit of principal or in fen. */
export interface PlanCashFlows {
  /** What the customer actually receives at month 0 (principal less any one-off fee), > 0. */
  readonly received: number;
  /** What the customer pays at the end of month 1, 2, ...; each >= 0, at least one > 0. */
  readonly payments: readonly number[];
}

/** The comprehensive cost of a plan. */
export interface ComprehensiveCost {
  /** The monthly IRR `r` of the cash flows. */
  readonly monthlyRate: number;
  /** Nominal annualised cost, `12 x r`: the figure disclosed and tested against the cap. */
  readonly nominalApr: number;
  /** Effective annual rate, `(1 + r)^12 - 1`. */
  readonly effectiveAnnualRate: number;
}

/** Net present value at monthly rate `r`, discounting month by month (no `pow` per term). */
function npv(flows: PlanCashFlows, r: number): number {
  const v = 1 / (1 + r);
  let discount = 1;
  let sum = -flows.received;
  for (const p of flows.payments) {
    discount *= v;
    sum += p * discount;
  }
  return sum;
}

/**
 * The comprehensive annualised cost of a plan's cash flows: the monthly IRR by bisection (the
 * NPV of a loan's flows falls strictly as the rate rises, so the root is unique and bisection
 * cannot miss it), refined to the last representable digit.
 *
 * @example
 * // 1 RMB now, 1.025 RMB in one month: r = 2.5%, nominal APR 30%, effective 34.49%
 * comprehensiveCost({ received: 1, payments: [1.025] }).nominalApr // 0.2999999999999976, 0.3 to the bisection's last digits
 * @throws ValidationError (subject `comprehensiveCost`) naming `flows.received` when it is not
 *   positive and finite, `flows.payments` when a payment is negative or not finite or every
 *   payment is zero, or when the flows imply a rate above 1e6 a month or below -0.999999 a month
 *   (the customer repays less than a millionth of what they received): outside the bracket
 *   searched, refused at both ends rather than returned clamped.
 */
export function comprehensiveCost(flows: PlanCashFlows): ComprehensiveCost {
  const f = (typeof flows === 'object' && flows !== null ? flows : {}) as Partial<PlanCashFlows>;
  refuseArguments('comprehensiveCost', [
    typeIssue(['flows'], flows, 'object', "the plan's cash flows, { received, payments }"),
    f.received !== undefined && typeof f.received === 'number' && f.received > 0 && Number.isFinite(f.received)
      ? undefined
      : { path: ['flows', 'received'], code: 'out_of_range', message: 'received must be a positive finite amount' },
    Array.isArray(f.payments) &&
    f.payments.length > 0 &&
    f.payments.every((p) => typeof p === 'number' && p >= 0 && Number.isFinite(p)) &&
    f.payments.some((p) => p > 0)
      ? undefined
      : { path: ['flows', 'payments'], code: 'out_of_range', message: 'payments must be finite, non-negative and not all zero' },
  ]);
  // NPV(-1+) is +infinity, but the search starts at -0.999999: flows whose NPV is already negative
  // there have their root below it, which the bisection would return clamped to the bracket.
  let lo = -0.999_999;
  if (npv(flows, lo) < 0) throw outsideBracket('below -0.999999');
  // Grow the upper bracket until NPV turns negative.
  let hi = 1;
  while (npv(flows, hi) > 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e6) throw outsideBracket('above 1e6');
  }
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (npv(flows, mid) > 0) lo = mid;
    else hi = mid;
  }
  const r = Math.abs(npv(flows, lo)) <= Math.abs(npv(flows, hi)) ? lo : hi;
  return { monthlyRate: r, nominalApr: 12 * r, effectiveAnnualRate: (1 + r) ** 12 - 1 };
}

function outsideBracket(where: string): ValidationError {
  return new ValidationError('comprehensiveCost', [{ path: ['flows', 'payments'], code: 'out_of_range', message: `payments imply a rate ${where} a month` }]);
}
