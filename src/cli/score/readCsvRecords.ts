import { createCsvTokenizer, DEFAULT_MAX_RECORD_LINES, type CsvToken } from '../../csv/csvTokenizer.js';
import { isBlankLine } from '../../text/blankLine.js';
import type { LenientCellTally } from '../../csv/lenientCells.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import type { DecodedText, InvalidUtf8 } from '../../text/utf8Decoder.js';
import type { z } from 'zod';
import type { ValidationIssue } from '../../errors/validationError.js';
import { csvApplicantSchema, LEDGER_COLUMN, ON_FILE_COLUMN, planCsvColumns, PRIOR_COLUMN, readCsvRow, type CsvColumn } from './csvColumns.js';
import { readCsvJsonCell } from './csvJsonCell.js';
import { refusedRecord, unreadableRecord, type InputRecord } from './inputRecord.js';
import { recordTooDeep } from './recordTooDeep.js';

export { DEFAULT_MAX_RECORD_LINES };

const SPACES_AND_TABS = /^[ \t]*$/;

/** Options of {@link readCsvRecords}. */
export interface ReadCsvRecordsOptions {
  /** Lines a quoted field may span before its quote counts as never closed (default {@link DEFAULT_MAX_RECORD_LINES}). */
  readonly maxRecordLines?: number;
  /** Characters a record may hold (default 4 Mi). */
  readonly maxRecordChars?: number;
  /**
   * The lender's attribute schema (a feature set's `attributes`): `attributes.<name>` columns are
   * read as the declared types. Without it, such columns are undeclared (kept as text, refused).
   */
  readonly attributes?: z.ZodType | undefined;
  /** Counts each lenient reading of a cell (surrounding whitespace, JSON cells' spaces and tabs included; leading zeros) of every row read, for the run to warn of. */
  readonly lenientCells?: LenientCellTally | undefined;
  /**
   * Read a `prior` column (the customer's latest sealed decision JSON, as stored) and an `onFile`
   * column (the line on file now), as `simulate` does: a filled cell is the record's `prior` (its
   * `onFile`), an empty one means none. Default false: a filled cell is refused, saying which command
   * reads it (`score` would drop it).
   */
  readonly prior?: boolean;
}

/** A filled `prior` or `onFile` cell given to a reader that does not read them: refused, not dropped. */
function notRead(column: typeof PRIOR_COLUMN | typeof ON_FILE_COLUMN): { readonly ok: false; readonly issues: ValidationIssue[]; readonly value?: unknown } {
  const message =
    column === PRIOR_COLUMN
      ? `a "${PRIOR_COLUMN}" column (a stored decision) is read by "creditlift simulate" only (--mode reassess reassesses from it); this command would drop it`
      : `an "${ON_FILE_COLUMN}" column (the line on file) is read by "creditlift simulate" only (--mode reassess checks the stored prior against it); this command would drop it`;
  return { ok: false, issues: [{ path: [column], code: 'unrecognized_key', message }] };
}

/**
 * CSV (RFC 4180, through the one CSV tokenizer) as input records, one per row after the header,
 * numbered by the physical line the row starts on. Headers are dotted applicant paths (see
 * {@link planCsvColumns}), the lender's `attributes.<name>` among them when `attributes` is given; a
 * `limitHistory` column holds the row's ledger, a `prior` column its stored decision and an `onFile`
 * column the line on file (JSON, read strictly; see `options.prior`). A row with the wrong number of fields, broken quoting or bytes that are
 * not UTF-8 is an error record naming its line (and the byte offset); the rows after it still
 * decide. A quote left open, or a quoted field broken on a later line than its record's first, is
 * an error at the record's first line, and the lines after it are read again as records. Blank
 * lines (spaces and tabs only) are skipped.
 *
 * @param chunks text, or decoded text with its invalid UTF-8 (from `createUtf8Decoder`)
 * @throws ValidationError when the header itself is unusable; CreditliftError `data_invalid` when there is no header or it cannot be read
 */
