import { CreditliftError, ValidationError } from '../../errors/index.js';
import { NodeMode, type Tree, type TreeEnsemble } from '../../model/treeEnsemble.js';
import { trueChildShare } from './childWeights.js';
import { gaussLegendre } from './gaussLegendre.js';
import { treeEnsembleIssues } from './validateTreeEnsemble.js';

/**
 * One tree prepared for {@link treeShapRow}: nodes renumbered in preorder (parent before child, so
 * one forward and one backward sweep replace recursion) and every quantity that does not depend on
 * the row precomputed per edge, so explaining a row only picks between precomputed numbers.
 *
 * Edge `c` is the edge from `parent[c]` into node `c`. For the split feature `i` of that edge,
 * "hot" means the row satisfies every split on `i` from the root down to and including this edge,
 * "cold" that it fails at least one. States: 0 = hot before and after, 1 = hot before and cold
 * after, 2 = cold before (and so after).
 */
export interface CompiledTree {
  /** Number of reachable nodes. */
  readonly n: number;
  /** Quadrature points used for this tree: ceil(distinct features on the longest path / 2). */
  readonly q: number;
  /** Split feature, -1 at leaves. */
  readonly feature: Int32Array;
  /** Float32 threshold, held as a double. */
  readonly threshold: Float64Array;
  /** {@link NodeMode} code. */
  readonly mode: Uint8Array;
  /** 1 when NaN goes to the true child. */
  readonly missingTracksTrue: Uint8Array;
  /** Preorder index of the true child; -1 at leaves. */
  readonly trueChild: Int32Array;
  /** Preorder index of the false child; -1 at leaves. */
  readonly falseChild: Int32Array;
  /** Leaf margin; 0 at internal nodes. */
  readonly leafValue: Float64Array;
  /** Edge (node index) of the previous split on the same feature above this edge, -1 if none. */
  readonly prevEdge: Int32Array;
  /** Path-polynomial factor of the edge at each quadrature point, per state: [(c * 3 + state) * q + k]. */
  readonly ratio: Float64Array;
  /** Quadrature-weighted change of the feature's attribution kernel, states 0 and 1: [(c * 2 + state) * q + k]. */
  readonly kernelStep: Float64Array;
  /** The tree's expected margin under its covers. */
  readonly expectedValue: number;
}

/** A whole ensemble prepared for {@link treeShapRow}. */
export interface CompiledTreeShap {
  /** Number of input features. */
  readonly nFeatures: number;
  /** The trees, prepared. */
  readonly trees: readonly CompiledTree[];
  /** baseValue + sum of the trees' expected margins: the bias term of the contributions. */
  readonly expectedValue: number;
  /** Largest n * q over the trees: size of the per-row scratch polynomials. */
  readonly maxNodeQuad: number;
  /** Largest node count over the trees. */
  readonly maxNodes: number;
}

/** Deepest supported path, in distinct features: 128 keeps the quadrature at <= 64 points. */
const MAX_PATH_FEATURES = 128;

/**
 * Precomputes everything TreeSHAP needs that does not depend on the row being explained.
 * Covers must be present (finite, >= 0) on every node below a split; see `coversFromBackground`.
 * Throws ValidationError listing every structural problem, and CreditliftError `model_unsupported`
 * when a path tests more than 128 distinct features.
 */
export function compileTreeShap(model: TreeEnsemble): CompiledTreeShap {
  const issues = treeEnsembleIssues(model, { requireCovers: true });
  if (issues.length > 0) throw new ValidationError('TreeEnsemble', issues);
  const trees = model.trees.map((tree, t) => compileTree(tree, model.nFeatures, t));
  let expectedValue = model.baseValue;
  let maxNodeQuad = 1;
  let maxNodes = 1;
  for (const t of trees) {
    expectedValue += t.expectedValue;
    maxNodeQuad = Math.max(maxNodeQuad, t.n * t.q);
    maxNodes = Math.max(maxNodes, t.n);
  }
  return { nFeatures: model.nFeatures, trees, expectedValue, maxNodeQuad, maxNodes };
}

