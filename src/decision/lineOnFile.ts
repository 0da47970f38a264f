import { roundDownToStep } from '../policy/limit.js';
import type { Decision } from './decision.js';

/**
 * The credit line the customer holds after a decision: what the next reassessment protects, what a
 * reduction lowers, what an account system should show. It is the decision's `limit`, except where
 * the decision only proposes terms for a person to decide (`lineAction: 'review'`: a referral, a
 * contest, a review that referred again): a proposal grants nothing, so the line is the one before
 * it. The customer's own cap holds on every line, so a line on file is never above it.
 *
 * @param roundingStep the policy's rounding step, to which a cap below the line rounds down (as
 *   every limit does); default 1 fen, for a cap already on the step.
 */
export function lineOnFileAfter(
  d: Pick<Decision, 'lineAction' | 'limit' | 'previousLimit'> & { readonly controls: Pick<Decision['controls'], 'selfSetCap'> },
  roundingStep = 1,
): number {
  if (d.lineAction !== 'review') return d.limit;
  const cap = d.controls.selfSetCap;
  return cap !== null && cap < d.previousLimit ? roundDownToStep(cap, roundingStep) : d.previousLimit;
}
