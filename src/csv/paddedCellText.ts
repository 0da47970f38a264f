import type { ValidationIssue } from '../errors/validationError.js';
import { codePointLabel } from '../text/codePointLabel.js';

/**
 * A CSV cell's content with its padding read off: the `text`, and whether spaces or tabs were read off
 * it (`trimmed`, counted as `cells_trimmed`); or the issue refusing padding that is neither.
 */
export type PaddedCellText = { readonly ok: true; readonly text: string; readonly trimmed: boolean } | { readonly ok: false; readonly issue: ValidationIssue };

const SPACE_OR_TAB = /[ \t]/g;

/**
 * Reads the padding off a CSV cell whose content is a number, a boolean or JSON (`score`), or any cell
 * `train`, `predict` and `featurize` read (a feature's value, a target's outcome). Spaces and tabs,
 * what a writer pads a cell with, are read off and said. Any other whitespace around the content
 * (NBSP, the ideographic space U+3000, a BOM, U+2028, a line end) is refused, naming the column and
 * each code point: JavaScript's trim would take it without a word, and no NDJSON line could carry
 * it around a value. The issue's path is empty: the caller places it.
 *
 * @param column the cell's column header, named in the refusal (when given)
 * @param content what the cell holds, as the refusal names it: `JSON`, `number`, `boolean`, `value`, `outcome`
 * @example paddedCellText(' 650000\t', 'income.monthlyNet', 'number') // { ok: true, text: '650000', trimmed: true }
 * @example paddedCellText('650000\u3000', 'income.monthlyNet', 'number') // { ok: false, issue: { code: 'invalid_cell_padding', ... U+3000 ... } }
 */
export function paddedCellText(cell: string, column: string | undefined, content: string): PaddedCellText {
  // Most cells start and end with a visible ASCII character: nothing to read off, and the trainer asks
  // this of every cell of a training set (millions), so they skip the slicing and the Set below.
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  if (cell.length === 0 || (first > 32 && first < 127 && last > 32 && last < 127)) return { ok: true, text: cell, trimmed: false };
  // The padding is what JavaScript's trim takes (spaces, tabs, line ends, NBSP, U+3000, a BOM...),
  // found by trimStart and trimEnd: native and linear, where /\s*$/ tried every whitespace run inside
  // the cell to its end (40,000 spaces between two tokens: 1.1 s; a line may hold 4 MiB).
  const lead = cell.slice(0, cell.length - cell.trimStart().length);
  // A cell of whitespace alone is all lead; its trail would count it twice.
  const trail = lead.length === cell.length ? '' : cell.slice(cell.trimEnd().length);
  const odd = [...new Set((lead + trail).replace(SPACE_OR_TAB, ''))];
  if (odd.length > 0)
    return {
      ok: false,
      issue: {
        path: [],
        code: 'invalid_cell_padding',
        message: `the ${column === undefined ? content : `"${column}"`} cell is padded with ${odd.map(codePointLabel).join(', ')} around its ${content}: only spaces and tabs are read off a cell (and counted); remove the rest`,
      },
    };
  return { ok: true, text: cell.slice(lead.length, cell.length - trail.length), trimmed: lead.length + trail.length > 0 };
}
