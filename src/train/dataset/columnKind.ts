/** How a CSV column enters the model. */
export type ColumnKind = 'numeric' | 'categorical';

// Plain decimal or scientific notation only: "0x10", "Infinity" or "1_000" are not numbers in a CSV.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a numeric cell: NaN for an empty (missing) cell, undefined when the text is not a number. */
export function parseNumericCell(cell: string): number | undefined {
  const t = cell.trim();
  if (t === '') return Number.NaN;
  return NUMBER.test(t) ? Number(t) : undefined;
}

/**
 * A column is numeric when every non-empty cell is a decimal number, otherwise categorical.
 * An all-empty column counts as numeric (all missing).
 */
export function inferColumnKind(cells: Iterable<string>): ColumnKind {
  for (const c of cells) if (parseNumericCell(c) === undefined) return 'categorical';
  return 'numeric';
}
