import { tokenizeCsv } from '../csv/csvTokenizer.js';
import { isBlankLine } from '../text/blankLine.js';
import { refuseArguments, typeIssue, typeNameOf } from '../errors/argumentIssues.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { ValidationIssueCode } from '../errors/validationIssueCode.js';
import { parseStrictJson } from '../json/parseStrictJson.js';
import { withoutByteOrderMark } from '../text/withoutByteOrderMark.js';

const TRUE = new Set(['1', 'true', 'yes']);
const FALSE = new Set(['0', 'false', 'no']);
const MAX_ISSUES = 50;

/**
 * Reads realised outcomes for a backtest from a file's text: NDJSON lines
 * `{"id": "...", "defaulted": true}`, or CSV (the one CSV tokenizer) with a header holding `id` and
 * `defaulted` columns (1/0, true/false, yes/no, any case); a leading UTF-8 BOM is dropped in both. Cells are read as written, not trimmed, as
 * the book's reader reads its ids: `" app-1"` is not `"app-1"`. Every line must read: a bad or duplicated id, or
 * an NDJSON line that repeats a key (`duplicate_key`), is refused with a ValidationError naming
 * each line at fault (the first 50), never skipped, since a backtest on silently thinned outcomes
 * misleads. Text that is not a string, or a format other than `'ndjson'` or `'csv'`, is refused
 * with a ValidationError naming `text` or `format`.
 *
 * @example
 * readOutcomes('id,defaulted\na1,1\na2,0\n', 'csv'); // Map { 'a1' => true, 'a2' => false }
 */
export function readOutcomes(text: string, format: 'ndjson' | 'csv'): Map<string, boolean> {
  refuseArguments('readOutcomes', [
    typeIssue(['text'], text, 'string', "the outcomes file's text, a string"),
    format === 'ndjson' || format === 'csv'
      ? undefined
      : { path: ['format'], code: 'invalid_value', message: "format must be 'ndjson' or 'csv'", expected: "'ndjson' | 'csv'", received: typeNameOf(format) },
  ]);
  const out = new Map<string, boolean>();
  const issues: ValidationIssue[] = [];
  let more = 0;
  const bad = (line: number, message: string, code: ValidationIssueCode = 'invalid_outcome', at: readonly (string | number)[] = []) => {
    if (issues.length < MAX_ISSUES) issues.push({ path: [line, ...at], code, message: `line ${line}: ${message}` });
    else more++;
  };
  const take = (line: number, id: unknown, flag: unknown) => {
    if (typeof id !== 'string' || id === '') bad(line, '"id" must be a non-empty string');
    else if (typeof flag !== 'boolean') bad(line, '"defaulted" must be true or false');
    else if (out.has(id)) bad(line, `id "${id.slice(0, 64)}" appears more than once`);
    else out.set(id, flag);
  };
  if (format === 'csv') {
    let header: { id: number; defaulted: number; width: number } | undefined;
    for (const t of tokenizeCsv(text)) {
      if (t.kind === 'error') {
        bad(t.line, t.message);
        continue;
      }
      if (t.cells.length === 1 && t.cells[0] === '') continue;
      if (header === undefined) {
        const i = t.cells.indexOf('id');
        const d = t.cells.indexOf('defaulted');
        if (i < 0 || d < 0)
          throw new ValidationError('outcomes', [
            { path: [t.line], code: 'invalid_header', message: 'the CSV header must name an "id" and a "defaulted" column' },
          ]);
        header = { id: i, defaulted: d, width: t.cells.length };
        continue;
      }
      if (t.cells.length !== header.width) {
        bad(t.line, `expected ${header.width} fields, got ${t.cells.length}`);
        continue;
      }
      // Both cells as written, as the book's reader keeps its ids: a padded " app-1" is another id
      // (and is reported as matching no record), a padded " TRUE " is refused, not trimmed.
      const id = t.cells[header.id] as string;
      const v = (t.cells[header.defaulted] as string).toLowerCase();
      if (id !== '' && !TRUE.has(v) && !FALSE.has(v))
        bad(t.line, `"defaulted" must be 1/0, true/false or yes/no as written (cells are not trimmed), got ${JSON.stringify(v.slice(0, 16))}`);
      else take(t.line, id, TRUE.has(v));
    }
  } else {
    // A BOM before the first line ("UTF-8 with BOM"), as the CSV tokenizer drops it for the CSV form.
    withoutByteOrderMark(text)
      .split(/\r\n|\n|\r/)
      .forEach((line, i) => {
        if (isBlankLine(line)) return;
        // Strict: a repeated key (`"defaulted":true,"defaulted":false`) would otherwise be read as its
        // last value, and a backtest on silently altered outcomes misleads as much as on thinned ones.
        const parsed = parseStrictJson(line);
        if (parsed.ok) {
          const value = parsed.value as Record<string, unknown> | null;
          take(i + 1, value?.id, value?.defaulted);
        } else for (const issue of parsed.issues) bad(i + 1, issue.message, issue.code, issue.path);
      });
  }
  if (more > 0) issues.push({ path: [], code: 'too_many_issues', message: `${more} more problem(s) at fault; the first ${MAX_ISSUES} are listed` });
  if (issues.length > 0) throw new ValidationError('outcomes', issues);
  return out;
}
