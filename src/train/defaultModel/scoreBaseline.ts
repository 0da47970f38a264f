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

/** Builds the decile baseline of a score sample. */
export function scoreBaseline(scores: ArrayLike<number>): ScoreBaseline {
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
