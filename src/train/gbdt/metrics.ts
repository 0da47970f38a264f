/**
 * Scorecard metrics for binary outcomes: discrimination (AUC, KS), accuracy of probabilities
 * (Brier, log-loss, calibration by decile) and stability between two score samples (PSI).
 * Labels are 1 for the positive (bad) outcome, 0 otherwise. Pure functions; nothing is mutated.
 */
import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { CreditliftError } from '../../errors/index.js';

/** Refuses arguments that are not arrays (or typed arrays) of numbers, naming each, before any is read. */
function checkSamples(what: string, samples: readonly (readonly [string, unknown, boolean?])[]): void {
  refuseArguments(
    what,
    samples.map(([name, v, optional]) => typeIssue([name], v, 'numbers', 'an array (or typed array) of numbers', optional)),
  );
}

/** Checks lengths and labels; returns the weights to use (all 1 when none given). */
function prepare(labels: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number> | undefined, what: string): ArrayLike<number> {
  checkSamples(what, [
    ['labels', labels],
    [what === 'auc' || what === 'ks' ? 'scores' : 'probabilities', scores],
    ['weights', weights, true],
  ]);
  if (labels.length !== scores.length) throw new CreditliftError('data_invalid', `${what}: ${labels.length} labels but ${scores.length} scores`);
  if (labels.length === 0) throw new CreditliftError('data_invalid', `${what}: no rows`);
  if (weights !== undefined && weights.length !== labels.length)
    throw new CreditliftError('data_invalid', `${what}: ${weights.length} weights for ${labels.length} rows`);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new CreditliftError('data_invalid', `${what}: label at row ${i} is not 0 or 1`);
    if (Number.isNaN(scores[i]!)) throw new CreditliftError('data_invalid', `${what}: score at row ${i} is NaN`);
    if (weights !== undefined && !(weights[i]! >= 0)) throw new CreditliftError('data_invalid', `${what}: weight at row ${i} is negative or NaN`);
  }
  return weights ?? new Float64Array(labels.length).fill(1);
}

/** Row indices sorted by ascending score (ties by index, for determinism). */
function ascending(scores: ArrayLike<number>): Uint32Array {
  const idx = Uint32Array.from({ length: scores.length }, (_, i) => i);
  return idx.sort((a, b) => scores[a]! - scores[b]! || a - b);
}

/**
 * Walks tie groups of equal score in ascending order, handing each group's positive and negative
 * weight to `visit`. Metrics that depend only on the ordering (AUC, KS) are built on it.
 */
function forEachTieGroup(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  w: ArrayLike<number>,
  visit: (pos: number, neg: number) => void,
): { pos: number; neg: number } {
  const order = ascending(scores);
  let totalPos = 0;
  let totalNeg = 0;
  let i = 0;
  while (i < order.length) {
    let pos = 0;
    let neg = 0;
    const s = scores[order[i]!]!;
    while (i < order.length && scores[order[i]!] === s) {
      const r = order[i]!;
      if (labels[r] === 1) pos += w[r]!;
      else neg += w[r]!;
      i++;
    }
    totalPos += pos;
    totalNeg += neg;
    visit(pos, neg);
  }
  return { pos: totalPos, neg: totalNeg };
}

/**
 * Area under the ROC curve: the chance a random positive scores above a random negative, ties
 * counting one half. Throws `data_invalid` unless both classes are present.
 *
 * @example auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>): number {
  const w = prepare(labels, scores, weights, 'auc');
  let negBelow = 0;
  let area = 0;
  const totals = forEachTieGroup(labels, scores, w, (pos, neg) => {
    area += pos * (negBelow + neg / 2);
    negBelow += neg;
  });
  if (!(totals.pos > 0 && totals.neg > 0)) throw new CreditliftError('data_invalid', 'auc: needs both positive and negative rows');
  return area / (totals.pos * totals.neg);
}

/**
 * Kolmogorov-Smirnov statistic: the largest gap between the score distributions of positives
 * and negatives, in [0, 1]. Throws `data_invalid` unless both classes are present.
 */
export function ks(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: ArrayLike<number>): number {
  const w = prepare(labels, scores, weights, 'ks');
  // Cumulative weights per group first, because the CDFs need the class totals.
  const steps: number[] = [];
  const totals = forEachTieGroup(labels, scores, w, (pos, neg) => steps.push(pos, neg));
  if (!(totals.pos > 0 && totals.neg > 0)) throw new CreditliftError('data_invalid', 'ks: needs both positive and negative rows');
  let cp = 0;
  let cn = 0;
  let best = 0;
  for (let k = 0; k < steps.length; k += 2) {
    cp += steps[k]!;
    cn += steps[k + 1]!;
    best = Math.max(best, Math.abs(cp / totals.pos - cn / totals.neg));
  }
  return best;
}

