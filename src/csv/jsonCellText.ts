import { paddedCellText, type PaddedCellText } from './paddedCellText.js';

/**
 * A CSV cell holding JSON, its padding read off: the JSON `text`, and whether spaces or tabs were
 * read off it (`trimmed`, counted as `cells_trimmed`); or the issue refusing padding that is neither.
 */
export type JsonCellText = PaddedCellText;

/**
 * Reads the padding off a CSV cell holding JSON (`controls`, `limitHistory`, `prior`, a JSON
 * `attributes`), as {@link paddedCellText} reads it off a number: spaces and tabs are read off and
 * said; NBSP, U+3000, a BOM, U+2028 or a line end is refused, naming the column and each code point
 * (JSON's own whitespace between tokens is spaces, tabs and line ends, and a line end ends an NDJSON line).
 *
 * @param column the cell's column header, named in the refusal (when given)
 * @example jsonCellText(' {} ', 'controls') // { ok: true, text: '{}', trimmed: true }
 * @example jsonCellText('{}\u3000', 'controls') // { ok: false, issue: { code: 'invalid_cell_padding', ... U+3000 ... } }
 */
export function jsonCellText(cell: string, column?: string): JsonCellText {
  return paddedCellText(cell, column, 'JSON');
}
