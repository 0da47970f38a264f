import { DECISION_INPUT_SUBJECTS } from '../../decision/decisionInput.js';
import { unvalidatedLedgers } from '../../decision/limitHistories.js';
import type { DecisionErrorData } from '../../decision/toErrorData.js';
import { faultsBeyond } from '../../errors/faultsBeyond.js';
import { formatPath, ValidationError, type ValidationErrorCode, type ValidationIssue } from '../../errors/validationError.js';
import type { ValidationIssueCode } from '../../errors/validationIssueCode.js';
import type { LimitChange } from '../../policy/stepLimit.js';
import { issuesInRecord } from './recordEnvelope.js';

/**
 * What a record gives the decider: the applicant, its ledger of recent raises as given (read by the
 * decider with the applicant, so one error names every fault of both), and where the applicant sits
 * in the record (`['applicant']` in an envelope; absent or empty: the record is the applicant), so
 * the decider's faults are named at their paths in the record.
 */
export interface RecordToCheck {
  readonly value: unknown;
  readonly limitHistory?: unknown;
  readonly at?: readonly (string | number)[];
  /**
   * The customer's latest sealed decision as the lender stores it, as given (read only by
   * `simulate --mode reassess`, which checks it and reassesses both sides from it; a reader for
   * another command refuses the key).
   */
  readonly prior?: unknown;
  /**
   * What the lender's account system holds for the line now (`{ line, selfSetCap, limitHistory }`,
   * as a reassessment batch item's `onFile`), as given: read only by `simulate --mode reassess`,
   * which hands it to each side's reassessment of the stored prior (a prior the line on file
   * supersedes is that record's `prior_superseded`); another command's reader refuses the key.
   */
  readonly onFile?: unknown;
}

/** One record read from an input file: what to decide, or why it could not be read (and, refused by its reader, what to check still). */
export type InputRecord =
  | ({ readonly line: number; readonly ok: true } & RecordToCheck)
  | { readonly line: number; readonly ok: false; readonly error: DecisionErrorData; readonly check?: RecordToCheck };

/** An unreadable record as error data (code `data_invalid`, one issue at the record's root). */
export function unreadableRecord(line: number, issueCode: ValidationIssueCode, message: string): InputRecord {
  return { line, ok: false, error: { code: 'data_invalid', message: `line ${line}: ${message}`, issues: [{ path: [], code: issueCode, message }] } };
}

/**
 * A record read but refused by its reader (repeated keys, its envelope, its ledger cell): every issue
 * listed, the message naming the first and counting the rest.
 */
export function refusedRecord(line: number, issues: readonly ValidationIssue[], check?: RecordToCheck): InputRecord {
  return check === undefined ? { line, ok: false, error: refusal(line, issues) } : { line, ok: false, error: refusal(line, issues), check };
}

function refusal(line: number, issues: readonly ValidationIssue[]): DecisionErrorData {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return {
    code: 'data_invalid',
    message: `line ${line}: ${first === undefined ? '' : `${formatPath(first.path)}: ${first.message}`}${more}`,
    issues: [...issues],
  };
}

/**
 * A refused record's error with the faults the decider found in its applicant and ledger added
 * (`checked`: the decider's error for the record's check value; undefined when it was accepted). A
 * fault at a path the reader already named, or inside or above it, is left out: the reader's word on
 * that field stands (JSON.parse kept the last of two values, or the rounded number).
 */
export function refusalWithFaults(record: InputRecord & { readonly ok: false }, checked: DecisionErrorData | undefined): DecisionErrorData {
  const { check } = record;
  const found = checked?.issues;
  if (check === undefined || found === undefined) return record.error;
  const named = record.error.issues ?? [];
  const more = faultsBeyond(named, issuesInRecord(found, check.at ?? []));
  return more.length === 0 ? record.error : refusal(record.line, [...named, ...more]);
}

const VALIDATION_CODES: ReadonlySet<string> = new Set<ValidationErrorCode>(['validation_failed', 'policy_invalid', 'catalog_invalid', 'data_invalid']);

/**
 * The decider's error for a record it refused, with its issues at their paths in the record (the
 * applicant's under `applicant` in an envelope; the ledger's under `limitHistory`), as a refusal by
 * the record's reader names them: one fault, one path, whichever check caught it.
 */
export function decidedRecordError(record: RecordToCheck, error: DecisionErrorData): DecisionErrorData {
  const at = record.at ?? [];
  if (at.length === 0 || error.issues === undefined || !VALIDATION_CODES.has(error.code) || !DECISION_INPUT_SUBJECTS.has(error.subject ?? '')) return error;
  const moved = new ValidationError(error.subject ?? 'Applicant', issuesInRecord(error.issues, at), error.code as ValidationErrorCode);
  return { code: moved.code, message: moved.message, issues: moved.issues, ...(error.name === undefined ? {} : { name: error.name }), subject: moved.subject };
}

/**
 * The records to decide of a batch (the readable ones, and the applicants of refused records still
 * to check, in order), and each one's own ledger as given when any came with one: what a decider
 * takes (`decide(values, limitHistories)`), which reads each ledger as it reads each applicant. A caller takes the results in the same order: one per
 * readable record, one per refused record with a `check` (see {@link refusalWithFaults}).
 */
export function decidable(records: readonly InputRecord[]): {
  values: unknown[];
  limitHistories: readonly (readonly LimitChange[] | undefined)[] | undefined;
} {
  const values: unknown[] = [];
  const ledgers: unknown[] = [];
  let anyLedger = false;
  for (const r of records) {
    const take = r.ok ? r : r.check;
    if (take === undefined) continue;
    values.push(take.value);
    ledgers.push(take.limitHistory);
    anyLedger ||= take.limitHistory !== undefined;
  }
  return { values, limitHistories: anyLedger ? unvalidatedLedgers(ledgers) : undefined };
}
