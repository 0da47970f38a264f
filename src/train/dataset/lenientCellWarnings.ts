import { hasLeadingZeros, lenientCellMessage } from '../../csv/lenientCells.js';
import { paddedCellText } from '../../csv/paddedCellText.js';
import { categoryKey } from '../../text/categoryKey.js';
import type { ColumnKind } from './columnKind.js';
import { missingCell, numericCell } from './columnKind.js';
import { lineOfRow, type CsvTable } from './parseCsv.js';
import type { TrainingWarning } from './trainingWarning.js';

/**
 * The lenient readings of one feature column the README documents, counted so none is silent:
 * `cells_trimmed` for cells read without the spaces and tabs around them (a number, a missing-value token,
 * a whitespace-only cell read as missing; a category's own spellings are said by the spelling warning),
 * `numbers_with_leading_zeros` for numbers written like codes. Each names the count and the first line,
 * never a cell's value (a feature may be personal data).
 */
export function lenientCellWarnings(table: CsvTable, j: number, name: string, kind: ColumnKind, missing: ReadonlySet<string>): TrainingWarning[] {
  let trimmed = 0;
  let blank = 0;
  let firstTrimmed = 0;
  let numbers = 0;
  let zeros = 0;
  let firstZeros = 0;
  table.rows.forEach((r, i) => {
    const cell = r[j]!;
    const read = paddedCellText(cell, name, 'value');
    // Other padding is refused before warnings are gathered (featureCellPaddingIssues): nothing read to count.
    if (!read.ok) return;
    const { text: t, trimmed: wasPadded } = read;
    const padded = wasPadded && (kind === 'numeric' || missingCell(categoryKey(cell), missing));
    if (padded) {
      if (trimmed++ === 0) firstTrimmed = lineOfRow(table, i);
      if (t === '') blank++;
    }
    if (kind !== 'numeric' || missingCell(cell, missing)) return;
    numbers++;
    if (hasLeadingZeros(t) && numericCell(cell, missing) !== undefined && zeros++ === 0) firstZeros = lineOfRow(table, i);
  });
  const out: TrainingWarning[] = [];
  if (trimmed > 0)
    out.push({
      code: 'cells_trimmed',
      column: name,
      message: `${lenientCellMessage({ code: 'cells_trimmed', column: name, count: trimmed, firstLine: firstTrimmed }, table.rows.length)}${
        blank > 0 ? `; ${blank} of them hold${blank === 1 ? 's' : ''} nothing else and ${blank === 1 ? 'is' : 'are'} read as missing` : ''
      }`,
    });
  if (zeros > 0)
    out.push({
      code: 'numbers_with_leading_zeros',
      column: name,
      message: `${lenientCellMessage({ code: 'numbers_with_leading_zeros', column: name, count: zeros, firstLine: firstZeros }, numbers)}; a code? read it as categories with --categorical ${name}`,
    });
  return out;
}
