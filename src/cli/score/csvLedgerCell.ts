import { readLimitHistory } from '../../decision/limitHistories.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import { parseStrictJson } from '../../json/parseStrictJson.js';
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
  const read = parseStrictJson(cell.trim());
  if (!read.ok) {
    return {
      ok: false,
      issues: read.issues.map((i) =>
        i.code === 'invalid_json'
          ? { path: [LEDGER_COLUMN], code: 'invalid_json', message: 'the limitHistory cell is not JSON (a ledger: [{"asOf", "from", "to"}, ...])' }
          : { ...i, path: [LEDGER_COLUMN, ...i.path] },
      ),
    };
  }
  const value = read.value;
  const deep = recordTooDeep(value, [LEDGER_COLUMN]);
  if (deep !== undefined) return { ok: false, issues: [deep] };
  const r = readLimitHistory(value);
  return r.ok ? r : { ok: false, issues: r.issues.map((i) => ({ ...i, path: [LEDGER_COLUMN, ...i.path] })) };
}
