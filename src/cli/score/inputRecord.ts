import type { DecisionErrorData } from '../../decision/toErrorData.js';
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
