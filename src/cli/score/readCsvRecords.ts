import { CreditliftError } from '../../errors/creditliftError.js';
import { csvRowToApplicant, planCsvColumns, type CsvColumn } from './csvColumns.js';
import { unreadableRecord, type InputRecord } from './inputRecord.js';
import type { TextLine } from './splitLines.js';

/** Default of how many lines a quoted field may span: past this many lines its quote is taken as never closed. */
export const DEFAULT_MAX_RECORD_LINES = 100;

/**
 * CSV (RFC 4180: commas, double quotes, `""` for a quote, quoted line breaks) as input records, one
 * per row after the header, numbered by the physical line the row starts on. Headers are dotted
 * applicant paths (see {@link planCsvColumns}). A row with the wrong number of fields or a quote
 * never closed is an error record; the rows after it still decide. Blank lines are skipped.
 *
 * @throws ValidationError when the header itself is unusable; CreditliftError `data_invalid` when there is no header
 */
export async function* readCsvRecords(lines: AsyncIterable<TextLine>, options: { readonly maxRecordLines?: number } = {}): AsyncGenerator<InputRecord> {
  const MAX_LINES_PER_RECORD = options.maxRecordLines ?? DEFAULT_MAX_RECORD_LINES;
  let columns: CsvColumn[] | undefined;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let startLine = 0;
  let spanned = 0;
  for await (const { line, text, truncated } of lines) {
    if (!inQuotes) {
      if (text.trim() === '' && !truncated) continue;
      startLine = line;
      spanned = 0;
      fields = [];
      field = '';
      if (truncated) {
        if (columns === undefined) throw new CreditliftError('data_invalid', 'CSV header line is too long');
        yield unreadableRecord(line, 'line_too_long', 'the line is longer than the 4 MiB a record may take');
        continue;
      }
    } else {
      field += '\n';
      if (++spanned > MAX_LINES_PER_RECORD || truncated) {
        yield unreadableRecord(startLine, 'unclosed_quote', `a quoted field opened on line ${startLine} is never closed`);
        inQuotes = false;
        continue;
      }
    }
    let i = 0;
    let badQuote = false;
    const n = text.length;
    while (i < n && !badQuote) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            continue;
          }
          inQuotes = false;
          i++;
          if (i < n && text.charCodeAt(i) !== 44) badQuote = true;
          continue;
        }
        const q = text.indexOf('"', i);
        const end = q < 0 ? n : q;
        field += text.slice(i, end);
        i = end;
      } else if (c === 44) {
        fields.push(field);
        field = '';
        i++;
      } else if (c === 34 && field === '') {
        inQuotes = true;
        i++;
      } else {
        const comma = text.indexOf(',', i);
        const end = comma < 0 ? n : comma;
        field += text.slice(i, end);
        i = end;
      }
    }
    if (inQuotes) continue;
    fields.push(field);
    if (columns === undefined) {
      if (badQuote) throw new CreditliftError('data_invalid', `CSV header (line ${startLine}): unexpected text after a closing quote`);
      columns = planCsvColumns(fields);
      continue;
    }
    if (badQuote) {
      yield unreadableRecord(startLine, 'invalid_quote', 'unexpected text after a closing quote');
    } else if (fields.length !== columns.length) {
      yield {
        line: startLine,
        ok: false,
        error: {
          code: 'data_invalid',
          message: `line ${startLine}: ${fields.length} fields, the header has ${columns.length}`,
          issues: [{ path: [], code: 'wrong_field_count', message: `${fields.length} fields, expected ${columns.length}`, expected: String(columns.length), received: String(fields.length) }],
        },
      };
    } else {
      yield { line: startLine, ok: true, value: csvRowToApplicant(columns, fields) };
    }
  }
  if (inQuotes) yield unreadableRecord(startLine, 'unclosed_quote', `a quoted field opened on line ${startLine} is never closed`);
  if (columns === undefined) throw new CreditliftError('data_invalid', 'CSV is empty: expected a header row of applicant field paths');
}
