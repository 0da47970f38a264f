import { CreditliftError } from '../errors/creditliftError.js';

/** The error of a call cancelled by its AbortSignal: code `aborted`, the signal's reason as its cause. */
export function abortedError(signal: AbortSignal): CreditliftError {
  return new CreditliftError('aborted', 'The call was cancelled by its AbortSignal', { cause: signal.reason });
}

/** Throws {@link abortedError} when `signal` has fired; checked before a call's work starts and between its steps. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal);
}
