import { CreditliftError, type CreditliftErrorCode } from '../errors/creditliftError.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { PriorInvalidError } from './priorInvalidError.js';
import { ReviewInvalidError } from './reviewInvalidError.js';

/** An error as plain data, for batch results and NDJSON error lines. */
export interface DecisionErrorData {
  readonly code: CreditliftErrorCode;
  readonly message: string;
  /** Every field at fault, for errors that list issues (validation, policy, catalog, data, a prior decision, a review's bounds). */
  readonly issues?: readonly ValidationIssue[];
  /** The error's class name (`ValidationError`, `PolicyInvalidError`...), so it can be rebuilt as thrown. */
  readonly name?: string;
  /** What was being validated, for errors that list issues. */
  readonly subject?: string;
}

/** Converts anything thrown into {@link DecisionErrorData}; unknown throwables become `internal_error`. */
export function toErrorData(e: unknown): DecisionErrorData {
  if (e instanceof ValidationError) return { code: e.code, message: e.message, issues: e.issues, name: e.name, subject: e.subject };
  if (e instanceof PriorInvalidError || e instanceof ReviewInvalidError) return { code: e.code, message: e.message, issues: e.issues, name: e.name };
  if (e instanceof CreditliftError) return { code: e.code, message: e.message, name: e.name };
  return { code: 'internal_error', message: e instanceof Error ? e.message : String(e) };
}
