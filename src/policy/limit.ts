import { deepFreeze } from '../common/deepFreeze.js';
import type { GradeBand, PolicyConfig } from './policyConfig.js';

/** What set the limit: the smallest of the caps. */
export type BindingConstraint = 'risk' | 'affordability' | 'regulatory' | 'lender_cap' | 'product_max' | 'self_cap' | 'requested';

/**
 * Tie-break order when several caps are equally small. The customer's own choices come first
 * (when they bind, nothing adverse happened), then the fixed rules (regulation, product), then
 * the applicant-specific limits (affordability, risk).
 */
export const BINDING_PRIORITY: readonly BindingConstraint[] = deepFreeze([
  'self_cap',
  'requested',
  'regulatory',
  'lender_cap',
  'product_max',
  'affordability',
  'risk',
]);

/**
 * Every cap on the limit in fen; `null` for a customer cap that was not given, a lender cap the
 * policy does not set, or a regulatory cap the jurisdiction does not have.
 */
export type LimitCaps = Readonly<Record<'risk' | 'affordability' | 'product_max', number>> &
  Readonly<Record<'regulatory' | 'lender_cap' | 'self_cap' | 'requested', number | null>>;

/** The composed limit. */
export interface ComposedLimit {
  /** The smallest cap rounded down to the policy's rounding step, fen. */
  readonly limit: number;
  /** The smallest cap before rounding, fen. */
  readonly unrounded: number;
  readonly bindingConstraint: BindingConstraint;
}

/** Rounds fen down to a whole multiple of `step` (e.g. 10,000 fen = 100 RMB). */
export function roundDownToStep(amount: number, step: number): number {
  return amount <= 0 ? 0 : Math.floor(amount / step) * step;
}

/**
 * The income multiple at a PD: each grade's multiple holds at the grade's best (lowest) PD and
 * falls linearly to the next grade's multiple at the next grade's best PD; the worst grade's is
 * flat. Continuous and non-increasing in PD (multiples never rise as grades worsen), so a
 * certificate that lowers the PD raises the limit even within a grade: the product's promise,
 * where a step function of grade would give most uploads no effect at all.
 *
 * @example with A (PD <= 2%) at 3x and B (<= 5%) at 2.5x: PD 0 -> 3, PD 1% -> 2.75, PD 2% -> 2.5
 */
export function incomeMultipleAt(pd: number, grades: readonly GradeBand[]): number {
  let lower = 0;
  for (let i = 0; i < grades.length; i++) {
    const g = grades[i] as GradeBand;
    const next = grades[i + 1];
    if (pd <= g.maxPd || next === undefined) {
      if (next === undefined) return g.incomeMultiple;
      const t = g.maxPd > lower ? Math.min(1, Math.max(0, (pd - lower) / (g.maxPd - lower))) : 1;
      return g.incomeMultiple + t * (next.incomeMultiple - g.incomeMultiple);
    }
    lower = g.maxPd;
  }
  return 0;
}

/** Risk-based limit: effective monthly income x the income multiple at this PD, fen rounded down. */
export function riskLimit(effectiveMonthlyIncome: number, pd: number, policy: Pick<PolicyConfig, 'grades'>): number {
  return Math.floor(effectiveMonthlyIncome * incomeMultipleAt(pd, policy.grades));
}

/**
 * Room for this line under the jurisdiction's per-borrower cap, which counts the unsecured lines
 * THIS lender grants the borrower over all its products (the Measures' 授信额度), fen, never
 * negative; `null` when the jurisdiction sets no such cap. Balances at other lenders do not
 * count here: they belong to the debt-service check.
 *
 * @param otherLinesWithLender the borrower's other lines with this lender (this line excluded), fen
 */
export function regulatoryHeadroom(otherLinesWithLender: number, policy: PolicyConfig): number | null {
  const cap = policy.jurisdiction.perBorrowerCreditLineCap;
  return cap === null ? null : Math.max(0, cap - otherLinesWithLender);
}

/** Room for this line under the lender's own per-borrower cap (over its own lines), fen; `null` when the policy sets none. */
export function lenderCapHeadroom(otherLinesWithLender: number, policy: PolicyConfig): number | null {
  const cap = policy.limits.lenderCapPerBorrower;
  return cap === null ? null : Math.max(0, cap - otherLinesWithLender);
}

/**
 * The limit is the smallest cap, rounded down to `roundingStep`; the binding constraint is the
 * cap that attained the minimum before rounding, ties broken by {@link BINDING_PRIORITY}.
 *
 * @example composeLimit({ risk: 1_234_567, affordability: 2_000_000, regulatory: 20_000_000,
 *   product_max: 5_000_000, self_cap: null, requested: null }, 10_000) // { limit: 1_230_000, bindingConstraint: 'risk', ... }
 */
export function composeLimit(caps: LimitCaps, roundingStep: number): ComposedLimit {
  let bindingConstraint: BindingConstraint = 'risk';
  let unrounded: number = Number.POSITIVE_INFINITY;
  for (const name of BINDING_PRIORITY) {
    const cap = caps[name];
    if (cap !== null && cap < unrounded) {
      unrounded = cap;
      bindingConstraint = name;
    }
  }
  return { limit: roundDownToStep(unrounded, roundingStep), unrounded, bindingConstraint };
}
