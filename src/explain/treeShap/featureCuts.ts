/**
 * Split decisions as integer comparisons. Every split in sign-test form (see `signSplit.ts`) asks
 * "x <= cut"; collecting each feature's distinct cuts in ascending order c_0 < c_1 < ..., and
 * giving a value its *bin*, the number of the feature's cuts strictly below it, turns that
 * question into "bin <= i" for the split whose cut is c_i (x <= c_i exactly when no cut from c_i
 * up lies below x). A row's bins are found once per feature; after that every split on the
 * feature is an integer subtraction and a sign bit, with no branch and no float in sight.
 *
 * A missing value must go the split's own way. It takes bin 0 (below every cut: "x <= cut" holds)
 * or bin k (above all k cuts: it fails), so each feature has two bin columns, NaN low and NaN
 * high, and each split reads the one that sends NaN where it should.
 */

/** Each feature's distinct sign-test cuts, ascending; see the file comment. */
export interface FeatureCuts {
  /** Per feature `f`, its cuts are `cuts[start[f] .. start[f + 1]]`; `nFeatures + 1` entries. */
  readonly start: Int32Array;
  readonly cuts: Float64Array;
}

/** A split as a bin comparison: which bin column it reads and the index of its cut. */
export interface BinSplit {
  /** `2 * feature + 1` when a missing value must fail "x <= cut", else `2 * feature`. */
  readonly column: number;
  /** Index of the split's cut among its feature's cuts. */
  readonly cutIndex: number;
}

/** Collects the distinct cuts of `splits` (features and sign-test cuts, both finite-cut kinds only) per feature. */
export function featureCuts(nFeatures: number, splits: readonly { readonly feature: number; readonly cut: number }[]): FeatureCuts {
  const perFeature = Array.from({ length: nFeatures }, () => new Set<number>());
  for (const s of splits) perFeature[s.feature]?.add(s.cut);
  const start = new Int32Array(nFeatures + 1);
  const all: number[] = [];
  perFeature.forEach((set, f) => {
    start[f] = all.length;
    all.push(...[...set].sort((a, b) => a - b));
  });
  start[nFeatures] = all.length;
  return { start, cuts: Float64Array.from(all) };
}

/**
 * The bin comparison for split "x <= cut" on `feature` (negated when `negated` is 1), NaN going
 * true when `nanTrue` is 1. The cut must be one `featureCuts` collected.
 */
export function binSplit(cuts: FeatureCuts, feature: number, cut: number, negated: number, nanTrue: number): BinSplit {
  const cutIndex = binOf(cuts, feature, cut);
  if (cuts.cuts[(cuts.start[feature] as number) + cutIndex] !== cut) throw new Error(`internal: cut ${cut} of feature ${feature} was not collected`);
  // "x <= cut" must hold for a missing value exactly when the split sends it true and is not negated.
  const nanHigh = (nanTrue ^ negated) === 1 ? 0 : 1;
  return { column: 2 * feature + nanHigh, cutIndex };
}

/**
 * The bin of float32 value `x` (not NaN) on `feature`: how many of its cuts lie strictly below
 * `x`. Binary search, O(log cuts).
 */
export function binOf(cuts: FeatureCuts, feature: number, x: number): number {
  const from = cuts.start[feature] as number;
  let lo = from;
  let hi = cuts.start[feature + 1] as number;
  const c = cuts.cuts;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((c[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}
