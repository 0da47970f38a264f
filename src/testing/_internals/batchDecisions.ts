import fc from 'fast-check';
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

/** Fewest and most records of the kit's larger batches: past the sizes a small draw reaches. */
export const LARGE_BATCH = { minLength: 5, maxLength: 8 } as const;

/**
 * Records for a batch: mostly a few (`minLength` to 3, cheap), one run in four {@link LARGE_BATCH}
 * (5 to 8), so a fault of larger batches or of how a batch is chunked is met too; one run in
 * `1 + 3 / largeWeight` with `largeWeight` (a law whose batch check is its main hold on the batch path).
 */
export function batchRecordsArbitrary<T>(record: fc.Arbitrary<T>, minLength = 0, largeWeight = 1): fc.Arbitrary<T[]> {
  return fc.oneof({ weight: 3, arbitrary: fc.array(record, { minLength, maxLength: 3 }) }, { weight: largeWeight, arbitrary: fc.array(record, LARGE_BATCH) });
}

/**
 * Other records to decide beside one under test: mostly none to 3, one run in four 20 to 63, so the
 * batch passes the run sizes where a runtime changes how it sums (onnxruntime splits a run of more
 * than 50 rows over its threads) even for a scorer without suggestions, about one row a record.
 */
export function neighbourRecordsArbitrary<T>(record: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.oneof({ weight: 3, arbitrary: fc.array(record, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(record, { minLength: 20, maxLength: 63 }) });
}
