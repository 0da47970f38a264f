import type { ValidationIssue } from '../errors/validationError.js';
import type { Decision } from './decision.js';

/**
 * The fault of a follow-up (review, contest, reduction) dated before the decision it follows, or
 * undefined when it is not: nobody answers or lowers a decision before it was made, and a ledger
 * entry dated earlier would leave the step-limit window early. ISO dates compare as strings.
 *
 * @param why what the date would mean, added to the message ("a line is not lowered before ...")
 */
export function beforePriorIssue(asOf: string, prior: Decision, why?: string): ValidationIssue | undefined {
  if (asOf >= prior.asOf) return undefined;
  return {
    path: ['asOf'],
    code: 'out_of_range',
    message: `${asOf} is before the date of decision ${prior.audit.decisionId} (${prior.asOf})${why === undefined ? '' : `: ${why}`}`,
  };
}
