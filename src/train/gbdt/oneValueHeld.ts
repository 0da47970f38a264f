/**
 * The one value every one of `nRows` cells holds (NaN when every cell is missing), or undefined when
 * the cells tell rows apart: a different value, or a missing cell beside a present one (one value with
 * some missing cells still splits the rows by the missing ones). The fact behind
 * `column_without_signal`, which trainGbdt (by feature index) and `train` (by column name and
 * category text) each word in their own terms; undefined for no rows.
 */
export function oneValueHeld(nRows: number, valueAt: (row: number) => number): number | undefined {
  if (nRows === 0) return undefined;
  const first = valueAt(0);
  for (let i = 1; i < nRows; i++) {
    const v = valueAt(i);
    if (Number.isNaN(v) !== Number.isNaN(first) || (!Number.isNaN(v) && v !== first)) return undefined;
  }
  return first;
}
