import { createPrng, permutation } from './prng.js';

/** Training and validation row indices, each ascending. */
export interface HoldoutSplit {
  readonly trainRows: Uint32Array;
  readonly validRows: Uint32Array;
}

/**
 * Seeded split of rows `0..nRows-1`: `fraction` of them (at least one, leaving at least two for
 * training) go to validation. No fraction means every row trains. The split draws from its own
 * stream of `seed`, so changing subsampling settings never moves the holdout.
 */
export function holdoutSplit(nRows: number, fraction: number | undefined, seed: number): HoldoutSplit {
  if (fraction === undefined) return { trainRows: Uint32Array.from({ length: nRows }, (_, i) => i), validRows: new Uint32Array(0) };
  const perm = permutation(nRows, createPrng((seed ^ 0x5bd1e995) >>> 0));
  const nValid = Math.max(0, Math.min(nRows - 2, Math.max(1, Math.round(fraction * nRows))));
  return { validRows: perm.slice(0, nValid).sort(), trainRows: perm.slice(nValid).sort() };
}
