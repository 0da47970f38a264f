import type { BatchResult, ReassessOptions, ReassessUpdate, Scorer } from './createScorer.js';
import { readCallOptions, REASSESS_BATCH_OPTION_KEYS, REASSESS_ITEM_KEYS } from './checkOptionKeys.js';
import type { Decision } from './decision.js';
import type { LineOnFile } from './priorOnFile.js';
import { PriorInvalidError } from './priorInvalidError.js';
import { toErrorData } from './toErrorData.js';
import { refuseArguments, typeIssue, typeNameOf } from '../errors/argumentIssues.js';
import { readOptions } from '../errors/readOptions.js';
import { ValidationError } from '../errors/validationError.js';

/**
 * One reassessment of a batch: the prior decision, the update (the applicant as on file, new
 * evidence) and, optionally, what the lender holds on file for the line (`onFile`, as
 * {@link ReassessOptions.onFile}: a prior that left another line, cap or ledger on file is that
 * item's `prior_superseded` error). Any other key is the item's own error (`unrecognized_key`).
 */
export interface ReassessItem {
  readonly prior: Decision;
  readonly update: ReassessUpdate<unknown>;
  /** The line, the customer's cap and the step-limit ledger on file now, from the line's latest decision stored. */
  readonly onFile?: LineOnFile;
}

/**
 * The options of a reassessment batch, each as {@link ReassessOptions} gives it to every item:
 * `suggestions`, the what-if previews each reassessment carries in place of the scorer's (so a book
 * decided with `{ suggestions: 0 }` is reassessed as it was decided), and `signal`. No `onFile`: the
 * line on file is each item's own ({@link ReassessItem.onFile}).
 */
export type ReassessBatchOptions = Pick<ReassessOptions, 'signal' | 'suggestions'>;

/**
 * Reassesses a batch, one result per item in order: `reassess(prior, update, options)` of each, a
 * refused item (a bad update, a prior that does not verify) its own error (a scorer's
 * {@link scorerReassessBatch}, or a pool's `safeReassessBatch`).
 */
export type ReassessBatch = (items: readonly ReassessItem[], options?: ReassessBatchOptions) => Promise<readonly BatchResult[]>;

/**
 * A scorer's `reassess` as a {@link ReassessBatch}: each item `reassess(prior, update, { ...options,
 * onFile })` in turn (its `onFile` when it has one, checked by `reassess` itself); a refused item (a
 * `ValidationError` or `PriorInvalidError`: the record's own fault, an unknown item key or a field
 * that cannot be read included) gets its own error, as a record of `decideBatch` does, and anything
 * else (the runtime failing, the scorer closed) rejects the call.
 *
 * @throws ValidationError (subject `scorerReassessBatch`) when `scorer` has no `reassess` function;
 *   the batch rejects with one (subject `reassessBatch input`) when `items` is not an array, and
 *   (subject `reassessBatch options`) for an option it does not read or a count out of range
 *
 * @example
 * await runSimulation({ records, mode: 'reassess',
 *   baseline: { decide: (r) => today.safeDecideBatch(r), reassess: scorerReassessBatch(today), assumptions },
 *   candidate: { decide: (r) => next.safeDecideBatch(r), reassess: scorerReassessBatch(next), assumptions } });
 */
export function scorerReassessBatch(scorer: Pick<Scorer, 'reassess'>): ReassessBatch {
  // Refused here, not as a TypeError on the first batch, deep inside a simulation.
  const notScorer = typeIssue(['scorer'], scorer, 'object', 'a scorer (its reassess function)');
  refuseArguments('scorerReassessBatch', [
    notScorer ??
      (typeof scorer.reassess === 'function'
        ? undefined
        : {
            path: ['scorer', 'reassess'],
            code: 'invalid_type',
            message: 'scorer.reassess must be a function',
            expected: 'function',
            received: typeNameOf(scorer.reassess),
          }),
  ]);
  return async (items, given) => {
    // Refused before any item, as decideBatch refuses its options: a bad count would otherwise be every item's own error.
    const options = readCallOptions(given, REASSESS_BATCH_OPTION_KEYS, 'reassessBatch options');
    if (!Array.isArray(items))
      throw new ValidationError('reassessBatch input', [
        { path: [], code: 'invalid_type', message: 'expected an array of { prior, update }', expected: 'array', received: typeNameOf(items) },
      ]);
    const results: BatchResult[] = [];
    // In turn, as decideBatch runs a batch on the calling thread: one reassessment's failure is not left racing the others.
    for (let index = 0; index < items.length; index++) {
      // Items of unknown shape (a pool's, read from a worker message): one that is not `{ prior, update }` is its own error.
      const item: unknown = items[index];
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        results.push({ ok: false, index, error: toErrorData(notAnItem(index, item)) });
        continue;
      }
      // Each key read once; an unknown one (a misspelt `onfile`) was dropped without a word and the
      // stale prior reassessed unguarded, and a getter that throws rejected the whole batch.
      const read = readOptions(item, REASSESS_ITEM_KEYS, [index]);
      if (read.issues.length > 0 || read.value === undefined) {
        results.push({ ok: false, index, error: toErrorData(new ValidationError('reassessBatch input', read.issues)) });
        continue;
      }
      // An item without its prior or update is named at that key: left to reassess, a missing update
      // was "expected an object of options" at the item's root, naming no field.
      const missing = (['prior', 'update'] as const).filter((key) => read.value?.[key] === undefined);
      if (missing.length > 0) {
        results.push({
          ok: false,
          index,
          error: toErrorData(
            new ValidationError(
              'reassessBatch input',
              missing.map((key) => ({
                path: [index, key],
                code: 'invalid_type' as const,
                message: `each item needs its ${key === 'prior' ? 'prior decision' : 'update ({ applicant?, evidence?, asOf? }; {} when nothing changed)'}`,
                expected: 'object',
                received: 'undefined',
              })),
            ),
          ),
        });
        continue;
      }
      const { prior, update } = read.value as Partial<ReassessItem>;
      // By `reassess`'s own reading of the option, so an item's line on file is checked exactly as a single call's.
      const own = Object.hasOwn(read.value, 'onFile') ? { ...options, onFile: read.value.onFile } : options;
      try {
        // reassess verifies the prior and validates the update at run time, whatever their static types.
        results.push({ ok: true, index, decision: await scorer.reassess(prior as Decision, update as ReassessUpdate, own as ReassessOptions) });
      } catch (e) {
        if (!(e instanceof ValidationError || e instanceof PriorInvalidError)) throw e;
        results.push({ ok: false, index, error: toErrorData(e) });
      }
    }
    return results;
  };
}

function notAnItem(index: number, item: unknown): ValidationError {
  return new ValidationError('reassessBatch input', [
    { path: [index], code: 'invalid_type', message: 'each item must be { prior, update }', expected: 'object', received: typeNameOf(item) },
  ]);
}
