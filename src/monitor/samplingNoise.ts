/**
 * Whether a figure's shift is more than sampling noise, so a monitor does not call noise drift.
 *
 * Why: the bands' cut-offs (0.10, 0.25) are the industry's for large books. On a small one the
 * index is mostly noise: 50 applicants drawn from the baseline's own population put 5 to 10
 * figures in the "act" band on every one of ten draws (exit 4, paging someone), and 11 put 25 to
 * 30 there. A figure is therefore flagged only when its counts also fail Pearson's goodness-of-fit
 * test against the baseline's shares, with the run's false-alarm chance split over its figures
 * (Bonferroni), so a run on an undrifted book raises a flag about one time in a hundred.
 *
 * Pearson's X^2 rather than the index itself: n x PSI follows the same chi-square law only for
 * large counts; with 12 records expected per decile its 99.99th percentile was 19% above the law's
 * (sampled, 40,000 books), where X^2 stayed within 6%. The law needs enough records in every cell,
 * so bins expecting fewer than {@link MIN_EXPECTED_PER_BIN} are pooled, smallest first, as a
 * chi-square test is usually run: a rare category (1.4% of the baseline) then joins others
 * instead of keeping the whole figure unjudged until 850 records (40% of 600 applicants moved into
 * one industry went unflagged that way). A record in a bin the baseline never filled is a change
 * no sampling explains, at any book size, except beyond the range of the reference sample (the bins
 * below a numeric baseline's minimum and above its maximum): a fresh draw exceeds the largest of n
 * reference values with chance at most 1/(n + 1), whatever the law (exchangeability), so up to the
 * count that chance reaches (Poisson tail, the same false-alarm split) is sampling.
 */

import { z } from 'zod';
import { refuseArguments, schemaIssues } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';

/** Chance that a run on a book with no drift flags any figure at all. */
export const RUN_FALSE_ALARM = 0.01;

/** Records each cell of the test must expect: smaller bins are pooled until they do. */
export const MIN_EXPECTED_PER_BIN = 12;

/** What sampling alone explains of one figure's counts. */
export interface SamplingNoise {
  /**
   * Pearson's chi-square of the counts against the baseline's shares, over the bins the baseline
   * fills (those expecting fewer than MIN_EXPECTED_PER_BIN records pooled); null when not judged.
   */
  readonly chiSquare: number | null;
  /**
   * The chi-square that books of this size drawn from the baseline itself exceed with chance
   * RUN_FALSE_ALARM / figures; null when not judged.
   */
  readonly critical: number | null;
  /**
   * Records in bins the baseline never filled (beyond noise, but for those `outsideExplained` allows
   * beyond the reference range).
   */
  readonly outsideBaseline: number;
  /**
   * How many records beyond the reference sample's range sampling alone puts there (with chance
   * above the run's false-alarm share), at most those counted; 0 when no range was given. The figure
   * is beyond noise when `outsideBaseline` exceeds it.
   */
  readonly outsideExplained?: number;
  /** Records the figure needs before it is judged (two cells expecting MIN_EXPECTED_PER_BIN each). */
  readonly judgedFrom: number;
}

const SamplingNoiseShape = z.object({
  chiSquare: z.number().nonnegative().nullable(),
  critical: z.number().nonnegative().nullable(),
  outsideBaseline: z.number().int().nonnegative(),
  outsideExplained: z.number().int().nonnegative().optional(),
  judgedFrom: z.number().int().nonnegative(),
});

/**
 * The bins beyond a reference sample's range (below its minimum, above its maximum; the baseline's
 * share 0 in each) and the sample's size: each is reached by a fresh draw with chance at most 1/(reference + 1).
 */
export interface ReferenceRange {
  readonly bins: readonly number[];
  readonly reference: number;
}

const ReferenceRangeShape = z.strictObject({ bins: z.array(z.number().int().nonnegative()), reference: z.number().int().positive() });

