import type { ValidationIssue } from '../../errors/validationError.js';

/** Rows the trainer needs to grow a tree on: one row has no split and no spread to learn from. */
export const MIN_TRAINING_ROWS = 2;

/** Rows a holdout needs to measure anything. */
export const MIN_HOLDOUT_ROWS = 1;

/** The rows a holdout share of `nRows` holds out: the share, rounded to the nearest row. */
export function heldOutRows(nRows: number, fraction: number): number {
  return Math.round(fraction * nRows);
}

/**
 * Why a holdout of `held` of `nRows` rows cannot be drawn (fewer than {@link MIN_TRAINING_ROWS}
 * left to train on, or fewer than {@link MIN_HOLDOUT_ROWS} held out), naming the option as the
 * caller takes it, its value and both counts; undefined when the split can be drawn. A split used to
 * be clamped to fit without a word (0.99 of 100 rows held out 98, 0.5 of 2 held out none).
 *
 * @param option the option's name as the caller takes it (`fraction`, `validationFraction`)
 * @param unit what a row is (`rows`, `applicants`)
 * @example holdoutSizeIssue('fraction', 0.99, 100, 99) // { path: ['fraction'], code: 'holdout_too_small', message: 'fraction 0.99 holds out 99 of 100 rows and leaves 1 to train on: ...' }
 */
export function holdoutSizeIssue(option: string, fraction: number, nRows: number, held: number, unit = 'rows'): ValidationIssue | undefined {
  if (held >= MIN_HOLDOUT_ROWS && nRows - held >= MIN_TRAINING_ROWS) return undefined;
  const most = nRows - MIN_TRAINING_ROWS;
  return {
    path: [option],
    code: 'holdout_too_small',
    message: `${option} ${fraction} holds out ${held} of ${nRows} ${unit} and leaves ${nRows - held} to train on: the trainer needs at least ${MIN_TRAINING_ROWS} ${unit} to train on and ${MIN_HOLDOUT_ROWS} to hold out (${
      most >= MIN_HOLDOUT_ROWS ? `of ${nRows} ${unit}, a share holding out ${MIN_HOLDOUT_ROWS} to ${most}` : `${nRows} ${unit} cannot be split`
    })`,
  };
}
