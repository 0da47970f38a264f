import type { CompiledTree, CompiledTreeShap } from './compileTreeShap.js';

/**
 * Reusable per-row working memory for {@link treeShapRow}. One per explainer (not shared across
 * concurrent callers): reusing it keeps explaining a row free of allocation.
 */
export interface TreeShapScratch {
  /** Path polynomial of every node, at each quadrature point. */
  readonly poly: Float64Array;
  /** Leaf-value-weighted sum of the path polynomials below every node. */
  readonly below: Float64Array;
  /** Whether the row keeps the edge's feature hot (1) after the edge. */
  readonly hot: Uint8Array;
  /** Edge state (0 hot-hot, 1 hot-cold, 2 cold-cold). */
  readonly state: Uint8Array;
}

/** Allocates scratch sized for every tree of `compiled`. */
export function createTreeShapScratch(compiled: CompiledTreeShap): TreeShapScratch {
  return {
    poly: new Float64Array(compiled.maxNodeQuad),
    below: new Float64Array(compiled.maxNodeQuad),
    hot: new Uint8Array(compiled.maxNodes),
    state: new Uint8Array(compiled.maxNodes),
  };
}

/**
 * Exact path-dependent TreeSHAP contributions of one row, written to
 * `out[outOffset .. outOffset + nFeatures]` (one per feature, then the bias), in margin space.
 * They sum to the model's margin for the row.
 *
 * The row is `row[rowOffset .. rowOffset + nFeatures)`; values are rounded to float32 and NaN
 * means missing, as in the runtime. Cost per row: O(nodes x q) per tree, with q =
 * ceil(depth / 2) Gauss points (Linear TreeSHAP, Yu et al. 2022, in a quadrature basis), against
 * O(leaves x depth^2) for the classic algorithm. No allocation.
 */
export function treeShapRow(
  compiled: CompiledTreeShap,
  scratch: TreeShapScratch,
  row: ArrayLike<number>,
  rowOffset: number,
  out: Float64Array,
  outOffset: number,
): void {
  const nF = compiled.nFeatures;
  out.fill(0, outOffset, outOffset + nF);
  out[outOffset + nF] = compiled.expectedValue;
  const trees = compiled.trees;
  for (let t = 0; t < trees.length; t++) accumulateTree(trees[t] as CompiledTree, scratch, row, rowOffset, out, outOffset);
}

function accumulateTree(
  tree: CompiledTree,
  scratch: TreeShapScratch,
  row: ArrayLike<number>,
  rowOffset: number,
  out: Float64Array,
  outOffset: number,
): void {
  const { n, q, feature, threshold, mode, missingTracksTrue, trueChild, falseChild, leafValue, prevEdge, ratio, kernelStep } = tree;
  const { poly, below, hot, state } = scratch;
  if (n === 1) return;
  for (let k = 0; k < q; k++) poly[k] = 1;

  // Forward sweep (preorder: a parent's polynomial is ready before its children's).
  for (let p = 0; p < n; p++) {
    const f = feature[p] as number;
    if (f < 0) continue;
    const x = Math.fround(row[rowOffset + f] as number);
    const thr = threshold[p] as number;
    let toTrue: boolean;
    if (x !== x) toTrue = missingTracksTrue[p] === 1 || mode[p] === 5; // NaN != t holds at BRANCH_NEQ
    else {
      switch (mode[p]) {
        case 0: toTrue = x <= thr; break;
        case 1: toTrue = x < thr; break;
        case 2: toTrue = x >= thr; break;
        case 3: toTrue = x > thr; break;
        case 4: toTrue = x === thr; break;
        default: toTrue = x !== thr; break;
      }
    }
    const pBase = p * q;
    for (let side = 0; side < 2; side++) {
      const c = (side === 0 ? trueChild[p] : falseChild[p]) as number;
      const pe = prevEdge[c] as number;
      const hotBefore = pe < 0 ? 1 : (hot[pe] as number);
      const hotAfter = hotBefore === 1 && toTrue === (side === 0) ? 1 : 0;
      hot[c] = hotAfter;
      const st = hotBefore === 0 ? 2 : hotAfter === 1 ? 0 : 1;
      state[c] = st;
      const cBase = c * q;
      const rBase = (c * 3 + st) * q;
      for (let k = 0; k < q; k++) poly[cBase + k] = (poly[pBase + k] as number) * (ratio[rBase + k] as number);
    }
  }

  // Backward sweep (reverse preorder: children are summed before their parent).
  for (let p = n - 1; p >= 0; p--) {
    const f = feature[p] as number;
    const pBase = p * q;
    if (f < 0) {
      const v = leafValue[p] as number;
      for (let k = 0; k < q; k++) below[pBase + k] = v * (poly[pBase + k] as number);
      continue;
    }
    const tBase = (trueChild[p] as number) * q;
    const fBase = (falseChild[p] as number) * q;
    for (let k = 0; k < q; k++) below[pBase + k] = (below[tBase + k] as number) + (below[fBase + k] as number);
    let acc = 0;
    for (let side = 0; side < 2; side++) {
      const c = (side === 0 ? trueChild[p] : falseChild[p]) as number;
      const st = state[c] as number;
      if (st === 2) continue;
      const cBase = c * q;
      const gBase = (c * 2 + st) * q;
      for (let k = 0; k < q; k++) acc += (below[cBase + k] as number) * (kernelStep[gBase + k] as number);
    }
    out[outOffset + f] = (out[outOffset + f] as number) + acc;
  }
}
