import { CreditliftError, ValidationError, type ValidationIssue } from '../../errors/index.js';

/** A parsed CSV file: header names and rows of raw cell text (empty string = missing). */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * Parses RFC 4180 CSV: comma separated, a header row, fields optionally in double quotes (which
 * may hold commas, line breaks and `""` for a quote), CRLF or LF line ends, an optional UTF-8 BOM
 * and an optional final line break. Every record must have as many fields as the header.
 * Throws `data_invalid` for broken quoting and a {@link ValidationError} for ragged rows or bad
 * header names.
 *
 * @example
 * parseCsv('a,b\n1,"x, y"\n') // { header: ['a', 'b'], rows: [['1', 'x, y']] }
 */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records.shift();
  if (header === undefined || (header.length === 1 && header[0] === '')) throw new CreditliftError('data_invalid', 'CSV is empty: expected a header row');
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  header.forEach((name, j) => {
    if (name.trim() === '') issues.push({ path: ['header', j], code: 'empty_column_name', message: `Column ${j + 1} has no name` });
    else if (seen.has(name)) issues.push({ path: ['header', j], code: 'duplicate_column', message: `Column "${name}" appears more than once` });
    seen.add(name);
  });
  records.forEach((r, i) => {
    // Line numbers count the header as line 1, as a spreadsheet shows them.
    if (r.length !== header.length)
      issues.push({ path: ['rows', i], code: 'wrong_field_count', message: `Record ${i + 2} has ${r.length} fields, expected ${header.length}`, expected: String(header.length), received: String(r.length) });
  });
  if (issues.length > 0) throw new ValidationError('CSV', issues.slice(0, MAX_ISSUES));
  return { header, rows: records };
}

// One error listing a million ragged rows helps nobody; the first hundred show the pattern.
const MAX_ISSUES = 100;

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

function splitRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  let line = 1;
  if (n === 0) return records;
  for (;;) {
    // At the start of a field.
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      const startLine = line;
      let out = '';
      let from = i + 1;
      i = from;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new CreditliftError('data_invalid', `CSV line ${startLine}: quoted field is never closed`);
        for (let k = i; k < q; k++) if (text.charCodeAt(k) === LF) line++;
        if (text.charCodeAt(q + 1) === QUOTE) {
          out += text.slice(from, q + 1);
          i = q + 2;
          from = i;
          continue;
        }
        out += text.slice(from, q);
        i = q + 1;
        break;
      }
      const c = text.charCodeAt(i);
      if (i < n && c !== COMMA && c !== LF && c !== CR) throw new CreditliftError('data_invalid', `CSV line ${line}: unexpected text after a closing quote`);
      value = out;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) throw new CreditliftError('data_invalid', `CSV line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
        k++;
      }
      value = text.slice(i, k);
      i = k;
    }
    record.push(value);
    if (i >= n) {
      records.push(record);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    // End of record: CRLF, LF or a lone CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    records.push(record);
    record = [];
    if (i >= n) break;
  }
  return records;
}