export async function* readCsvRecords(chunks: AsyncIterable<string | DecodedText>, options: ReadCsvRecordsOptions = {}): AsyncGenerator<InputRecord> {
  const tokenizer = createCsvTokenizer(options);
  const invalid: InvalidUtf8[] = [];
  let next = 0;
  let columns: CsvColumn[] | undefined;
  // Where a row's own ledger is (a `limitHistory` column), if the header has one; and its stored decision (`prior`).
  let ledgerAt = -1;
  let priorAt = -1;
  let onFileAt = -1;

  /** The first invalid byte inside a token's text; invalid bytes before it (skipped text) are passed over. */
  const badByteIn = (t: CsvToken): number | undefined => {
    let found: number | undefined;
    while (next < invalid.length && (invalid[next] as InvalidUtf8).charIndex < t.end) {
      const inv = invalid[next++] as InvalidUtf8;
      if (inv.charIndex >= t.start) found ??= inv.byteOffset;
    }
    return found;
  };

  function* records(tokens: readonly CsvToken[]): Generator<InputRecord> {
    for (const t of tokens) {
      const bad = badByteIn(t);
      if (columns === undefined) {
        if (bad !== undefined) throw new CreditliftError('data_invalid', `CSV header (line ${t.line}): not UTF-8, invalid byte at offset ${bad} of the file`);
        if (t.kind === 'error') throw new CreditliftError('data_invalid', `CSV header (line ${t.line}): ${t.message}`);
        columns = planCsvColumns(t.cells, csvApplicantSchema(options.attributes));
        ledgerAt = columns.findIndex((c) => c.kind === 'ledger');
        priorAt = columns.findIndex((c) => c.kind === 'prior');
        onFileAt = columns.findIndex((c) => c.kind === 'onFile');
        continue;
      }
      let record: InputRecord | undefined;
      try {
        record = rowRecord(columns, t, bad);
      } catch (e) {
        // Whatever one row does to the reader is that row's error: an exception here would end the
        // run, and --resume would meet the same row and end again.
        record = unreadableRecord(t.line, 'unreadable_input', `could not be read (${e instanceof Error ? e.name : typeof e})`);
      }
      if (record !== undefined) yield record;
    }
  }

  /** One row's record; undefined for a blank line. */
  function rowRecord(columns: readonly CsvColumn[], t: CsvToken, bad: number | undefined): InputRecord | undefined {
    if (bad !== undefined) return unreadableRecord(t.line, 'invalid_utf8', `not UTF-8: invalid byte at offset ${bad} of the file`);
    if (t.kind === 'error') return unreadableRecord(t.line, t.code, t.message);
    // A line of spaces and tabs is blank (a line of U+3000 or a BOM is not: see isBlankLine); a written
    // empty cell (`""`) is a record, and is answered.
    if (t.cells.length === 1 && !t.quoted && isBlankLine(t.cells[0] as string) && columns.length > 1) return undefined;
    if (t.cells.length !== columns.length) {
      return {
        line: t.line,
        ok: false,
        error: {
          code: 'data_invalid',
          message: `line ${t.line}: ${t.cells.length} fields, the header has ${columns.length}`,
          issues: [
            {
              path: [],
              code: 'wrong_field_count',
              message: `${t.cells.length} fields, expected ${columns.length}`,
              expected: String(columns.length),
              received: String(t.cells.length),
            },
          ],
        },
      };
    }
    const { value, issues, lenient } = readCsvRow(columns, t.cells);
    for (const l of lenient) options.lenientCells?.add(l.column, l.code, t.line);
    // A JSON cell may nest as deep as JSON.parse goes; refused here, as an NDJSON line would be.
    const deep = recordTooDeep(value);
    if (deep !== undefined) return refusedRecord(t.line, [deep]);
    const cellAt = (j: number) => (j < 0 ? '' : (t.cells[j] as string));
    // An empty cell is a record without a ledger or stored decision, as an NDJSON line without the
    // key; so is one of spaces and tabs alone, counted as train counts a whitespace-only cell read as
    // missing. Any other cell is read (a cell of NBSP alone is refused by name, not taken for empty).
    const filled = (cell: string, column: string): boolean => {
      if (!SPACES_AND_TABS.test(cell)) return true;
      if (cell !== '') options.lenientCells?.add(column, 'cells_trimmed', t.line);
      return false;
    };
    const ledgerCell = cellAt(ledgerAt);
    const ledger = filled(ledgerCell, LEDGER_COLUMN) ? readCsvJsonCell(ledgerCell, LEDGER_COLUMN) : undefined;
    if (ledger?.ok === true && ledger.trimmed) options.lenientCells?.add(LEDGER_COLUMN, 'cells_trimmed', t.line);
    const priorCell = cellAt(priorAt);
    const prior = !filled(priorCell, PRIOR_COLUMN) ? undefined : options.prior === true ? readCsvJsonCell(priorCell, PRIOR_COLUMN) : notRead(PRIOR_COLUMN);
    if (prior?.ok === true && prior.trimmed) options.lenientCells?.add(PRIOR_COLUMN, 'cells_trimmed', t.line);
    const onFileCell = cellAt(onFileAt);
    const onFile = !filled(onFileCell, ON_FILE_COLUMN)
      ? undefined
      : options.prior === true
        ? readCsvJsonCell(onFileCell, ON_FILE_COLUMN)
        : notRead(ON_FILE_COLUMN);
    if (onFile?.ok === true && onFile.trimmed) options.lenientCells?.add(ON_FILE_COLUMN, 'cells_trimmed', t.line);
    // What the cells would have hidden (a repeated key in a JSON cell, the ledger, the prior or the line on file), all at once.
    const hidden = [
      ...issues,
      ...(ledger === undefined || ledger.ok ? [] : ledger.issues),
      ...(prior === undefined || prior.ok ? [] : prior.issues),
      ...(onFile === undefined || onFile.ok ? [] : onFile.issues),
    ];
    // The applicant still goes to the decider's schema, so the refusal names its other faults too.
    // A row's cells sit at the applicant's paths, its ledger and prior under their columns: nothing to move (no `at`).
    const given = {
      value,
      ...(ledger?.value === undefined ? {} : { limitHistory: ledger.value }),
      ...(prior === undefined || !Object.hasOwn(prior, 'value') ? {} : { prior: prior.value }),
      ...(onFile === undefined || !Object.hasOwn(onFile, 'value') ? {} : { onFile: onFile.value }),
    };
    if (hidden.length > 0) return refusedRecord(t.line, hidden, given);
    return { line: t.line, ok: true, ...given };
  }

  for await (const chunk of chunks) {
    const d = typeof chunk === 'string' ? { text: chunk, invalid: [] } : chunk;
    if (d.invalid.length > 0) invalid.push(...d.invalid);
    yield* records(tokenizer.push(d.text));
  }
  yield* records(tokenizer.end());
  if (columns === undefined) throw new CreditliftError('data_invalid', 'CSV is empty: expected a header row of applicant field paths');
}
