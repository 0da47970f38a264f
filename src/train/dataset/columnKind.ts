import { deepFreeze } from '../../common/deepFreeze.js';
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
 */
export function missingTokenSet(tokens: readonly string[] = DEFAULT_NA_TOKENS): ReadonlySet<string> {
  return new Set(['', ...tokens.map((t) => t.trim().toLowerCase())]);
}

const DEFAULT_MISSING = missingTokenSet();

/** True when the cell is a missing value under `missing` (default: {@link DEFAULT_NA_TOKENS} and empty). */
export function isMissingCell(cell: string, missing: ReadonlySet<string> = DEFAULT_MISSING): boolean {
  const t = cell.trim();
  return t === '' || missing.has(t.toLowerCase());
}

/**
 * Parses a numeric cell: NaN for a missing cell (empty or a missing-value token), undefined when
 * the text is not a number.
 */
export function parseNumericCell(cell: string, missing: ReadonlySet<string> = DEFAULT_MISSING): number | undefined {
  if (isMissingCell(cell, missing)) return Number.NaN;
  const t = cell.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

/**
 * A column is numeric when every non-missing cell is a decimal number, otherwise categorical.
 * An all-missing column counts as numeric (all missing).
 */
export function inferColumnKind(cells: Iterable<string>, missing: ReadonlySet<string> = DEFAULT_MISSING): ColumnKind {
  for (const c of cells) if (parseNumericCell(c, missing) === undefined) return 'categorical';
  return 'numeric';
}
