import { toErrorData, type DecisionErrorData } from '../decision/toErrorData.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError, type ValidationErrorCode } from '../errors/validationError.js';
import { PolicyInvalidError } from '../policy/policyInvalidError.js';
import { PriorInvalidError } from '../decision/priorInvalidError.js';
import { ReviewInvalidError } from '../decision/reviewInvalidError.js';

/** An error as it crosses the process boundary: structured clone keeps an Error's message, not its code. */
export type WorkerErrorData = DecisionErrorData;

/** Plain-data form of anything a worker throws: code, message, class name, subject and every issue. */
export function toWorkerErrorData(e: unknown): WorkerErrorData {
  return toErrorData(e);
}

/**
 * The typed error a worker threw, rebuilt on the pool's side as the same class with the same code,
 * message, subject and issues: a policy error stays a `PolicyInvalidError` with its issues.
 */
export function reviveError(data: WorkerErrorData): CreditliftError {
  let error: CreditliftError;
  if (data.issues !== undefined && data.name === 'PriorInvalidError') {
    error = new PriorInvalidError(data.issues);
  } else if (data.issues !== undefined && data.name === 'ReviewInvalidError') {
    error = new ReviewInvalidError(data.issues);
  } else if (data.issues !== undefined) {
    const validation = new ValidationError(data.subject ?? 'input', data.issues, data.code as ValidationErrorCode);
    error = data.name === 'PolicyInvalidError' ? new PolicyInvalidError(validation) : validation;
  } else {
    error = new CreditliftError(data.code, data.message);
  }
  // The worker's message names the fields exactly as the in-process scorer would; keep it verbatim.
  error.message = data.message;
  return error;
}