/** Shares are non-negative numbers, counts as many non-negative whole numbers, figures a whole number from 1 (checked: a public function). */
function noiseArgumentIssues(shares: unknown, counts: unknown, figures: unknown, range: unknown): ValidationIssue[] {
  const issues = [
    ...schemaIssues(['shares'], shares, z.array(z.number().nonnegative().finite())),
    ...schemaIssues(['counts'], counts, z.array(z.number().int().nonnegative())),
    ...schemaIssues(['figures'], figures, z.number().int().positive()),
    ...(range === undefined ? [] : schemaIssues(['range'], range, ReferenceRangeShape)),
  ];
  if (issues.length === 0 && (counts as unknown[]).length !== (shares as unknown[]).length) {
    issues.push({
      path: ['counts'],
      code: 'invalid_value',
      message: `counts must have one count per share (${(shares as unknown[]).length}), not ${(counts as unknown[]).length}`,
    });
  }
  return issues;
}

/**
 * The cells of the test for `records` records: the filled bins' indexes, sorted by share, pooled
 * from the smallest until each cell expects MIN_EXPECTED_PER_BIN records (a remainder joins the
 * last cell).
 */
function cellsOf(order: readonly number[], shares: readonly number[], records: number): number[][] {
  const cells: number[][] = [];
  let pool: number[] = [];
  let pooled = 0;
  for (const k of order) {
    pool.push(k);
    pooled += shares[k] as number;
    if (pooled * records >= MIN_EXPECTED_PER_BIN) {
      cells.push(pool);
      pool = [];
      pooled = 0;
    }
  }
  if (pool.length > 0) {
    if (cells.length === 0) cells.push(pool);
    else (cells[cells.length - 1] as number[]).push(...pool);
  }
  return cells;
}

