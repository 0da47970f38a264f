import { deepFreeze } from '../common/deepFreeze.js';
import { addBrand, BRAND_NAME, isInstanceOf } from './errorBrand.js';

/**
 * Stable, machine-readable error codes. A caller switches on `code`, never on the message,
 * so codes are part of the public contract and are never renamed.
 */
export type CreditliftErrorCode =
  | 'validation_failed'
  | 'model_load_failed'
  | 'model_metadata_missing'
  | 'model_shape_mismatch'
  | 'model_unsupported'
  | 'model_sha256_mismatch'
  | 'model_monotonicity_violated'
  | 'explainer_covers_missing'
  | 'policy_invalid'
  | 'banned_data_category'
  | 'review_invalid'
  /**
   * A follow-up (a reduction) of a decision priced and capped under another policy than the
   * scorer's: its terms could break the caps in force. Reassess the decision under this policy first.
   */
  | 'policy_mismatch'
  /**
   * A decision made with another certificate catalog than the one it is held to (`audit.catalogHash`):
   * `monitor --decisions` leaves it out of a baseline built with another catalog.
   */
  | 'catalog_mismatch'
  | 'catalog_invalid'
  | 'data_invalid'
  | 'worker_failed'
  | 'aborted'
  | 'prior_invalid'
  /** The Redis of a distributed run (`score --queue`, `worker`) could not be reached, or was lost. */
  | 'queue_unavailable'
  /**
   * A distributed run's job (`score --queue --job NAME`) was taken over by another run while it ran
   * (`--overwrite` from another output, once this producer's claim lapsed), or an answer under one
   * of its chunks was made for another run. Nothing of the other run is written; resume under
   * another `--job` name.
   */
  | 'queue_conflict'
  /** The scorer or pool was closed (`close()`); create another. */
  | 'scorer_closed'
  /**
   * A scorer pool has no worker that can start: each of its workers stopped before it was ready
   * several times in a row. The pool keeps trying (backing off) and takes calls again once one is ready.
   */
  | 'pool_unavailable'
  | 'internal_error';

/** Every {@link CreditliftErrorCode}, for exhaustive tables (HTTP status, exit codes). */
export const CREDITLIFT_ERROR_CODES = deepFreeze([
  'validation_failed',
  'model_load_failed',
  'model_metadata_missing',
  'model_shape_mismatch',
  'model_unsupported',
  'model_sha256_mismatch',
  'model_monotonicity_violated',
  'explainer_covers_missing',
  'policy_invalid',
  'catalog_invalid',
  'data_invalid',
  'worker_failed',
  'aborted',
  'prior_invalid',
  'review_invalid',
  'policy_mismatch',
  'catalog_mismatch',
  'banned_data_category',
  'queue_unavailable',
  'queue_conflict',
  'scorer_closed',
  'pool_unavailable',
  'internal_error',
] as const satisfies readonly CreditliftErrorCode[]);
// Every code is listed (three were missing, so tables built from the list left them out).
const errorCodesComplete: Exclude<CreditliftErrorCode, (typeof CREDITLIFT_ERROR_CODES)[number]> extends never ? true : never = true;
void errorCodesComplete;

/** A {@link CreditliftError} as plain data (its `toJSON()`), safe to log or send over the wire. */
export interface CreditliftErrorData {
  readonly name: string;
  readonly code: CreditliftErrorCode;
  readonly message: string;
}

/**
 * Base class of every error creditlift throws on purpose.
 *
 * `instanceof` works across copies of the package (the ESM and the CJS build loaded side by side):
 * each instance carries a `Symbol.for('creditlift.error')` brand naming its classes, and every
 * creditlift error class checks that brand.
 */
export class CreditliftError extends Error {
  /** The brand this class's instances carry (see {@link CreditliftError} on `instanceof`). */
  static readonly [BRAND_NAME]: string = 'CreditliftError';

  /** Stable code; see {@link CreditliftErrorCode}. */
  readonly code: CreditliftErrorCode;

  constructor(code: CreditliftErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CreditliftError';
    this.code = code;
    addBrand(this, 'CreditliftError');
  }

  /** True for a creditlift error from any copy of the package (ESM or CJS). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` was asked about (a subclass too).
    return isInstanceOf(this, value);
  }

  /** Plain-data form, safe to log or send over the wire. */
  toJSON(): CreditliftErrorData {
    return { name: this.name, code: this.code, message: this.message };
  }
}
