import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { TextLine } from '../cli/score/splitLines.js';

const TRUE = new Set(['1', 'true', 'yes']);
const FALSE = new Set(['0', 'false', 'no']);

/**
 * Reads realised outcomes for a backtest: NDJSON lines `{"id": "...", "defaulted": true}` or CSV
 * with a header holding `id` and `defaulted` columns (1/0, true/false, yes/no). Every line must
 * read: a bad or duplicated id is refused with a ValidationError naming each line at fault (at most
 * 50 listed), never skipped, since a backtest on silently thinned outcomes misleads.
 */
export async function readOutcomes(lines: AsyncIterable<TextLine>, format: 'ndjson' | 'csv'): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  const issues: ValidationIssue[] = [];
  let header: { id: number; defaulted: number; width: number } | undefined;
  const bad = (line: number, message: string) => {
    if (issues.length < 50) issues.push({ path: [line], code: 'invalid_outcome', message: `line ${line}: ${message}` });
    else if (issues.length === 50) issues.push({ path: [], code: 'too_many_issues', message: 'more lines at fault; the first 50 are listed' });
  };
  for await (const { line, text } of lines) {
    if (text.trim() === '') continue;
    let id: unknown;
    let flag: unknown;
    if (format === 'csv') {
      // Plain CSV only: ids and flags need no quoting, and a quoted cell is refused rather than misread.
      const cells = text.split(',').map((x) => x.trim());
      if (header === undefined) {
        const i = cells.indexOf('id');
        const d = cells.indexOf('defaulted');
        if (i < 0 || d < 0) throw new ValidationError('outcomes', [{ path: [line], code: 'invalid_header', message: 'the CSV header must name an "id" and a "defaulted" column' }]);
        header = { id: i, defaulted: d, width: cells.length };
        continue;
      }
      if (cells.length !== header.width || text.includes('"')) {
        bad(line, `expected ${header.width} unquoted fields`);
        continue;
      }
      id = cells[header.id];
      const v = (cells[header.defaulted] as string).toLowerCase();
      flag = TRUE.has(v) ? true : FALSE.has(v) ? false : v;
    } else {
      try {
        const value = JSON.parse(text) as Record<string, unknown>;
        id = value?.id;
        flag = value?.defaulted;
      } catch {
        bad(line, 'not valid JSON');
        continue;
      }
    }
    if (typeof id !== 'string' || id === '') bad(line, '"id" must be a non-empty string');
    else if (typeof flag !== 'boolean') bad(line, '"defaulted" must be true or false');
    else if (out.has(id)) bad(line, `id "${id.slice(0, 64)}" appears more than once`);
    else out.set(id, flag);
  }
  if (issues.length > 0) throw new ValidationError('outcomes', issues);
  return out;
}
