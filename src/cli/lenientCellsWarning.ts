import { lenientCellMessage, type LenientCellCount } from '../csv/lenientCells.js';
import { terminalText } from '../text/terminalText.js';

/**
 * The warning lines of a CSV book's lenient readings, one per column and reading, as `train` writes
 * its own (`warning (cells_trimmed): "income.monthlyNet": 2 cells have surrounding whitespace, read
 * without it (first on line 3)`); '' when there were none. Column names are input: escaped.
 *
 * @param counts what a `LenientCellTally` counted
 */
export function lenientCellsWarning(counts: readonly LenientCellCount[]): string {
  return counts.map((c) => `warning (${c.code}): ${terminalText(lenientCellMessage(c))}\n`).join('');
}
