import { readLimitHistory } from '../../decision/limitHistories.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import { describeRepeat, duplicateKeyOfParsed } from '../../json/firstDuplicateJsonKey.js';
import type { LimitChange } from '../../policy/stepLimit.js';
import { LEDGER_COLUMN } from './csvColumns.js';
import { recordTooDeep } from './recordTooDeep.js';

/**
 * A CSV row's `limitHistory` cell: JSON text of the ledger `decide` takes. Unlike an applicant's JSON
 * cell, which stays text for validation to refuse, text that is not JSON, nests too deep or repeats a key is named
 * here: there is no schema after this to say what the cell should have been.
 */
export function readCsvLedgerCell(
  cell: string,
): { readonly ok: true; readonly value: LimitChange[] } | { readonly ok: false; readonly issues: ValidationIssue[] } {
  const text = cell.trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      issues: [{ path: [LEDGER_COLUMN], code: 'invalid_json', message: 'the limitHistory cell is not JSON (a ledger: [{"asOf", "from", "to"}, ...])' }],
    };
  }
  const deep = recordTooDeep(value, [LEDGER_COLUMN]);
  if (deep !== undefined) return { ok: false, issues: [deep] };
  const repeated = duplicateKeyOfParsed(text, value);
  if (repeated !== undefined) {
    return {
      ok: false,
      issues: [
        { path: [LEDGER_COLUMN, ...repeated], code: 'duplicate_key', message: `${describeRepeat(repeated)}: JSON would keep the last value without a word` },
      ],
    };
  }
  const r = readLimitHistory(value);
  return r.ok ? r : { ok: false, issues: r.issues.map((i) => ({ ...i, path: [LEDGER_COLUMN, ...i.path] })) };
}
