/** Order statistics of a set of timings, in nanoseconds. */
export interface SampleSummary {
  readonly count: number;
  readonly medianNs: number;
  readonly p99Ns: number;
  readonly meanNs: number;
  readonly minNs: number;
}

/** The q-quantile (0..1) of ascending `sorted`, nearest rank, so it is always a value that was observed. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median, p99, mean and minimum of `samples` (which it sorts in place). */
export function summarizeSamples(samples: Float64Array): SampleSummary {
  samples.sort();
  let sum = 0;
  for (const s of samples) sum += s;
  return {
    count: samples.length,
    medianNs: quantile(samples, 0.5),
    p99Ns: quantile(samples, 0.99),
    meanNs: sum / samples.length,
    minNs: samples[0] ?? Number.NaN,
  };
}
