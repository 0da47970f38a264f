import type { ValidationIssue } from '../../errors/validationError.js';
import { parseStrictJson } from '../../json/parseStrictJson.js';
import { LEDGER_COLUMN } from './csvColumns.js';
import { recordTooDeep } from './recordTooDeep.js';

/**
 * A CSV row's `limitHistory` cell: JSON text of the ledger `decide` takes, as given. Text that is not
 * JSON, nests too deep or repeats a key is named here, at paths under the column (with the value as
 * read, when there is one); whether the value
 * is a ledger, and whether its raises are dated before the row's `asOf`, is the decider's to say,
 * beside the row's other faults, as for an NDJSON line's ledger.
 */
export function readCsvLedgerCell(
  cell: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: ValidationIssue[]; readonly value?: unknown } {
  const read = parseStrictJson(cell.trim());
  if (!read.ok) {
    return {
      ok: false,
      // A cell repeating a key is still read (as JSON.parse keeps it), so the decider names the ledger's other faults.
      ...(read.parsed === undefined ? {} : { value: read.parsed.value }),
      issues: read.issues.map((i) =>
        i.code === 'invalid_json'
          ? { path: [LEDGER_COLUMN], code: 'invalid_json', message: 'the limitHistory cell is not JSON (a ledger: [{"asOf", "from", "to"}, ...])' }
          : { ...i, path: [LEDGER_COLUMN, ...i.path] },
      ),
    };
  }
  const deep = recordTooDeep(read.value, [LEDGER_COLUMN]);
  return deep === undefined ? { ok: true, value: read.value } : { ok: false, issues: [deep] };
}