/** The fewest records for which the filled bins make two cells (found by halving: more records never make fewer cells). */
function fewestJudged(order: readonly number[], shares: readonly number[]): number {
  if (order.length < 2) return 1;
  let low = 1;
  let high = 2;
  while (cellsOf(order, shares, high).length < 2) high *= 2;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (cellsOf(order, shares, mid).length >= 2) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Pearson's test of a figure's `counts` against its baseline `shares`, one of `figures` figures
 * judged in the same run; with `range`, records in its bins (beyond the reference sample's range)
 * are beyond noise only past the count sampling reaches.
 */
export function samplingNoise(shares: readonly number[], counts: readonly number[], figures: number, range?: ReferenceRange): SamplingNoise {
  refuseArguments('samplingNoise', noiseArgumentIssues(shares, counts, figures, range));
  return pearsonNoise(shares, counts, figures, range);
}

/** {@link samplingNoise} for the monitor's own figures, whose arrays it built (one zod check per figure and period saved). */
export function pearsonNoise(shares: readonly number[], counts: readonly number[], figures: number, range?: ReferenceRange): SamplingNoise {
  const base = pearsonCore(shares, counts, figures);
  if (range === undefined) return base;
  let beyond = 0;
  let bins = 0;
  for (const k of range.bins)
    if (shares[k] === 0) {
      bins++;
      beyond += counts[k] ?? 0;
    }
  if (beyond === 0) return { ...base, outsideExplained: 0 };
  let records = 0;
  for (const c of counts) records += c;
  const explained = poissonQuantile((records * bins) / (range.reference + 1), RUN_FALSE_ALARM / Math.max(1, figures));
  return { ...base, outsideExplained: Math.min(beyond, explained) };
}

/**
 * The fewest events k a Poisson law of mean `mean` exceeds with chance at most `alpha` (P(X > k) <= alpha):
 * above the binomial's for the same mean and small chance, so it errs towards fewer flags. Summed in
 * log space (a mean above 745 underflows e^-mean).
 */
function poissonQuantile(mean: number, alpha: number): number {
  if (mean <= 0) return 0;
  let logPmf = -mean;
  let cdf = 0;
  for (let k = 0; ; k++) {
    cdf += Math.exp(logPmf);
    if (1 - cdf <= alpha || k > mean + 50 * Math.sqrt(mean) + 50) return k;
    logPmf += Math.log(mean) - Math.log(k + 1);
  }
}

function pearsonCore(shares: readonly number[], counts: readonly number[], figures: number): SamplingNoise {
  let records = 0;
  for (const c of counts) records += c;
  let outsideBaseline = 0;
  const filled: number[] = [];
  shares.forEach((s, k) => {
    if (s > 0) filled.push(k);
    else outsideBaseline += counts[k] ?? 0;
  });
  // Smallest share first; ties by bin, so the cells do not depend on the sort's stability.
  const order = filled.sort((a, b) => (shares[a] as number) - (shares[b] as number) || a - b);
  const judgedFrom = fewestJudged(order, shares);
  // One filled bin: a book without drift puts every record in it, so nothing in it is noise.
  if (order.length === 1 && records > 0) return { chiSquare: 0, critical: 0, outsideBaseline, judgedFrom };
  const cells = records === 0 || order.length === 0 ? [] : cellsOf(order, shares, records);
  if (cells.length < 2) return { chiSquare: null, critical: null, outsideBaseline, judgedFrom };
  let chiSquare = 0;
  for (const cell of cells) {
    let share = 0;
    let observed = 0;
    for (const k of cell) {
      share += shares[k] as number;
      observed += counts[k] ?? 0;
    }
    const expected = records * share;
    chiSquare += ((observed - expected) * (observed - expected)) / expected;
  }
  return { chiSquare, critical: chiSquareQuantile(1 - RUN_FALSE_ALARM / Math.max(1, figures), cells.length - 1), outsideBaseline, judgedFrom };
}

/** True when sampling alone does not explain the counts: records outside the baseline (past those `outsideExplained` allows), or X^2 beyond its critical value. */
export function beyondSamplingNoise(noise: SamplingNoise): boolean {
  refuseArguments('beyondSamplingNoise', [schemaIssues(['noise'], noise, SamplingNoiseShape)]);
  return isBeyondNoise(noise);
}

/** {@link beyondSamplingNoise} for a noise the monitor computed itself. */
export function isBeyondNoise(noise: SamplingNoise): boolean {
  if (noise.outsideBaseline > (noise.outsideExplained ?? 0)) return true;
  return noise.chiSquare !== null && noise.critical !== null && noise.chiSquare > noise.critical;
}

/**
 * The p-quantile of the chi-square law with `df` degrees of freedom: exact for 1 and 2, the
 * Wilson-Hilferty cube-root approximation above (within about 1% in the upper tail from 3 on, and
 * above the exact value there, so the noise level errs towards fewer flags).
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df >= 1)) throw new RangeError(`chi-square quantile needs 0 < p < 1 and df >= 1 (p ${p}, df ${df})`);
  if (df === 1) {
    const z = normalQuantile((1 + p) / 2);
    return z * z;
  }
  if (df === 2) return -2 * Math.log(1 - p);
  const h = 2 / (9 * df);
  const c = 1 - h + normalQuantile(p) * Math.sqrt(h);
  return df * c * c * c;
}

// Coefficients of Acklam's rational approximation to the normal quantile (relative error below
// 1.2e-9 over (0, 1)), more than enough for a noise level.
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** The p-quantile of the standard normal law, 0 < p < 1. */
export function normalQuantile(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** A figure in the watch or act band that was not flagged, as a monitor summary lists it. */
interface UnflaggedFigure {
  readonly name: string;
  readonly index: number;
  readonly records: number;
  readonly noise: SamplingNoise;
}

/**
 * The monitor's warning about figures in the watch or act band that were not flagged (none: undefined),
 * naming the first few with what they lacked.
 */
export function samplingNoiseWarning(unflagged: readonly UnflaggedFigure[]): string | undefined {
  if (unflagged.length === 0) return undefined;
  const shown = unflagged
    .slice(0, 5)
    .map((f) =>
      f.noise.critical === null
        ? `${f.name} ${f.index.toFixed(3)}: ${f.records} record(s), judged from ${f.noise.judgedFrom}`
        : `${f.name} ${f.index.toFixed(3)}: chi-square ${(f.noise.chiSquare as number).toFixed(1)}, sampling alone reaches ${f.noise.critical.toFixed(1)}`,
    );
  const more = unflagged.length > shown.length ? `, and ${unflagged.length - shown.length} more` : '';
  return `${unflagged.length} figure(s) in the watch or act band are not flagged, as a book this size cannot tell their shift from sampling noise (${shown.join('; ')}${more}): see withinNoise`;
}
