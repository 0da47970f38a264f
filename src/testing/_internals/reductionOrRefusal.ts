import { ValidationError } from '../../errors/validationError.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import { fen } from './lawInputs.js';
import { requireLaw } from './runLaw.js';

/**
 * A reduction asked through `reduce` (the scorer's `requestReduction`, or `applyReduction`), held
 * to the rule on its amount: refused with a ValidationError (`too_small`) exactly when the amount is
 * below the product minimum, since a line is never lower; its result otherwise. Null when refused.
 */
export function reductionOrRefusal<T>(reduce: () => T, amount: number, policy: Pick<PolicyConfig, 'limits'>, who: string): T | null {
  const min = policy.limits.productMin;
  let result: T;
  try {
    result = reduce();
  } catch (e) {
    const belowMinimum = e instanceof ValidationError && e.issues.some((i) => i.code === 'too_small');
    if (amount < min && belowMinimum) return null;
    requireLaw(false, () => `${who}: a reduction to ${fen(amount)} (product minimum ${fen(min)}) was refused: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
  requireLaw(amount >= min, () => `${who}: a reduction to ${fen(amount)}, below the product minimum of ${fen(min)}, went through`);
  return result;
}