function compileTree(tree: Tree, nFeatures: number, treeIndex: number): CompiledTree {
  // Preorder renumbering, true child first.
  const order: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    order.push(i);
    if (tree.mode[i] !== NodeMode.LEAF) stack.push(tree.falseChild[i] as number, tree.trueChild[i] as number);
  }
  const n = order.length;
  const newIndex = new Map<number, number>();
  order.forEach((old, k) => newIndex.set(old, k));

  const feature = new Int32Array(n).fill(-1);
  const threshold = new Float64Array(n);
  const mode = new Uint8Array(n).fill(NodeMode.LEAF);
  const missingTracksTrue = new Uint8Array(n);
  const trueChild = new Int32Array(n).fill(-1);
  const falseChild = new Int32Array(n).fill(-1);
  const leafValue = new Float64Array(n);
  const parent = new Int32Array(n).fill(-1);
  const share = new Float64Array(n).fill(1); // share of the parent's mass that flows into the node
  for (let k = 0; k < n; k++) {
    const old = order[k] as number;
    const m = tree.mode[old] as number;
    if (m === NodeMode.LEAF) {
      leafValue[k] = tree.leafValue[old] as number;
      continue;
    }
    const tOld = tree.trueChild[old] as number;
    const fOld = tree.falseChild[old] as number;
    const tc = newIndex.get(tOld) as number;
    const fc = newIndex.get(fOld) as number;
    feature[k] = tree.feature[old] as number;
    threshold[k] = tree.threshold[old] as number;
    mode[k] = m;
    missingTracksTrue[k] = tree.missingTracksTrue[old] === 1 ? 1 : 0;
    trueChild[k] = tc;
    falseChild[k] = fc;
    parent[tc] = k;
    parent[fc] = k;
    const s = trueChildShare(tree.cover[tOld] as number, tree.cover[fOld] as number);
    share[tc] = s;
    share[fc] = 1 - s;
  }

  // Previous split on the same feature above each edge, and distinct features per path.
  const prevEdge = new Int32Array(n).fill(-1);
  const stamp = new Int32Array(nFeatures).fill(-1);
  let maxDistinct = 0;
  for (let c = 1; c < n; c++) {
    const f = feature[parent[c] as number] as number;
    for (let a = parent[c] as number; a > 0; a = parent[a] as number) {
      if (feature[parent[a] as number] === f) {
        prevEdge[c] = a;
        break;
      }
    }
    if (feature[c] !== -1) continue;
    let distinct = 0;
    for (let a = c; a > 0; a = parent[a] as number) {
      const g = feature[parent[a] as number] as number;
      if (stamp[g] !== c) {
        stamp[g] = c;
        distinct++;
      }
    }
    maxDistinct = Math.max(maxDistinct, distinct);
  }
  if (maxDistinct > MAX_PATH_FEATURES) {
    throw new CreditliftError(
      'model_unsupported',
      `tree ${treeIndex} has a path testing ${maxDistinct} distinct features; TreeSHAP supports at most ${MAX_PATH_FEATURES}`,
    );
  }
  const q = Math.max(1, Math.ceil(maxDistinct / 2));
  const { nodes, weights } = gaussLegendre(q);

  // zAfter: product of the shares of every split on the edge's feature down to this edge, i.e.
  // the fraction of cover that keeps to this path as far as that feature is concerned.
  const zAfter = new Float64Array(n).fill(1);
  const mass = new Float64Array(n).fill(1);
  const ratio = new Float64Array(n * 3 * q);
  const kernelStep = new Float64Array(n * 2 * q);
  let expectedValue = 0;
  for (let c = 1; c < n; c++) {
    const pe = prevEdge[c] as number;
    const zPrev = pe < 0 ? 1 : (zAfter[pe] as number);
    const s = share[c] as number;
    const zA = zPrev * s;
    zAfter[c] = zA;
    mass[c] = (mass[parent[c] as number] as number) * s;
    for (let k = 0; k < q; k++) {
      const t = nodes[k] as number;
      const w = weights[k] as number;
      // Per feature the path polynomial has the factor z + (o - z) t, o = 1 when hot, 0 when cold.
      const fPrevHot = zPrev + (1 - zPrev) * t; // >= t > 0
      const fAfterHot = zA + (1 - zA) * t;
      const fAfterCold = zA * (1 - t);
      ratio[(c * 3) * q + k] = fAfterHot / fPrevHot;
      ratio[(c * 3 + 1) * q + k] = fAfterCold / fPrevHot;
      // Cold stays cold: the factor only shrinks by the edge's share.
      ratio[(c * 3 + 2) * q + k] = s;
      // Attribution kernel (o - z) / (z + (o - z) t); it is -1 / (1 - t) whenever cold, so a
      // cold-to-cold edge changes nothing and has no entry.
      const gPrevHot = (1 - zPrev) / fPrevHot;
      const gAfterHot = (1 - zA) / fAfterHot;
      const gCold = -1 / (1 - t);
      kernelStep[(c * 2) * q + k] = w * (gAfterHot - gPrevHot);
      kernelStep[(c * 2 + 1) * q + k] = w * (gCold - gPrevHot);
    }
    if (feature[c] === -1) expectedValue += (leafValue[c] as number) * (mass[c] as number);
  }
  if (n === 1) expectedValue = leafValue[0] as number;
  return { n, q, feature, threshold, mode, missingTracksTrue, trueChild, falseChild, leafValue, prevEdge, ratio, kernelStep, expectedValue };
}
