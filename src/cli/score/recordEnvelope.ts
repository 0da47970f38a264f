import { readLimitHistory } from '../../decision/limitHistories.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import type { LimitChange } from '../../policy/stepLimit.js';

/**
 * One NDJSON record: the applicant to decide, and its own ledger of recent raises when it came with
 * one. A refused envelope still names its applicant, so the applicant's own faults can be named
 * beside the envelope's.
 */
export type RecordEnvelope =
  | { readonly ok: true; readonly applicant: unknown; readonly limitHistory?: readonly LimitChange[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[]; readonly applicant: unknown };

const KEYS = new Set(['applicant', 'limitHistory']);

/**
 * An input line is an applicant, or `{"applicant": {...}, "limitHistory": [...]}`: an existing
 * customer with the ledger of its last decision, so re-underwriting a book keeps each line's
 * step-limit window (an applicant never has an `applicant` key, so the two cannot be confused).
 * Any other key beside them is refused, not dropped, and so is a ledger that is not one.
 */
export function readRecordEnvelope(value: unknown): RecordEnvelope {
  if (!isEnvelope(value)) return { ok: true, applicant: value };
  const record = value as Record<string, unknown>;
  const issues: ValidationIssue[] = Object.keys(record)
    .filter((k) => !KEYS.has(k))
    .map((k) => ({ path: [k], code: 'unrecognized_key', message: `unknown key "${k}" beside "applicant" (only "limitHistory" may go with it)` }));
  let limitHistory: LimitChange[] | undefined;
  if (record.limitHistory !== undefined) {
    const r = readLimitHistory(record.limitHistory);
    if (r.ok) limitHistory = r.value;
    else issues.push(...r.issues.map((i) => ({ ...i, path: ['limitHistory', ...i.path] })));
  }
  if (issues.length > 0) return { ok: false, issues, applicant: record.applicant };
  return limitHistory === undefined ? { ok: true, applicant: record.applicant } : { ok: true, applicant: record.applicant, limitHistory };
}

/** Whether a record is `{"applicant": ...}` rather than an applicant itself: an applicant never has an `applicant` key. */
export function isEnvelope(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'applicant');
}
