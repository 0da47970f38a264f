import type { ValidationIssue } from '../../errors/validationError.js';
import { jsonCellText } from '../../csv/jsonCellText.js';
import { describeRepeat } from '../../json/firstDuplicateJsonKey.js';
import { parseStrictJson } from '../../json/parseStrictJson.js';
import { LEDGER_COLUMN, ON_FILE_COLUMN, PRIOR_COLUMN } from './csvColumns.js';
import { recordTooDeep } from './recordTooDeep.js';

/** The CSV columns holding JSON read beside a row's applicant, as an NDJSON envelope carries the same keys. */
export type CsvJsonColumn = typeof LEDGER_COLUMN | typeof PRIOR_COLUMN | typeof ON_FILE_COLUMN;

// What a cell that is not JSON should have held: said so the lender knows what the column is for.
const EXPECTED: Readonly<Record<CsvJsonColumn, string>> = {
  [LEDGER_COLUMN]: 'a ledger: [{"asOf", "from", "to"}, ...]',
  [PRIOR_COLUMN]: 'the sealed decision JSON as score or decide wrote it',
  [ON_FILE_COLUMN]: 'the line on file: {"line", "selfSetCap", "limitHistory"}',
};

/**
 * A CSV row's `limitHistory`, `prior` or `onFile` cell: JSON text of the ledger `decide` takes, of the
 * customer's latest sealed decision, or of the line on file, as given. Spaces and tabs around the JSON are read off (`trimmed`,
 * for the run to count as `cells_trimmed`); other whitespace around it (NBSP, U+3000, a BOM) is
 * refused (`invalid_cell_padding`, see jsonCellText). Text that is not JSON, nests too deep or repeats a
 * key is named here, at paths under the column (with the value as read, when there is one), as the
 * NDJSON reader names the same faults under the envelope's key. Whether the value is a ledger, or a
 * decision whose seal holds, is for the decider and the stored-prior check to say, as for an NDJSON
 * line's.
 */
export function readCsvJsonCell(
  cell: string,
  column: CsvJsonColumn,
):
  | { readonly ok: true; readonly value: unknown; readonly trimmed: boolean }
  | { readonly ok: false; readonly issues: ValidationIssue[]; readonly value?: unknown } {
  const padded = jsonCellText(cell, column);
  if (!padded.ok) return { ok: false, issues: [{ ...padded.issue, path: [column] }] };
  const read = parseStrictJson(padded.text);
  if (!read.ok) {
    return {
      ok: false,
      // A cell repeating a key is still read (as JSON.parse keeps it), so the decider names the value's other faults.
      ...(read.parsed === undefined ? {} : { value: read.parsed.value }),
      issues: read.issues.map((i) => {
        if (i.code === 'invalid_json') return { path: [column], code: 'invalid_json', message: `the ${column} cell is not JSON (${EXPECTED[column]})` };
        // The count of issues past the first thousand is the record's, as an NDJSON line's.
        if (i.code === 'too_many_issues') return i;
        const path = [column, ...i.path];
        // Said at the path in the record, as the NDJSON reader says it (the cell's own path named the key alone).
        return i.code === 'duplicate_key' ? { ...i, path, message: `${describeRepeat(path)}: JSON would keep the last value without a word` } : { ...i, path };
      }),
    };
  }
  const deep = recordTooDeep(read.value, [column]);
  return deep === undefined ? { ok: true, value: read.value, trimmed: padded.trimmed } : { ok: false, issues: [deep] };
}
