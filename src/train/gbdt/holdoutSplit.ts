import { refuseArguments, typeIssue, typeNameOf } from '../../errors/argumentIssues.js';
import { ValidationError } from '../../errors/validationError.js';
import { MAX_SEED, SEED_RANGE_TEXT } from './gbdtParams.js';
import { heldOutRows, holdoutSizeIssue } from './holdoutSize.js';
import { createPrng, permutation } from './prng.js';

/** Training and validation row indices, each ascending. */
export interface HoldoutSplit {
  readonly trainRows: Uint32Array;
  readonly validRows: Uint32Array;
}

/** The most rows a split indexes: row indices are Uint32. */
const MAX_ROWS = 2 ** 32 - 1;

/**
 * Seeded split of rows `0..nRows-1`: `fraction` of them, rounded to the nearest row, go to
 * validation. No fraction means every row trains. The split draws from its own stream of `seed`,
 * so changing subsampling settings never moves the holdout.
 *
 * @throws ValidationError (subject `holdoutSplit`) naming `nRows`, `fraction` or `seed` (0 to 2^32-1) out of range,
 *   or `fraction` (`holdout_too_small`, with the counts) when it holds out no row or leaves fewer than 2 to train on
 */
export function holdoutSplit(nRows: number, fraction: number | undefined, seed: number): HoldoutSplit {
  refuseArguments('holdoutSplit', [
    Number.isSafeInteger(nRows) && nRows >= 0 && nRows <= MAX_ROWS
      ? undefined
      : {
          path: ['nRows'],
          code: 'out_of_range',
          message: `nRows must be a whole number of rows from 0 to ${MAX_ROWS} (row indices are 32-bit)`,
          received: typeNameOf(nRows),
        },
    fraction === undefined || (typeof fraction === 'number' && fraction >= 0 && fraction <= 1)
      ? undefined
      : { path: ['fraction'], code: 'out_of_range', message: 'fraction must be a share in [0, 1], or left out for none', received: typeNameOf(fraction) },
    typeIssue(['seed'], seed, 'integer', SEED_RANGE_TEXT) ??
      (seed >= 0 && seed <= MAX_SEED ? undefined : { path: ['seed'], code: 'out_of_range', message: `seed must be ${SEED_RANGE_TEXT}`, received: 'number' }),
  ]);
  if (fraction === undefined) return { trainRows: Uint32Array.from({ length: nRows }, (_, i) => i), validRows: new Uint32Array(0) };
  const nValid = heldOutRows(nRows, fraction);
  // Clamped to fit, 0.99 of 100 rows held out 98 and 0.5 of 2 none, without a word.
  const tooSmall = holdoutSizeIssue('fraction', fraction, nRows, nValid);
  if (tooSmall !== undefined) throw new ValidationError('holdoutSplit', [tooSmall]);
  const perm = permutation(nRows, createPrng((seed ^ 0x5bd1e995) >>> 0));
  return { validRows: perm.slice(0, nValid).sort(), trainRows: perm.slice(nValid).sort() };
}
