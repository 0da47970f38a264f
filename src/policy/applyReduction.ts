import { ValidationError } from '../errors/validationError.js';
import { Fen } from '../schema/primitives.js';
import { defaultPolicy } from './defaultPolicy.js';
import { roundDownToStep } from './limit.js';
import type { PolicyConfig } from './policyConfig.js';

/**
 * A customer's request to lower their own limit ("hand the steering wheel to the user"):
 * min(prior, requested), rounded down to the policy's rounding step (100 RMB by default).
 * Never above the prior limit; applies immediately, with no step limits or checks.
 *
 * @example applyReduction(1_500_000, 1_234_567) // 1_230_000
 * @throws ValidationError when either amount is not integer fen.
 */
export function applyReduction(priorLimit: number, requestedAmount: number, policy: PolicyConfig = defaultPolicy): number {
  const prior = Fen.safeParse(priorLimit);
  const requested = Fen.safeParse(requestedAmount);
  if (!prior.success || !requested.success) {
    throw new ValidationError('Reduction', [
      ...(prior.success ? [] : [{ path: ['priorLimit'], code: 'invalid_fen' as const, message: 'expected integer fen >= 0' }]),
      ...(requested.success ? [] : [{ path: ['requestedAmount'], code: 'invalid_fen' as const, message: 'expected integer fen >= 0' }]),
    ]);
  }
  return roundDownToStep(Math.min(prior.data, requested.data), policy.limits.roundingStep);
}
