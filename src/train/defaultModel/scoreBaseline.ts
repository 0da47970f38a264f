import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';

/**
 * The holdout score distribution kept with the model: decile edges and the share of scores in
 * each. A production service compares its live scores against it (PSI) to see drift.
 */
export interface ScoreBaseline {
  /** Upper edges of bins 1..9 (bin 10 is open-ended). */
  readonly edges: readonly number[];
  /** Share of holdout scores in each of the 10 bins. */
  readonly shares: readonly number[];
  readonly count: number;
}

/**
 * Builds the decile baseline of a score sample.
 *
 * @throws ValidationError (subject `scoreBaseline`) naming `scores` when they are not numbers, or none, or NaN
 */
export function scoreBaseline(scores: ArrayLike<number>): ScoreBaseline {
  refuseArguments('scoreBaseline', [
    typeIssue(['scores'], scores, 'numbers', 'an array (or typed array) of scores'),
    isNumbers(scores) && (scores.length === 0 || Array.prototype.some.call(scores, Number.isNaN))
      ? { path: ['scores'], code: 'data_invalid', message: 'scores must hold at least one score, none NaN' }
      : undefined,
  ]);
  const sorted = Float64Array.from(scores).sort();
  const n = sorted.length;
  const edges: number[] = [];
  for (let k = 1; k < 10; k++) edges.push(sorted[Math.min(n - 1, Math.floor((k * n) / 10))] as number);
  const counts = new Array<number>(10).fill(0);
  for (const s of sorted) {
    let b = 0;
    while (b < 9 && s >= (edges[b] as number)) b++;
    counts[b] = (counts[b] as number) + 1;
  }
  return { edges, shares: counts.map((c) => c / n), count: n };
}

function isNumbers(v: unknown): v is ArrayLike<number> {
  return typeIssue([], v, 'numbers', '') === undefined;
}
