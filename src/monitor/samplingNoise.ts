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
 * (sampled, 40,000 books), where X^2 stayed within 6%. The law needs enough records in every bin:
 * below {@link MIN_EXPECTED_PER_BIN} expected in the baseline's smallest filled bin a figure is not
 * judged. A record in a bin the baseline never filled is a change no sampling explains.
 */

/** Chance that a run on a book with no drift flags any figure at all. */
export const RUN_FALSE_ALARM = 0.01;

/** Records the baseline's smallest filled bin must expect before a figure is judged. */
export const MIN_EXPECTED_PER_BIN = 12;

/** What sampling alone explains of one figure's counts. */
export interface SamplingNoise {
  /** Pearson's chi-square of the counts against the baseline's shares, over the bins the baseline fills; null when not judged. */
  readonly chiSquare: number | null;
  /**
   * The chi-square that books of this size drawn from the baseline itself exceed with chance
   * RUN_FALSE_ALARM / figures; null when not judged.
   */
  readonly critical: number | null;
  /** Records in bins the baseline never filled (no sampling puts them there). */
  readonly outsideBaseline: number;
  /** Records the figure needs before it is judged. */
  readonly judgedFrom: number;
}

/**
 * Pearson's test of a figure's `counts` against its baseline `shares`, one of `figures` figures
 * judged in the same run.
 */
export function samplingNoise(shares: readonly number[], counts: readonly number[], figures: number): SamplingNoise {
  let records = 0;
  for (const c of counts) records += c;
  let filled = 0;
  let smallest = 1;
  let outsideBaseline = 0;
  shares.forEach((s, k) => {
    if (s > 0) {
      filled++;
      if (s < smallest) smallest = s;
    } else outsideBaseline += counts[k] ?? 0;
  });
  const judgedFrom = Math.ceil(MIN_EXPECTED_PER_BIN / smallest);
  if (records < judgedFrom || records === 0) return { chiSquare: null, critical: null, outsideBaseline, judgedFrom };
  let chiSquare = 0;
  shares.forEach((s, k) => {
    if (s <= 0) return;
    const expected = records * s;
    const d = (counts[k] ?? 0) - expected;
    chiSquare += (d * d) / expected;
  });
  // One filled bin: a book without drift puts every record in it, so nothing is noise.
  const critical = filled <= 1 ? 0 : chiSquareQuantile(1 - RUN_FALSE_ALARM / Math.max(1, figures), filled - 1);
  return { chiSquare, critical, outsideBaseline, judgedFrom };
}

/** True when sampling alone does not explain the counts: records outside the baseline, or X^2 beyond its critical value. */
export function beyondSamplingNoise(noise: SamplingNoise): boolean {
  if (noise.outsideBaseline > 0 && noise.chiSquare !== null) return true;
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
