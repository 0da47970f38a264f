import { terminalText } from '../../text/terminalText.js';
import { visibleSpelling } from '../../text/categoryKey.js';
import type { UnseenCategoryCounts } from './tabularEncoding.js';

/** Most values one warning names. */
const NAMED = 5;

/**
 * One `unseen_categories` warning line per categorical column holding values its coding does not list
 * (read as missing): how many rows, and the commonest values with their counts, as the scorer's
 * `unseenCategories` names them. `unlisted` says whose coding and what became of the rows: `predict`'s
 * "the model never saw, scored as missing", `model import --background`'s "the spec does not list, read as missing".
 */
export function unseenCategoryWarnings(unseen: UnseenCategoryCounts, nRows: number, unlisted: string): string[] {
  return [...unseen].map(([column, counts]) => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const named = [...counts]
      .sort(([, a], [, b]) => b - a)
      .slice(0, NAMED)
      .map(([value, n]) => `"${visibleSpelling(value)}" (${n} row${n === 1 ? '' : 's'})`);
    const more = counts.size > NAMED ? ` and ${counts.size - NAMED} more` : '';
    const line = `warning (unseen_categories): "${column}": ${total} of ${nRows} rows hold a category ${unlisted}: ${named.join(', ')}${more}`;
    return `${terminalText(line)}\n`;
  });
}
