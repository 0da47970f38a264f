/**
 * The lenient readings of a CSV number or boolean cell, which `train` and the CSV book readers
 * (`score`, `simulate`, `monitor --applicants`) both make and both count so none is silent:
 * `cells_trimmed`, a cell read without the spaces and tabs around it (any other whitespace refuses it,
 * see paddedCellText), and `numbers_with_leading_zeros`,
 * a number written like a code (`007` read as 7). The book readers count a JSON cell (`controls`,
 * `limitHistory`, `prior`) read without the spaces and tabs around it as `cells_trimmed` too.
 */
export type LenientCellCode = 'cells_trimmed' | 'numbers_with_leading_zeros';

// A number whose integer part starts with a zero and goes on (`007`, `-00.5`): how codes are written.
const LEADING_ZEROS = /^[+-]?0\d/;

/** Whether a number (already trimmed) is written with leading zeros, like a code: `007`, `-00.5`; not `0` or `0.5`. */
export function hasLeadingZeros(number: string): boolean {
  return LEADING_ZEROS.test(number);
}

/** How many cells of one column were read one lenient way, and the line of the first. */
export interface LenientCellCount {
  readonly code: LenientCellCode;
  readonly column: string;
  readonly count: number;
  readonly firstLine: number;
}

/** The lenient readings of a CSV book's cells, counted per column and reading as the rows are read. */
export interface LenientCellTally {
  /** Counts one cell of `column` on `line` read the `code` way. */
  add(column: string, code: LenientCellCode, line: number): void;
  /** Every count, in the order first met. */
  counts(): readonly LenientCellCount[];
}

/** An empty {@link LenientCellTally}. */
export function createLenientCellTally(): LenientCellTally {
  const counts = new Map<string, { code: LenientCellCode; column: string; count: number; firstLine: number }>();
  return {
    add(column, code, line) {
      const key = `${code}\u0000${column}`;
      const c = counts.get(key);
      if (c === undefined) counts.set(key, { code, column, count: 1, firstLine: line });
      else c.count++;
    },
    counts: () => [...counts.values()].map((c) => ({ ...c })),
  };
}

/**
 * What a reading says of one column, in `train`'s words: `"income.monthlyNet": 2 cells have
 * surrounding whitespace, read without it (first on line 3)`. `of`, when given, is what the count is
 * out of (train: the column's cells or numbers). Never a cell's value: a cell may be personal data.
 */
export function lenientCellMessage(c: LenientCellCount, of?: number): string {
  const n = of === undefined ? `${c.count}` : `${c.count} of ${of}`;
  const one = of === undefined && c.count === 1;
  return c.code === 'cells_trimmed'
    ? `"${c.column}": ${n} ${one ? 'cell has' : 'cells have'} surrounding whitespace, read without it (first on line ${c.firstLine})`
    : `"${c.column}": ${n} ${one ? 'number is' : 'numbers are'} written with leading zeros (first on line ${c.firstLine}), read as ${one ? 'a number' : 'numbers'} ("007" is 7)`;
}
