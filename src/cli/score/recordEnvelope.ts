import { isLedgerIssue } from '../../decision/limitHistories.js';
import type { ValidationIssue } from '../../errors/validationError.js';

/**
 * One NDJSON record (or `decide`/`suggest` FILE): the applicant to decide, and its own ledger of
 * recent raises as given, when it came with one: the ledger is read by the decider, with the
 * applicant's date, so every fault of either is named in one error. A refused envelope still names
 * its applicant and ledger, so their own faults can be named beside the envelope's.
 */
export type RecordEnvelope =
  | {
      readonly ok: true;
      readonly applicant: unknown;
      readonly limitHistory?: unknown;
      readonly prior?: unknown;
      readonly onFile?: unknown;
      readonly at: readonly string[];
    }
  | {
      readonly ok: false;
      readonly issues: readonly ValidationIssue[];
      readonly applicant: unknown;
      readonly limitHistory?: unknown;
      readonly prior?: unknown;
      readonly onFile?: unknown;
      readonly at: readonly string[];
    };

/** Options of {@link readRecordEnvelope}. */
export interface RecordEnvelopeOptions {
  /**
   * Read a `prior` key (the customer's latest sealed decision, as stored) and an `onFile` key (the
   * line, cap and ledger on file now) beside the applicant: `simulate` reads them. Default false:
   * each key is refused, saying which command reads it (`score`, `decide` and `featurize` would drop it).
   */
  readonly prior?: boolean;
}

const KEYS = new Set(['applicant', 'limitHistory']);
const KEYS_WITH_PRIOR = new Set(['applicant', 'limitHistory', 'prior', 'onFile']);
/** Where an envelope's applicant sits, and so its faults' paths. */
const IN_ENVELOPE = ['applicant'] as const;

/**
 * An input record is an applicant, or `{"applicant": {...}, "limitHistory": [...]}`: an existing
 * customer with the ledger of its last decision, so re-underwriting a book keeps each line's
 * step-limit window (an applicant never has an `applicant` key, so the two cannot be confused).
 * With `options.prior`, `"prior": {...}` (the line's latest decision as stored) and `"onFile": {...}`
 * (the line on file now) may go with them.
 * Any other key beside them is refused, not dropped. `at` is where the applicant sits.
 */
export function readRecordEnvelope(value: unknown, options: RecordEnvelopeOptions = {}): RecordEnvelope {
  if (!isEnvelope(value)) return { ok: true, applicant: value, at: [] };
  const record = value as Record<string, unknown>;
  const known = options.prior === true ? KEYS_WITH_PRIOR : KEYS;
  const given = {
    applicant: record.applicant,
    ...(record.limitHistory === undefined ? {} : { limitHistory: record.limitHistory }),
    ...(options.prior === true && Object.hasOwn(record, 'prior') ? { prior: record.prior } : {}),
    ...(options.prior === true && Object.hasOwn(record, 'onFile') ? { onFile: record.onFile } : {}),
  };
  const issues: ValidationIssue[] = Object.keys(record)
    .filter((k) => !known.has(k))
    .map((k) => ({ path: [k], code: 'unrecognized_key', message: unknownKeyMessage(k, options.prior === true) }));
  if (issues.length > 0) return { ok: false, issues, ...given, at: IN_ENVELOPE };
  return { ok: true, ...given, at: IN_ENVELOPE };
}

function unknownKeyMessage(key: string, priorRead: boolean): string {
  const allowed = priorRead ? '(only "limitHistory", "prior" and "onFile" may go with it)' : '(only "limitHistory" may go with it)';
  // A stored decision given to a command that decides afresh: said why, not only that the key is unknown.
  if (key === 'prior' && !priorRead)
    return `unknown key "prior" beside "applicant" ${allowed}: a stored decision is read by "creditlift simulate" only (--mode reassess reassesses from it); this command would drop it`;
  if (key === 'onFile' && !priorRead)
    return `unknown key "onFile" beside "applicant" ${allowed}: the line on file is read by "creditlift simulate" only (--mode reassess checks the stored prior against it); this command would drop it`;
  return `unknown key "${key}" beside "applicant" ${allowed}`;
}

/** Whether a record is `{"applicant": ...}` rather than an applicant itself: an applicant never has an `applicant` key. */
export function isEnvelope(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'applicant');
}

/**
 * A decider's issues for a record, at their paths in the record: the applicant's under `at` (where
 * the applicant sits: `applicant` in an envelope, nothing in a plain record or a CSV row), the
 * ledger's as they are (`limitHistory.*`, the envelope's key and the CSV column alike). So one
 * fault has one path in a record's error, whichever check named it.
 */
export function issuesInRecord(issues: readonly ValidationIssue[], at: readonly (string | number)[]): ValidationIssue[] {
  if (at.length === 0) return [...issues];
  return issues.map((i) => (isLedgerIssue(i) || i.code === 'too_many_issues' ? i : { ...i, path: [...at, ...i.path] }));
}
