import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { readRuledOptions, WHOLE_FROM_ONE } from '../trainArguments.js';
import { tokenizeCsv, type CsvToken, type CsvTokenizerOptions } from '../../csv/csvTokenizer.js';
import { CreditliftError, ValidationError, type ValidationIssue } from '../../errors/index.js';

/** A parsed CSV file: header names and rows of raw cell text (empty string = missing). */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /**
   * The file line each row starts on (the header is line 1), for messages that name a cell: blank
   * lines and quoted line breaks make it differ from the row's index + 2. `parseCsv` fills it; a table
   * built without it is taken to hold one line per row, straight after the header.
   */
  readonly lines?: readonly number[];
}

/** The file line row `i` of `table` starts on (see {@link CsvTable.lines}). */
export function lineOfRow(table: CsvTable, i: number): number {
  return table.lines?.[i] ?? i + 2;
}

/**
 * Parses RFC 4180 CSV with the one CSV tokenizer of creditlift (`createCsvTokenizer`): comma
 * separated, a header row, fields optionally in double quotes (which may hold commas, line breaks
 * and `""` for a quote), LF, CRLF or lone-CR line ends, an optional UTF-8 BOM and an optional
 * final line break. Every record must have as many fields as the header, and keeps the line it starts
 * on (`lines`), so a cell refused later is named by its file line. Training wants all of
 * its data: broken quoting anywhere refuses the file with `data_invalid` naming the first broken
 * line (and how many more there are); ragged rows and bad header names give a
 * {@link ValidationError} listing them.
 *
 * @example
 * parseCsv('a,b\n1,"x, y"\n') // { header: ['a', 'b'], rows: [['1', 'x, y']], lines: [2] }
 */
export function parseCsv(text: string, given: CsvTokenizerOptions = {}): CsvTable {
  // Read once into a plain copy, which the tokenizer then gets: a getter or Proxy is refused by name, never thrown raw.
  const { value: options, issues: optionIssues } = readRuledOptions(
    given,
    { maxRecordLines: [WHOLE_FROM_ONE, 'a whole number >= 1'], maxRecordChars: [WHOLE_FROM_ONE, 'a whole number >= 1'] },
    ['options'],
  );
  refuseArguments('parseCsv', [typeIssue(['text'], text, 'string', "the CSV file's text"), optionIssues]);
  const tokens = tokenizeCsv(text, { maxRecordChars: Number.MAX_SAFE_INTEGER, ...options });
  const broken = tokens.filter((t) => t.kind === 'error');
  if (broken.length > 0) {
    const [first] = broken as [CsvToken & { kind: 'error' }];
    const more =
      broken.length > 1
        ? ` (and ${broken.length - 1} more broken records, from line ${broken
            .slice(1, 6)
            .map((t) => t.line)
            .join(', ')}${broken.length > 6 ? ', ...' : ''})`
        : '';
    throw new CreditliftError('data_invalid', `CSV line ${first.line}: ${first.message}${more}`);
  }
  const rows = tokens as (CsvToken & { kind: 'row' })[];
  const head = rows.shift();
  if (head === undefined || (head.cells.length === 1 && head.cells[0] === '')) throw new CreditliftError('data_invalid', 'CSV is empty: expected a header row');
  const header = head.cells;
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  header.forEach((name, j) => {
    if (name.trim() === '') issues.push({ path: ['header', j], code: 'empty_column_name', message: `Column ${j + 1} has no name` });
    else if (seen.has(name)) issues.push({ path: ['header', j], code: 'duplicate_column', message: `Column "${name}" appears more than once` });
    seen.add(name);
  });
  rows.forEach((r, i) => {
    if (r.cells.length !== header.length)
      issues.push({
        path: ['rows', i],
        code: 'wrong_field_count',
        message: `Record on line ${r.line} has ${r.cells.length} fields, expected ${header.length}`,
        expected: String(header.length),
        received: String(r.cells.length),
      });
  });
  if (issues.length > 0) throw new ValidationError('CSV', issues.slice(0, MAX_ISSUES));
  return { header, rows: rows.map((r) => r.cells), lines: rows.map((r) => r.line) };
}

// One error listing a million ragged rows helps nobody; the first hundred show the pattern.
const MAX_ISSUES = 100;
