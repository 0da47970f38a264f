import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { Fen } from '../schema/primitives.js';
import { yuanDigits } from '../common/yuanDigits.js';
import { defaultPolicy } from './defaultPolicy.js';
import { roundDownToStep } from './limit.js';
import type { PolicyConfig } from './policyConfig.js';

// Exact from integer fen: a float division misplaced a fen of large amounts.
const rmb = (fen: number): string => (Number.isInteger(fen) ? yuanDigits(fen, 'always') : String(fen / 100));

/**
 * The issue with a reduction asked below the product minimum (none at or above it), at `path`. A
 * line is never below the minimum, and a cap below it would leave the customer no line the product
 * offers: every later decision would decline, so the reduction is refused rather than recorded. To
 * give the line up, the customer closes the account, which is not a credit decision.
 */
export function reductionBelowMinimumIssues(amount: number, policy: Pick<PolicyConfig, 'limits'>, path: readonly (string | number)[]): ValidationIssue[] {
  const min = policy.limits.productMin;
  if (amount >= min) return [];
  return [
    {
      path,
      code: 'too_small',
      message: `${amount} fen (${rmb(amount)} RMB) is below the product minimum of ${min} fen (${rmb(min)} RMB): a line is never lower; ask for at least ${min}`,
      expected: `>= ${min}`,
      received: 'number',
    },
  ];
}

/**
 * A customer's request to lower their own limit ("hand the steering wheel to the user"): the
 * amount asked, rounded down to the policy's rounding step (100 RMB by default), when that is below
 * the prior limit; else the prior limit as it is. Only the amount asked is rounded, never the line:
 * a line on file off the step (granted under another step, kept as it was) asked above stays to the
 * fen. Never above the prior limit; applies immediately, with no step limits or checks. The amount
 * is at least the product minimum (see {@link reductionBelowMinimumIssues}).
 *
 * @example applyReduction(1_500_000, 1_234_567) // 1_230_000
 * applyReduction(1_234_567, 2_000_000) // 1_234_567: asked above the line, which stays as it is
 * @throws ValidationError when either amount is not integer fen, or the amount asked is below the product minimum.
 */
export function applyReduction(priorLimit: number, requestedAmount: number, policy: PolicyConfig = defaultPolicy): number {
  const prior = Fen.safeParse(priorLimit);
  const requested = Fen.safeParse(requestedAmount);
  const issues: ValidationIssue[] = [
    ...(prior.success ? [] : [{ path: ['priorLimit'], code: 'invalid_fen' as const, message: 'expected integer fen >= 0' }]),
    ...(requested.success
      ? reductionBelowMinimumIssues(requested.data, policy, ['requestedAmount'])
      : [{ path: ['requestedAmount'], code: 'invalid_fen' as const, message: 'expected integer fen >= 0' }]),
  ];
  if (!prior.success || !requested.success || issues.length > 0) throw new ValidationError('Reduction', issues);
  return Math.min(prior.data, roundDownToStep(requested.data, policy.limits.roundingStep));
}
