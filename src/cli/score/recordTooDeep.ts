import type { ValidationIssue } from '../../errors/validationError.js';
import { pathBeyondDepth } from '../../json/pathBeyondDepth.js';
import { MAX_DEPTH } from '../../schema/readPlainData.js';

/**
 * Deepest nesting an input record may reach: the applicant's own bound, plus the level of the
 * NDJSON envelope (`{"applicant": ..., "limitHistory": ...}`) that may wrap it. A record between
 * the two reaches validation and is refused there as any applicant nested too deep is; past it,
 * the record could not even be handed on (to a worker, into a queued job) without a stack overflow.
 */
export const MAX_RECORD_DEPTH = MAX_DEPTH + 1;

/**
 * The `too_deep` issue of a value read from an input record, at `prefix` plus the path where it
 * nests past {@link MAX_RECORD_DEPTH}; undefined when it does not.
 */
export function recordTooDeep(value: unknown, prefix: readonly (string | number)[] = []): ValidationIssue | undefined {
  const at = pathBeyondDepth(value, MAX_RECORD_DEPTH);
  return at === undefined ? undefined : { path: [...prefix, ...at], code: 'too_deep', message: `nested more than ${MAX_RECORD_DEPTH} levels` };
}
