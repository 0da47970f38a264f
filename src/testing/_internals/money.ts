import fc from 'fast-check';

/** Fen per yuan (RMB). */
export const FEN_PER_RMB = 100;

/** Whole-RMB amounts in [minRmb, maxRmb], as integer fen. Shrinks towards `minRmb`. */
export function rmbAsFen(minRmb: number, maxRmb: number): fc.Arbitrary<number> {
  return fc.integer({ min: minRmb, max: maxRmb }).map((rmb) => rmb * FEN_PER_RMB);
}

/** Any integer fen in [min, max] (not only whole RMB), for amounts that arrive to the fen. */
export function fenBetween(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min, max });
}