/** Weighted mean squared error of probabilities against 0/1 outcomes. */
export function brier(labels: ArrayLike<number>, probabilities: ArrayLike<number>, weights?: ArrayLike<number>): number {
  const w = prepare(labels, probabilities, weights, 'brier');
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < labels.length; i++) {
    const d = probabilities[i]! - labels[i]!;
    sum += w[i]! * d * d;
    sw += w[i]!;
  }
  return sum / sw;
}

/** Probabilities are clamped to [eps, 1 - eps] so one confident miss gives a large, finite loss. */
const LOG_LOSS_EPS = 1e-15;

/** Weighted mean negative log-likelihood of 0/1 outcomes under the given probabilities. */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, weights?: ArrayLike<number>): number {
  const w = prepare(labels, probabilities, weights, 'logLoss');
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, probabilities[i]!));
    sum -= w[i]! * (labels[i] === 1 ? Math.log(p) : Math.log(1 - p));
    sw += w[i]!;
  }
  return sum / sw;
}

/** One row of a calibration table. */
export interface CalibrationBin {
  /** 1-based group, lowest predictions first. */
  readonly bin: number;
  readonly count: number;
  readonly minPredicted: number;
  readonly maxPredicted: number;
  readonly meanPredicted: number;
  /** Share of positives observed in the group. */
  readonly observedRate: number;
}

/**
 * Calibration table: rows sorted by predicted probability, cut into `groups` groups of (nearly)
 * equal count, comparing mean prediction with the observed positive rate. Deciles by default.
 */
export function calibrationTable(labels: ArrayLike<number>, probabilities: ArrayLike<number>, groups = 10): CalibrationBin[] {
  prepare(labels, probabilities, undefined, 'calibrationTable');
  if (!Number.isInteger(groups) || groups < 1) throw new CreditliftError('data_invalid', 'calibrationTable: groups must be a positive integer');
  const order = ascending(probabilities);
  const n = order.length;
  const out: CalibrationBin[] = [];
  for (let g = 0; g < groups; g++) {
    const start = Math.floor((g * n) / groups);
    const end = Math.floor(((g + 1) * n) / groups);
    if (end <= start) continue;
    let sp = 0;
    let sy = 0;
    for (let k = start; k < end; k++) {
      sp += probabilities[order[k]!]!;
      sy += labels[order[k]!]!;
    }
    const count = end - start;
    out.push({
      bin: g + 1,
      count,
      minPredicted: probabilities[order[start]!]!,
      maxPredicted: probabilities[order[end - 1]!]!,
      meanPredicted: sp / count,
      observedRate: sy / count,
    });
  }
  return out;
}

/** Shares below this are floored, the usual convention that keeps PSI finite for an empty bin. */
const PSI_FLOOR = 1e-4;

/**
 * Population stability index of `actual` against `expected` scores: bins at the quantiles of
 * `expected` (deciles by default), then sum of (a - e) * ln(a / e) over bins. 0 means identical;
 * above 0.25 is commonly read as a major shift.
 */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>, bins = 10): number {
  checkSamples('psi', [
    ['expected', expected],
    ['actual', actual],
  ]);
  if (expected.length === 0 || actual.length === 0) throw new CreditliftError('data_invalid', 'psi: both samples need at least one score');
  if (!Number.isInteger(bins) || bins < 2) throw new CreditliftError('data_invalid', 'psi: bins must be an integer >= 2');
  for (const [name, sample] of [
    ['expected', expected],
    ['actual', actual],
  ] as const) {
    // Infinity too: binned into the top decile, it was a score no model gives, measured as one.
    for (let i = 0; i < sample.length; i++)
      if (!Number.isFinite(sample[i]!)) throw new CreditliftError('data_invalid', `psi: ${name} score at row ${i} is not a finite number (${sample[i]})`);
  }
  const sorted = Float64Array.from(expected).sort();
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = sorted[Math.floor((k * sorted.length) / bins)]!;
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  const shares = (sample: ArrayLike<number>): Float64Array => {
    const counts = new Float64Array(edges.length + 1);
    for (let i = 0; i < sample.length; i++) {
      // Bin k holds edges[k-1] <= x < edges[k].
      let lo = 0;
      let hi = edges.length;
      const x = sample[i]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (edges[mid]! <= x) lo = mid + 1;
        else hi = mid;
      }
      counts[lo]! += 1;
    }
    return counts.map((c) => Math.max(PSI_FLOOR, c / sample.length));
  };
  const e = shares(expected);
  const a = shares(actual);
  let total = 0;
  for (let k = 0; k < e.length; k++) total += (a[k]! - e[k]!) * Math.log(a[k]! / e[k]!);
  return total;
}
