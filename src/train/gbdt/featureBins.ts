/**
 * Quantile binning, done once before boosting. Each feature gets ascending float32 cut points;
 * a value's bin is the number of cuts at or below it, so "bin <= b" is exactly "x < cuts[b]" in
 * float32. That identity is why a split found on bins partitions served rows the same way.
 */

/** Cut points and binned values of a training matrix. */
export interface BinnedMatrix {
  readonly nRows: number;
  readonly nFeatures: number;
  /** Per feature, ascending float32 thresholds; feature j has `cuts[j].length + 1` value bins. */
  readonly cuts: readonly Float32Array[];
  /** Bin index shared by every feature for NaN; one past the largest value bin. */
  readonly missingBin: number;
  /** Row-major bin indices, `nRows * nFeatures`. Row-major because histograms are built row by row. */
  readonly bins: Uint16Array;
}

/** A float32 threshold `t` with `a < t <= b` in float32, as close to the midpoint as float32 allows. */
export function thresholdBetween(a: number, b: number): number {
  const t = Math.fround((a + b) / 2);
  // Adjacent float32 values can round the midpoint down onto `a`; `b` itself still separates them.
  return a < t && t <= b ? t : Math.fround(b);
}

/**
 * Cut points for one float32 column: every boundary between distinct values when there are at
 * most `maxBins` of them, otherwise boundaries at weighted quantiles.
 */
export function computeCuts(column: Float32Array, weights: Float64Array, maxBins: number): Float32Array {
  const { values, mass, total } = weightedDistinct(column, weights);
  const cuts: number[] = [];
  if (values.length <= maxBins) {
    for (let k = 0; k + 1 < values.length; k++) cuts.push(thresholdBetween(values[k]!, values[k + 1]!));
  } else {
    // Walk the distinct values once, cutting after the value whose cumulative weight first
    // reaches each quantile target; a heavy value spanning several targets yields one cut.
    let cumulative = 0;
    let next = 1;
    for (let k = 0; k + 1 < values.length && next < maxBins; k++) {
      cumulative += mass[k]!;
      if (cumulative >= (next * total) / maxBins) {
        cuts.push(thresholdBetween(values[k]!, values[k + 1]!));
        while (next < maxBins && cumulative >= (next * total) / maxBins) next++;
      }
    }
  }
  return Float32Array.from(cuts);
}

/** Distinct non-NaN values of a column, ascending, with the weight each carries. */
function weightedDistinct(column: Float32Array, weights: Float64Array): { values: number[]; mass: number[]; total: number } {
  const values: number[] = [];
  const mass: number[] = [];
  let total = 0;
  let unit = true;
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 1) unit = false;
  if (unit) {
    // Unweighted data (the usual case) sorts natively, several times faster than an index sort.
    const sorted = column.filter((v) => !Number.isNaN(v)).sort();
    for (let i = 0; i < sorted.length; i++) {
      const v = sorted[i]!;
      if (values.length > 0 && values[values.length - 1] === v) mass[mass.length - 1]! += 1;
      else {
        values.push(v);
        mass.push(1);
      }
    }
    return { values, mass, total: sorted.length };
  }
  const order: number[] = [];
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i]!)) order.push(i);
  order.sort((i, j) => column[i]! - column[j]! || i - j);
  for (const i of order) {
    const v = column[i]!;
    const w = weights[i]!;
    total += w;
    if (values.length > 0 && values[values.length - 1] === v) mass[mass.length - 1]! += w;
    else {
      values.push(v);
      mass.push(w);
    }
  }
  return { values, mass, total };
}

/** Bin of `x` under `cuts`: the number of cuts `<= x` (binary search); NaN gets `missingBin`. */
export function binOf(x: number, cuts: Float32Array, missingBin: number): number {
  if (Number.isNaN(x)) return missingBin;
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bins float32 columns with the given cuts (from training), row-major. */
export function binColumns(columns: readonly Float32Array[], nRows: number, cuts: readonly Float32Array[], missingBin: number): Uint16Array {
  const p = columns.length;
  const bins = new Uint16Array(nRows * p);
  for (let j = 0; j < p; j++) {
    const col = columns[j]!;
    const c = cuts[j]!;
    for (let i = 0; i < nRows; i++) bins[i * p + j] = binOf(col[i]!, c, missingBin);
  }
  return bins;
}

/** Computes cuts on training columns and bins them. */
export function binTrainingColumns(columns: readonly Float32Array[], weights: Float64Array, maxBins: number): BinnedMatrix {
  const cuts = columns.map((c) => computeCuts(c, weights, maxBins));
  const missingBin = cuts.reduce((m, c) => Math.max(m, c.length + 1), 1);
  const nRows = weights.length;
  return { nRows, nFeatures: columns.length, cuts, missingBin, bins: binColumns(columns, nRows, cuts, missingBin) };
}
