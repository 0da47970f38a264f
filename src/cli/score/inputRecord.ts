import type { DecisionErrorData } from '../../decision/toErrorData.js';
import { formatPath, type ValidationIssue } from '../../errors/validationError.js';
import type { ValidationIssueCode } from '../../errors/validationIssueCode.js';
import type { LimitChange } from '../../policy/stepLimit.js';

/** One record read from an input file: the value to decide, or why it could not be read. */
export type InputRecord =
  | { readonly line: number; readonly ok: true; readonly value: unknown; readonly limitHistory?: readonly LimitChange[] }
  | { readonly line: number; readonly ok: false; readonly error: DecisionErrorData };

/** An unreadable record as error data (code `data_invalid`, one issue at the record's root). */
export function unreadableRecord(line: number, issueCode: ValidationIssueCode, message: string): InputRecord {
  return { line, ok: false, error: { code: 'data_invalid', message: `line ${line}: ${message}`, issues: [{ path: [], code: issueCode, message }] } };
}

/**
 * A record read but refused by its reader (repeated keys, its envelope, its ledger cell): every issue
 * listed, the message naming the first and counting the rest.
 */
export function refusedRecord(line: number, issues: readonly ValidationIssue[]): InputRecord {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return {
    line,
    ok: false,
    error: {
      code: 'data_invalid',
      message: `line ${line}: ${first === undefined ? '' : `${formatPath(first.path)}: ${first.message}`}${more}`,
      issues: [...issues],
    },
  };
}

/**
 * The records to decide of a batch (the readable ones, in order), and each one's own ledger when any
 * came with one: what a decider takes (`decide(values, limitHistories)`).
 */
export function decidable(records: readonly InputRecord[]): { values: unknown[]; limitHistories: (readonly LimitChange[] | undefined)[] | undefined } {
  const values: unknown[] = [];
  const ledgers: (readonly LimitChange[] | undefined)[] = [];
  let anyLedger = false;
  for (const r of records) {
    if (!r.ok) continue;
    values.push(r.value);
    ledgers.push(r.limitHistory);
    anyLedger ||= r.limitHistory !== undefined;
  }
  return { values, limitHistories: anyLedger ? ledgers : undefined };
}
