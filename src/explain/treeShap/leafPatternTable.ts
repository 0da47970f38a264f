/**
 * One leaf's TreeSHAP contributions as a table over patterns (the idea of Fast TreeSHAP v2, Yang
 * 2021). Path-dependent TreeSHAP credits a leaf's value to the d distinct features its path tests,
 * and for fixed covers the credit depends on the row only through which of those features the
 * row "follows": o_j = 1 when the row takes every split of the path on feature j. So the 2^d
 * possible patterns can be tabulated once per model and a row only looks its pattern up.
 *
 * Slots: along a root-to-leaf path the distinct features are numbered in order of first
 * appearance (slot 0 is the root's feature), and bit k of a pattern is o for slot k. A node's
 * numbering is shared by every leaf below it, which is what lets a row's pattern be pushed down the
 * tree one split at a time: at a split on slot k, the child the row takes gains bit k if this is
 * the slot's first split and otherwise keeps it as it was; the other child loses it.
 */

/** A compiled tree's shape, nodes numbered as in `CompiledTree` (internal nodes in preorder, then leaves). */
export interface TreeShape {
  readonly n: number;
  readonly nInternal: number;
  readonly feature: Int32Array;
  readonly trueChild: Int32Array;
  readonly falseChild: Int32Array;
  /** Per node: parent, -1 at the root. */
  readonly parent: Int32Array;
  /** Per node: share of the parent's cover that flows into it (see `trueChildShare`). */
  readonly share: Float64Array;
  readonly leafValue: Float64Array;
}

/** How the distinct features of a tree's paths map to pattern bits; see the file comment. */
export interface TreeSlots {
  /** Per internal node: the slot of its feature on every path through it. */
  readonly slotOf: Int32Array;
  /** Per internal node: 1 when no split above it tests the same feature (it opens the slot). */
  readonly first: Uint8Array;
  /** Per node: slots opened on the path above it; for a leaf, d. */
  readonly slotsAbove: Int32Array;
}

/** Assigns slots to every split of a tree, in one pass (a parent precedes its children in preorder). */
export function treeSlots(tree: TreeShape): TreeSlots {
  const { n, nInternal, feature, trueChild, falseChild, parent } = tree;
  const slotOf = new Int32Array(nInternal);
  const first = new Uint8Array(nInternal);
  const slotsAbove = new Int32Array(n);
  for (let p = 0; p < nInternal; p++) {
    const f = feature[p] as number;
    let slot = -1;
    for (let a = p; a > 0 && slot < 0; ) {
      a = parent[a] as number;
      if (feature[a] === f) slot = slotOf[a] as number;
    }
    const used = slotsAbove[p] as number;
    slotOf[p] = slot < 0 ? used : slot;
    first[p] = slot < 0 ? 1 : 0;
    const below = slot < 0 ? used + 1 : used;
    slotsAbove[trueChild[p] as number] = below;
    slotsAbove[falseChild[p] as number] = below;
  }
  return { slotOf, first, slotsAbove };
}

/** One leaf's table: `values[pattern * d + k]` is its contribution to `features[k]` (slot k). */
export interface LeafPatternTable {
  readonly d: number;
  readonly features: Int32Array;
  readonly values: Float64Array;
}

/**
 * Tabulates leaf `leaf` of `tree`: 2^d x d entries, O(2^d x d^3) work. Entry (o, j) is
 * v * (o_j - z_j) * sum over S within the other slots of |S|! (d - |S| - 1)! / d! *
 * prod_{k in S} o_k * prod_{k not in S, k != j} z_k, where z_k is the product of the shares of the
 * path's splits on slot k's feature: the standard TreeSHAP value of one leaf, with the covers and
 * zero-cover handling of `trueChildShare` already folded into the shares.
 */
export function leafPatternTable(tree: TreeShape, slots: TreeSlots, leaf: number): LeafPatternTable {
  const { feature, parent, share, leafValue } = tree;
  const d = slots.slotsAbove[leaf] as number;
  const z = new Float64Array(d).fill(1);
  const features = new Int32Array(d);
  for (let c = leaf; c > 0; c = parent[c] as number) {
    const p = parent[c] as number;
    const s = slots.slotOf[p] as number;
    z[s] = (z[s] as number) * (share[c] as number);
    features[s] = feature[p] as number;
  }
  const weight = shapleyWeights(d);
  const v = leafValue[leaf] as number;
  const values = new Float64Array(2 ** d * d);
  const poly = new Float64Array(d + 1);
  for (let pattern = 0; pattern < 2 ** d; pattern++) {
    for (let j = 0; j < d; j++) {
      // Coefficients of prod over the other slots of (z_k + o_k y): y^s collects coalitions of size s.
      poly[0] = 1;
      let degree = 0;
      for (let k = 0; k < d; k++) {
        if (k === j) continue;
        const zk = z[k] as number;
        const ok = (pattern >> k) & 1;
        degree++;
        poly[degree] = ok === 1 ? (poly[degree - 1] as number) : 0;
        for (let s = degree - 1; s >= 1; s--) poly[s] = (poly[s] as number) * zk + (ok === 1 ? (poly[s - 1] as number) : 0);
        poly[0] = (poly[0] as number) * zk;
      }
      let sum = 0;
      for (let s = 0; s <= degree; s++) sum += (weight[s] as number) * (poly[s] as number);
      values[pattern * d + j] = v * (((pattern >> j) & 1) - (z[j] as number)) * sum;
    }
  }
  return { d, features, values };
}

const weightCache = new Map<number, Float64Array>();

/** Shapley weights s! (d - s - 1)! / d! for s = 0 .. d - 1, i.e. 1 / (d * C(d - 1, s)). */
function shapleyWeights(d: number): Float64Array {
  const cached = weightCache.get(d);
  if (cached !== undefined) return cached;
  const w = new Float64Array(d);
  let binomial = 1;
  for (let s = 0; s < d; s++) {
    w[s] = 1 / (d * binomial);
    binomial = (binomial * (d - 1 - s)) / (s + 1);
  }
  weightCache.set(d, w);
  return w;
}
