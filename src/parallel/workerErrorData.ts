import { toErrorData, type DecisionErrorData } from '../decision/toErrorData.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';

/** An error as it crosses the thread boundary: structured clone keeps an Error's message, not its code. */
export interface WorkerErrorData extends DecisionErrorData {
  /** The ValidationError's subject, so the revived error reads the same. */
  readonly subject?: string;
}

/** Plain-data form of anything a worker throws. */
export function toWorkerErrorData(e: unknown): WorkerErrorData {
  const data = toErrorData(e);
  return e instanceof ValidationError ? { ...data, subject: e.subject } : data;
}

/** The typed error a worker threw, rebuilt on the pool's side with the same code, message and issues. */
export function reviveError(data: WorkerErrorData): CreditliftError {
  const error = data.issues !== undefined ? new ValidationError(data.subject ?? 'input', data.issues) : new CreditliftError(data.code, data.message);
  // The worker's message names the fields exactly as the in-process scorer would; keep it verbatim.
  error.message = data.message;
  return error;
}
