import { refuseArguments, typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';

/** Stability bands: under 0.10 stable, 0.10 to 0.25 watch, above 0.25 act (the industry's usual cut-offs). */
export type StabilityBand = 'stable' | 'watch' | 'act';

/** Upper edge of the stable band (exclusive). */
export const WATCH_FROM = 0.1;
/** Upper edge of the watch band (inclusive); above it, act. */
export const ACT_ABOVE = 0.25;

/**
 * Share given to an empty bin on either side, so a bin the sample never reaches (or the baseline
 * never held) counts as a large but finite shift instead of an infinite one.
 */
export const EMPTY_BIN_SHARE = 1e-4;

/**
 * How far baseline shares may sum from 1 (rounding: a baseline file holds them to 8 significant
 * digits). Further off, they are not shares of one population, and the index would be a figure of nothing.
 */
export const SHARE_SUM_TOLERANCE = 1e-6;

/** The band a stability index falls in. */
export function stabilityBand(index: number): StabilityBand {
  if (index < WATCH_FROM) return 'stable';
  return index <= ACT_ABOVE ? 'watch' : 'act';
}

/**
 * Population stability index of a sample against a baseline: the sum over bins of
 * (actual - expected) x ln(actual / expected), on shares. Symmetric in the two and 0 only when
 * the shares agree; empty bins take {@link EMPTY_BIN_SHARE}.
 *
 * @param expected baseline shares per bin (summing to 1)
 * @param actualCounts the sample's counts in the same bins
 * @returns the index, or null when the sample is empty
 * @throws ValidationError (subject `populationStabilityIndex`) naming `expected` when it is not an
 *   array of shares in [0, 1] summing to 1 (within {@link SHARE_SUM_TOLERANCE}), `actualCounts` when
 *   it is not an array of counts (whole numbers >= 0), one per share (as `samplingNoise` refuses it)
 * @example
 * populationStabilityIndex([0.5, 0.5], [50, 50]); // 0
 */
export function populationStabilityIndex(expected: readonly number[], actualCounts: readonly number[]): number | null {
  refuseArguments('populationStabilityIndex', [
    Array.isArray(expected) && expected.every((e) => typeof e === 'number' && e >= 0 && e <= 1)
      ? undefined
      : {
          path: ['expected'],
          code: 'invalid_type',
          message: 'expected must be an array of baseline shares in [0, 1]',
          expected: 'number[]',
          received: typeNameOf(expected),
        },
    Array.isArray(actualCounts) && actualCounts.every((c) => Number.isSafeInteger(c) && c >= 0)
      ? undefined
      : {
          path: ['actualCounts'],
          code: 'invalid_type',
          message: 'actualCounts must be an array of counts (whole numbers >= 0)',
          expected: 'number[]',
          received: typeNameOf(actualCounts),
        },
  ]);
  refuseArguments('populationStabilityIndex', shapeIssues(expected, actualCounts));
  const n = actualCounts.reduce((s, c) => s + c, 0);
  if (n === 0) return null;
  let psi = 0;
  expected.forEach((e0, i) => {
    const e = Math.max(e0, EMPTY_BIN_SHARE);
    const a = Math.max((actualCounts[i] ?? 0) / n, EMPTY_BIN_SHARE);
    psi += (a - e) * Math.log(a / e);
  });
  return psi;
}

/**
 * Counts of another length than the shares (a count beyond the last bin entered the sample size but
 * matched no bin: 2.18 for [50, 50, 1000] on [0.5, 0.5]), and shares not summing to 1.
 */
function shapeIssues(expected: readonly number[], actualCounts: readonly number[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const sum = expected.reduce((s, e) => s + e, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE)
    issues.push({ path: ['expected'], code: 'invalid_value', message: `expected shares must sum to 1 (within ${SHARE_SUM_TOLERANCE}), got ${sum}` });
  if (actualCounts.length !== expected.length)
    issues.push({
      path: ['actualCounts'],
      code: 'invalid_value',
      message: `actualCounts must have one count per share (${expected.length}), not ${actualCounts.length}`,
    });
  return issues;
}
