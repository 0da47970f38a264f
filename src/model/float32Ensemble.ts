import { NodeMode, type PostTransform, type TreeEnsemble } from './treeEnsemble.js';

/**
 * A tree ensemble laid out for the float32 JS evaluator: every tree's nodes in one set of typed
 * arrays (children as absolute indices), so one row's walk over all trees touches a few
 * contiguous arrays and allocates nothing. Values are float32 because onnxruntime holds the
 * thresholds, leaf weights and base value of a float model as float32 and sums in float32.
 */
export interface Float32Ensemble {
  /** Input columns per row. */
  readonly nFeatures: number;
  /** Index of each tree's root, in the order onnxruntime sums the trees. */
  readonly roots: Int32Array;
  /** Column tested at each node (-1 at leaves). */
  readonly feature: Int32Array;
  /** Split threshold, float32 as onnxruntime compares it. */
  readonly threshold: Float32Array;
  /**
   * Comparison of each node, reduced to {@link Comparison}: BRANCH_GTE, BRANCH_GT and BRANCH_NEQ
   * are the negations of BRANCH_LT, BRANCH_LEQ and BRANCH_EQ for every non-NaN value, so they are
   * stored as those with their children swapped; NaN never reaches the comparison (see `nanChild`).
   */
  readonly comparison: Uint8Array;
  /** Absolute index of the child taken when the (reduced) comparison holds. */
  readonly trueChild: Int32Array;
  /** Absolute index of the child taken otherwise. */
  readonly falseChild: Int32Array;
  /**
   * Absolute index of the child a NaN takes: the true child where the node tracks missing values
   * there or the mode is BRANCH_NEQ (NaN != t holds), the false child otherwise, as onnxruntime
   * routes it.
   */
  readonly nanChild: Int32Array;
  /** Leaf weight (float32); 0 at internal nodes. */
  readonly leafValue: Float32Array;
  /** Base value (float32), added after the trees as onnxruntime does. */
  readonly baseValue: number;
  readonly postTransform: PostTransform;
}

/** Reduced comparison per {@link NodeMode} code (LEQ, LT, GTE, GT, EQ, NEQ). */
const REDUCED = [0, 1, 1, 0, 2, 2];

/** The three comparisons every split mode reduces to (for non-NaN values). */
export const Comparison = { LEQ: 0, LT: 1, EQ: 2 } as const;

/** {@link flattenFloat32Ensemble}'s answer: the layout, or why the ensemble has none. */
export type Float32EnsembleResult = { readonly ok: true; readonly ensemble: Float32Ensemble } | { readonly ok: false; readonly reason: string };

/**
 * Lays `ensemble` out as a {@link Float32Ensemble}. Refuses (with the reason, never by rounding
 * quietly) an ensemble whose leaf values or base value are not float32 numbers: onnxruntime would
 * then be summing other numbers than the IR holds, and no float32 evaluator could match it.
 *
 * @example
 * const flat = flattenFloat32Ensemble(model.ensemble); if (flat.ok) evaluateFloat32(flat.ensemble, rows, n, out, []);
 */
export function flattenFloat32Ensemble(ensemble: TreeEnsemble): Float32EnsembleResult {
  if (Math.fround(ensemble.baseValue) !== ensemble.baseValue) return { ok: false, reason: `the base value ${ensemble.baseValue} is not a float32 number` };
  let total = 0;
  for (const tree of ensemble.trees) total += tree.feature.length;
  const flat = {
    nFeatures: ensemble.nFeatures,
    roots: new Int32Array(ensemble.trees.length),
    feature: new Int32Array(total),
    threshold: new Float32Array(total),
    comparison: new Uint8Array(total),
    trueChild: new Int32Array(total),
    falseChild: new Int32Array(total),
    nanChild: new Int32Array(total),
    leafValue: new Float32Array(total),
    baseValue: ensemble.baseValue,
    postTransform: ensemble.postTransform,
  };
  let offset = 0;
  for (let t = 0; t < ensemble.trees.length; t++) {
    const tree = ensemble.trees[t] as TreeEnsemble['trees'][number];
    const n = tree.feature.length;
    flat.roots[t] = offset;
    for (let i = 0; i < n; i++) {
      const at = offset + i;
      const mode = tree.mode[i] as number;
      if (mode > NodeMode.LEAF) return { ok: false, reason: `tree ${t} node ${i} has unknown mode ${mode}` };
      if (mode === NodeMode.LEAF) {
        const value = tree.leafValue[i] as number;
        if (Math.fround(value) !== value) return { ok: false, reason: `tree ${t} leaf ${i} has value ${value}, not a float32 number` };
        flat.feature[at] = -1;
        flat.leafValue[at] = value;
        continue;
      }
      const tc = tree.trueChild[i] as number;
      const fc = tree.falseChild[i] as number;
      // Children after their parent (the decoder's pre-order) rule out cycles in the walk.
      if (tc <= i || tc >= n || fc <= i || fc >= n) return { ok: false, reason: `tree ${t} node ${i} has children outside (${i}, ${n})` };
      const negated = mode === NodeMode.BRANCH_GTE || mode === NodeMode.BRANCH_GT || mode === NodeMode.BRANCH_NEQ;
      flat.feature[at] = tree.feature[i] as number;
      flat.threshold[at] = tree.threshold[i] as number;
      flat.comparison[at] = REDUCED[mode] as number;
      flat.trueChild[at] = offset + (negated ? fc : tc);
      flat.falseChild[at] = offset + (negated ? tc : fc);
      flat.nanChild[at] = offset + (tree.missingTracksTrue[i] === 1 || mode === NodeMode.BRANCH_NEQ ? tc : fc);
    }
    offset += n;
  }
  return { ok: true, ensemble: flat };
}
