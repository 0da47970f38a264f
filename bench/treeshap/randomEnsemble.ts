/**
 * A realistic-shaped random ensemble for benchmarking: each tree is grown on random data by
 * splitting on random features at observed values until a depth or a minimum node size stops it,
 * so trees are unbalanced and covers are real counts, as in a trained model.
 */
import { createPrng } from '../../src/train/gbdt/prng.js';
import { allocateTree, NodeMode, type Tree, type TreeEnsemble } from '../../src/model/treeEnsemble.js';

/** Deterministic PRNG (mulberry32) in [0, 1): the trainer's, as a function. */
export function mulberry32(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.next();
}

/** Row-major float32 data with a share of NaN. */
export function randomRows(nRows: number, nFeatures: number, seed: number, missingShare = 0.05): Float32Array {
  const rnd = mulberry32(seed);
  const x = new Float32Array(nRows * nFeatures);
  for (let i = 0; i < x.length; i++) x[i] = rnd() < missingShare ? Number.NaN : rnd() * 2 - 1;
  return x;
}

/** Options for {@link randomEnsemble}. */
export interface RandomEnsembleOptions {
  nTrees: number;
  nFeatures: number;
  minDepth: number;
  maxDepth: number;
  nRows: number;
  minLeaf: number;
  seed: number;
}

/** Grows `nTrees` random trees on random data. */
export function randomEnsemble(o: RandomEnsembleOptions): TreeEnsemble {
  const rnd = mulberry32(o.seed);
  const x = randomRows(o.nRows, o.nFeatures, o.seed + 1);
  const trees: Tree[] = [];
  for (let t = 0; t < o.nTrees; t++) {
    const depth = o.minDepth + Math.floor(rnd() * (o.maxDepth - o.minDepth + 1));
    trees.push(growTree(x, o, depth, rnd));
  }
  return { nFeatures: o.nFeatures, trees, baseValue: -1.5, postTransform: 'LOGISTIC' };
}

interface Proto {
  feature: number;
  threshold: number;
  missTrue: number;
  t: number;
  f: number;
  value: number;
  cover: number;
}

function growTree(x: Float32Array, o: RandomEnsembleOptions, maxDepth: number, rnd: () => number): Tree {
  const nodes: Proto[] = [];
  const all: number[] = [];
  for (let r = 0; r < o.nRows; r++) all.push(r);
  const grow = (rows: number[], depth: number): number => {
    const id = nodes.length;
    nodes.push({ feature: -1, threshold: 0, missTrue: 0, t: -1, f: -1, value: (rnd() - 0.5) * 0.2, cover: rows.length });
    if (depth >= maxDepth || rows.length < 2 * o.minLeaf) return id;
    for (let attempt = 0; attempt < 10; attempt++) {
      const feature = Math.floor(rnd() * o.nFeatures);
      const pivot = x[(rows[Math.floor(rnd() * rows.length)] as number) * o.nFeatures + feature] as number;
      if (Number.isNaN(pivot)) continue;
      const missTrue = rnd() < 0.5 ? 1 : 0;
      const left: number[] = [];
      const right: number[] = [];
      for (const r of rows) {
        const v = x[r * o.nFeatures + feature] as number;
        ((Number.isNaN(v) ? missTrue === 1 : v <= pivot) ? left : right).push(r);
      }
      if (left.length < o.minLeaf || right.length < o.minLeaf) continue;
      const node = nodes[id] as Proto;
      node.feature = feature;
      node.threshold = pivot;
      node.missTrue = missTrue;
      node.value = 0;
      node.t = grow(left, depth + 1);
      node.f = grow(right, depth + 1);
      return id;
    }
    return id;
  };
  grow(all, 0);
  const tree = allocateTree(nodes.length);
  nodes.forEach((p, i) => {
    tree.cover[i] = p.cover;
    if (p.feature < 0) {
      tree.leafValue[i] = p.value;
      return;
    }
    tree.feature[i] = p.feature;
    tree.threshold[i] = p.threshold;
    tree.mode[i] = NodeMode.BRANCH_LEQ;
    tree.missingTracksTrue[i] = p.missTrue;
    tree.trueChild[i] = p.t;
    tree.falseChild[i] = p.f;
  });
  return tree;
}

/**
 * Rows for a trained model whose features have their own scales: each value is one of the model's
 * thresholds for that feature, nudged up or down by up to 10% of the feature's threshold range
 * (or a missing value at `missingShare`), so rows go both ways at the splits as real rows do.
 */
export function rowsAroundThresholds(model: TreeEnsemble, nRows: number, seed: number, missingShare = 0.05): Float32Array {
  const rnd = mulberry32(seed);
  const thresholds: number[][] = Array.from({ length: model.nFeatures }, () => []);
  for (const tree of model.trees) {
    for (let i = 0; i < tree.feature.length; i++) if (tree.mode[i] !== NodeMode.LEAF) thresholds[tree.feature[i] as number]?.push(tree.threshold[i] as number);
  }
  const x = new Float32Array(nRows * model.nFeatures);
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < model.nFeatures; j++) {
      const own = thresholds[j] as number[];
      if (own.length === 0 || rnd() < missingShare) {
        x[r * model.nFeatures + j] = own.length === 0 ? 0 : Number.NaN;
        continue;
      }
      const range = Math.max(...own) - Math.min(...own) || 1;
      x[r * model.nFeatures + j] = (own[Math.floor(rnd() * own.length)] as number) + (rnd() - 0.5) * 0.2 * range;
    }
  }
  return x;
}
