import { CreditliftError, type CreditliftErrorCode } from '../errors/creditliftError.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';

/** An error as plain data, for batch results and NDJSON error lines. */
export interface DecisionErrorData {
  readonly code: CreditliftErrorCode;
  readonly message: string;
  /** Every field at fault, for validation errors. */
  readonly issues?: readonly ValidationIssue[];
}

/** Converts anything thrown into {@link DecisionErrorData}; unknown throwables become `internal_error`. */
export function toErrorData(e: unknown): DecisionErrorData {
  if (e instanceof ValidationError) return { code: e.code, message: e.message, issues: e.issues };
  if (e instanceof CreditliftError) return { code: e.code, message: e.message };
  return { code: 'internal_error', message: e instanceof Error ? e.message : String(e) };
}
