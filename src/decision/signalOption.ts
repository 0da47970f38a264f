import type { ValidationIssue } from '../errors/validationError.js';

/**
 * True for an AbortSignal: a `signal` of `AbortController`, `AbortSignal.timeout()` or
 * `AbortSignal.any()`, or one from another realm or a polyfill, read by what the deciding calls use
 * of it (`aborted`, `reason`, `addEventListener`, `removeEventListener`), not by its class.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as { aborted?: unknown; addEventListener?: unknown; removeEventListener?: unknown };
  return typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function' && typeof s.removeEventListener === 'function';
}

/**
 * The issue of a call's `signal` option when it is given and is not an AbortSignal. In process it
 * used to be ignored (`{ aborted: true }` taken as aborted), while the pool threw a TypeError with
 * no code; both now refuse it the same way, at path `signal`.
 */
export function signalOptionIssues(options: unknown): ValidationIssue[] {
  if (typeof options !== 'object' || options === null || !('signal' in options)) return [];
  const signal = (options as { signal?: unknown }).signal;
  if (signal === undefined || isAbortSignal(signal)) return [];
  return [
    {
      path: ['signal'],
      code: 'invalid_type',
      message: "signal must be an AbortSignal (an AbortController's `signal`, AbortSignal.timeout(ms), ...)",
      expected: 'AbortSignal',
      received: signal === null ? 'null' : Array.isArray(signal) ? 'array' : typeof signal,
    },
  ];
}
