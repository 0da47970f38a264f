import type { BatchResult } from '../../decision/createScorer.js';
import type { Decision } from '../../decision/decision.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import { ValidationError } from '../../errors/validationError.js';

/**
 * The decisions of a batch, in input order. A record the batch refused is thrown as `decide` would
 * have thrown it (rebuilt from its data, named for its record), so a law reports a refusal the
 * same way on either path: a valid input refused, or the lender attributes the run did not draw.
 */
export function batchDecisions(results: readonly BatchResult[]): Decision[] {
  return results.map((r) => {
    if (r.ok) return r.decision;
    const { error } = r;
    if (error.issues !== undefined) throw new ValidationError(`decideBatch record ${r.index} (${error.subject ?? 'Applicant'})`, error.issues);
    throw new CreditliftError(error.code, `decideBatch record ${r.index}: ${error.message}`);
  });
}
