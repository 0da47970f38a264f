import { deepFreeze } from '../../common/deepFreeze.js';
import { refuseArguments, typeIssue, typeNameOf } from '../../errors/argumentIssues.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import { paddedCellText } from '../../csv/paddedCellText.js';
/** How a CSV column enters the model. */
export type ColumnKind = 'numeric' | 'categorical';

// Plain decimal or scientific notation only: "0x10", "Infinity" or "1_000" are not numbers in a CSV.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Cell texts that mean "missing" unless the caller says otherwise: what R, pandas, spreadsheets
 * and SQL exports write for a missing value. An empty cell is always missing.
 */
export const DEFAULT_NA_TOKENS: readonly string[] = deepFreeze(['NA', 'NaN', 'null', 'N/A']);

/**
 * The set of missing-value tokens, compared case-insensitively after trimming (`na`, `NULL` and
 * `n/a` are as missing as `NA`), with the empty cell always included.
 *
 * @throws ValidationError (subject `missingTokenSet`) naming `tokens` when they are not strings
 */
export function missingTokenSet(tokens: readonly string[] = DEFAULT_NA_TOKENS): ReadonlySet<string> {
  refuseArguments('missingTokenSet', [typeIssue(['tokens'], tokens, 'strings', 'an array of missing-value tokens (strings)')]);
  return tokenSet(tokens);
}

/** {@link missingTokenSet} of tokens the trainer read from its own options (checked there). */
export function tokenSet(tokens: readonly string[]): ReadonlySet<string> {
  return new Set(['', ...tokens.map((t) => t.trim().toLowerCase())]);
}

const DEFAULT_MISSING = tokenSet(DEFAULT_NA_TOKENS);

/**
 * True when the cell is a missing value under `missing` (default: {@link DEFAULT_NA_TOKENS} and empty),
 * read without the spaces and tabs around it: `" NA\t"` is missing, `"\u3000"` and `"NA\u00a0"` are not
 * (the trainer refuses a cell padded so, `invalid_cell_padding`).
 *
 * @throws ValidationError (subject `isMissingCell`) naming `cell` when it is not text, `missing` when it is not a Set
 */
export function isMissingCell(cell: string, missing: ReadonlySet<string> = DEFAULT_MISSING): boolean {
  refuseArguments('isMissingCell', cellIssues(cell, missing));
  return missingCell(cell, missing);
}

/** {@link isMissingCell} of a cell the CSV reader gave (unchecked: once per cell). */
export function missingCell(cell: string, missing: ReadonlySet<string>): boolean {
  const t = cellText(cell);
  return t !== undefined && (t === '' || missing.has(t.toLowerCase()));
}

/**
 * A cell's text without the spaces and tabs around it, as `score` reads a cell (see paddedCellText);
 * undefined when other whitespace pads it (NBSP, U+3000, a BOM): no value, for the trainer refuses it.
 */
function cellText(cell: string): string | undefined {
  const padded = paddedCellText(cell, undefined, 'value');
  return padded.ok ? padded.text : undefined;
}

/**
 * Parses a numeric cell: NaN for a missing cell (empty or a missing-value token), undefined when
 * the text is not a number. Spaces and tabs around it are read off (`" 1\t"` is 1); any other
 * whitespace is no number (`"1\u00a0"`: the trainer refuses such a cell, `invalid_cell_padding`).
 *
 * @throws ValidationError (subject `parseNumericCell`) naming `cell` when it is not text, `missing` when it is not a Set
 */
export function parseNumericCell(cell: string, missing: ReadonlySet<string> = DEFAULT_MISSING): number | undefined {
  refuseArguments('parseNumericCell', cellIssues(cell, missing));
  return numericCell(cell, missing);
}

/** {@link parseNumericCell} of a cell the CSV reader gave (unchecked: once per cell). */
export function numericCell(cell: string, missing: ReadonlySet<string>): number | undefined {
  const t = cellText(cell);
  if (t === undefined) return undefined;
  if (t === '' || missing.has(t.toLowerCase())) return Number.NaN;
  return NUMBER.test(t) ? Number(t) : undefined;
}

/**
 * A column is numeric when every non-missing cell is a decimal number, otherwise categorical.
 * An all-missing column counts as numeric (all missing).
 *
 * @throws ValidationError (subject `inferColumnKind`) naming `cells` when they are not an iterable
 *   of text (each cell is checked as it is read), `missing` when it is not a Set
 */
export function inferColumnKind(cells: Iterable<string>, missing: ReadonlySet<string> = DEFAULT_MISSING): ColumnKind {
  const iterable = typeof cells === 'object' && cells !== null && typeof (cells as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
  refuseArguments('inferColumnKind', [
    iterable
      ? undefined
      : { path: ['cells'], code: 'invalid_type', message: 'cells must be an iterable of text (an array of strings)', received: typeNameOf(cells) },
    missingIssue(missing),
  ]);
  let i = 0;
  for (const c of cells) {
    refuseArguments('inferColumnKind', [typeIssue(['cells', i++], c, 'string', 'text')]);
    if (numericCell(c, missing) === undefined) return 'categorical';
  }
  return 'numeric';
}

/** {@link inferColumnKind} of cells the CSV reader gave (unchecked). */
export function columnKindOf(cells: Iterable<string>, missing: ReadonlySet<string>): ColumnKind {
  for (const c of cells) if (numericCell(c, missing) === undefined) return 'categorical';
  return 'numeric';
}

function cellIssues(cell: unknown, missing: unknown): (ValidationIssue | undefined)[] {
  return [typeIssue(['cell'], cell, 'string', 'the text of a cell'), missingIssue(missing)];
}

function missingIssue(missing: unknown): ValidationIssue | undefined {
  if (missing instanceof Set && [...missing].every((t) => typeof t === 'string')) return undefined;
  return {
    path: ['missing'],
    code: 'invalid_type',
    message: 'missing must be a Set of missing-value tokens (see missingTokenSet)',
    expected: 'Set',
    received: typeNameOf(missing),
  };
}
