import type { DecisionErrorData } from '../../decision/toErrorData.js';
import { faultsBeyond } from '../../errors/faultsBeyond.js';
import { formatPath, type ValidationIssue } from '../../errors/validationError.js';
import type { ValidationIssueCode } from '../../errors/validationIssueCode.js';
import type { LimitChange } from '../../policy/stepLimit.js';

/**
 * An applicant in a record its reader refused (a repeated key, an imprecise number, its envelope),
 * still to be validated by the decider so the refusal names the applicant's own faults as well:
 * `at` is where the applicant sits in the record (`['applicant']` in an envelope).
 */
export interface RecordToCheck {
  readonly value: unknown;
  readonly limitHistory?: readonly LimitChange[];
  readonly at: readonly (string | number)[];
}

/** One record read from an input file: the value to decide, or why it could not be read. */
export type InputRecord =
  | { readonly line: number; readonly ok: true; readonly value: unknown; readonly limitHistory?: readonly LimitChange[] }
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
 * A refused record's error with the faults the decider found in its applicant added (`checked`:
 * the decider's error for the record's check value; undefined when it was accepted). A fault at a
 * path the reader already named, or inside or above it, is left out: the reader's word on that
 * field stands (JSON.parse kept the last of two values, or the rounded number).
 */
export function refusalWithFaults(record: InputRecord & { readonly ok: false }, checked: DecisionErrorData | undefined): DecisionErrorData {
  const { check } = record;
  const found = checked?.issues;
  if (check === undefined || found === undefined) return record.error;
  const named = record.error.issues ?? [];
  const more = faultsBeyond(named, found, check.at);
  return more.length === 0 ? record.error : refusal(record.line, [...named, ...more]);
}

/**
 * The records to decide of a batch (the readable ones, and the applicants of refused records still
 * to check, in order), and each one's own ledger when any came with one: what a decider takes
 * (`decide(values, limitHistories)`). A caller takes the results in the same order: one per
 * readable record, one per refused record with a `check` (see {@link refusalWithFaults}).
 */
export function decidable(records: readonly InputRecord[]): { values: unknown[]; limitHistories: (readonly LimitChange[] | undefined)[] | undefined } {
  const values: unknown[] = [];
  const ledgers: (readonly LimitChange[] | undefined)[] = [];
  let anyLedger = false;
  for (const r of records) {
    const take = r.ok ? r : r.check;
    if (take === undefined) continue;
    values.push(take.value);
    ledgers.push(take.limitHistory);
    anyLedger ||= take.limitHistory !== undefined;
  }
  return { values, limitHistories: anyLedger ? ledgers : undefined };
}
