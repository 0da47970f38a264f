/** Five-number summary plus the 10th/90th percentiles and mean of a sample. */
export interface Distribution {
  readonly n: number;
  readonly min: number;
  readonly p10: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * Summarises a sample (sorted in place). Percentiles interpolate linearly between order
 * statistics, so they are exact order statistics for the min, max and, with an odd n, the median.
 * Undefined for an empty sample.
 */
export function distribution(sample: number[] | Float64Array): Distribution | undefined {
  const n = sample.length;
  if (n === 0) return undefined;
  const xs = sample instanceof Float64Array ? sample.sort() : Float64Array.from(sample).sort();
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = xs[lo] as number;
    const b = xs[Math.min(n - 1, lo + 1)] as number;
    return a + (h - lo) * (b - a);
  };
  let sum = 0;
  for (const x of xs) sum += x;
  return { n, min: xs[0] as number, p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9), max: xs[n - 1] as number, mean: sum / n };
}
