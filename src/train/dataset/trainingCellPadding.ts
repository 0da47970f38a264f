import type { ValidationIssue } from '../../errors/validationError.js';
import { paddedCellText, type PaddedCellText } from '../../csv/paddedCellText.js';
import { lineOfRow, type CsvTable } from './parseCsv.js';

/**
 * Cell `i` of `column` read by the one padding rule `score` reads cells by (see paddedCellText): its text
 * without the spaces and tabs around it, or, when other whitespace pads it (NBSP, U+3000, a BOM, U+2028,
 * a line end), the issue refusing it at `rows.<i>.<column>`, its message naming the file's line, the
 * column and each code point.
 *
 * @param content what the cell holds, as the message names it: `value` (a feature), `outcome` (the target)
 */
export function trainingCellText(table: CsvTable, i: number, column: string, cell: string, content: string): PaddedCellText {
  const padded = paddedCellText(cell, column, content);
  if (padded.ok) return padded;
  return { ok: false, issue: { ...padded.issue, path: ['rows', i, column], message: `Line ${lineOfRow(table, i)}: ${padded.issue.message}` } };
}

// Cells at fault one refusal lists (the rest are counted): a hundred show the pattern.
const LISTED_CELLS = 100;

/**
 * Every feature cell of `columns` whose padding {@link trainingCellText} refuses, row by row,
 * the first hundred listed and the rest counted (`too_many_issues`). Read before a column's kind is
 * chosen: `"650000\u00a0"` would make a numeric column categorical, and `"A\u00a0"` would be merged
 * with `A` by the category reading.
 */
export function featureCellPaddingIssues(table: CsvTable, columns: readonly { readonly name: string; readonly j: number }[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let atFault = 0;
  table.rows.forEach((r, i) => {
    for (const { name, j } of columns) {
      const read = trainingCellText(table, i, name, r[j]!, 'value');
      if (!read.ok && atFault++ < LISTED_CELLS) issues.push(read.issue);
    }
  });
  if (atFault > LISTED_CELLS)
    issues.push({ path: ['rows'], code: 'too_many_issues', message: `${atFault - LISTED_CELLS} more cells at fault; the first ${LISTED_CELLS} are listed` });
  return issues;
}
