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
  | 'catalog_invalid'
  | 'data_invalid'
  | 'worker_failed'
  | 'prior_invalid'
  | 'internal_error';

/** Base class of every error creditlift throws on purpose. */
export class CreditliftError extends Error {
  /** Stable code; see {@link CreditliftErrorCode}. */
  readonly code: CreditliftErrorCode;

  constructor(code: CreditliftErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CreditliftError';
    this.code = code;
  }

  /** Plain-data form, safe to log or send over the wire. */
  toJSON(): { name: string; code: CreditliftErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}
