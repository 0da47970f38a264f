import { typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';

/** What-if previews a decision carries when neither the scorer nor the call says (`suggestionsPerDecision`). */
export const DEFAULT_SUGGESTION_COUNT = 3;

/** The most previews a decision may carry: the whole catalog rarely holds more kinds. */
export const MAX_SUGGESTION_COUNT = 100;

/**
 * The issue of a count of what-if previews (the scorer's `suggestionsPerDecision`, a call's
 * `suggestions`) that is not an integer in [0, 100], at `field`; none for `undefined` (the default).
 * One rule for both, so a call can never ask for a count a scorer could not be built with.
 */
export function suggestionCountIssues(value: unknown, field: string): ValidationIssue[] {
  if (value === undefined || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_SUGGESTION_COUNT)) return [];
  return [
    {
      path: [field],
      code: 'out_of_range',
      message: `${field} must be an integer in [0, ${MAX_SUGGESTION_COUNT}]`,
      expected: `an integer in [0, ${MAX_SUGGESTION_COUNT}]`,
      received: typeNameOf(value),
    },
  ];
}

/** A call's `suggestions` option read from options of any shape (anything but an object carries none). */
export function callSuggestionCount(options: unknown): unknown {
  return typeof options === 'object' && options !== null ? (options as { suggestions?: unknown }).suggestions : undefined;
}
