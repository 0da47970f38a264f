import { CreditliftError, ValidationError } from '../../errors/index.js';
import { NodeMode, type Tree, type TreeEnsemble } from '../../model/treeEnsemble.js';
import { trueChildShare } from './childWeights.js';
import { gaussLegendre } from './gaussLegendre.js';
import { treeSlots } from './leafPatternTable.js';
import { createPatternTablesBuilder, cutTree, type PatternTables, type PatternTablesBuilder, type TreeCut } from './patternTables.js';
import { treeEnsembleIssues } from './validateTreeEnsemble.js';

/**
 * One tree prepared for {@link treeShapRow}. Internal nodes come first, in preorder (a parent
 * before its children, so one forward and one backward sweep replace recursion), then the leaves;
 * separating them keeps the sweeps free of a leaf-or-split branch the CPU cannot predict. Every
 * quantity that does not depend on the row is precomputed per edge, so explaining a row only picks
 * between precomputed numbers.
 *
 * Edge `c` is the edge from its parent into node `c`. For the parent's split feature `i`, "hot"
 * means the row satisfies every split on `i` from the root down to and including this edge, "cold"
 * that it fails at least one. Edge states: 0 = hot before and after, 1 = hot before and cold
 * after, 2 = cold before (and so after).
 */
export interface CompiledTree {
  /** Number of reachable nodes. */
  readonly n: number;
  /** Number of internal nodes; they are nodes 0 .. nInternal - 1, node 0 the root. */
  readonly nInternal: number;
  /** Quadrature points used for this tree: ceil(distinct features on the longest path / 2). */
  readonly q: number;
  /** Split feature of each internal node. */
  readonly feature: Int32Array;
  /** Float32 threshold of each internal node, held as a double. */
  readonly threshold: Float64Array;
  /** {@link NodeMode} code of each internal node. */
  readonly mode: Uint8Array;
  /** 1 when NaN goes to the true child (NEQ nodes send NaN true regardless, as the runtime does). */
  readonly missingTracksTrue: Uint8Array;
  /** Index of the true child of each internal node. */
  readonly trueChild: Int32Array;
  /** Index of the false child of each internal node. */
  readonly falseChild: Int32Array;
  /** Per edge: the edge of the previous split on the same feature above it, 0 (the root, always hot) if none. */
  readonly prevEdge: Int32Array;
  /**
   * Per edge, 6 blocks of `q` numbers, stored with the parent so both sweeps read them in order:
   * the edge from internal node `p` to its true (side 0) or false (side 1) child starts at
   * `((p * 2 + side) * 6 + b) * q`. Blocks 0-2: the factor the edge multiplies the path polynomial
   * by in states 0-2 (times the leaf value when the child is a leaf); blocks 3-5: the
   * quadrature-weighted change of the feature's attribution kernel (0 in state 2).
   */
  readonly coef: Float64Array;
  /**
   * Height the tree was cut at for the pattern tables (see `patternTables.ts`), or -1 when it is
   * explained by the quadrature sweeps; `coef` is filled only then.
   */
  readonly tableHeight: number;
  /** The tree's expected margin under its covers. */
  readonly expectedValue: number;
}

/** A whole ensemble prepared for {@link treeShapRow}. */
export interface CompiledTreeShap {
  /** Number of input features. */
  readonly nFeatures: number;
  /** The trees, prepared. */
  readonly trees: readonly CompiledTree[];
  /** The trees explained by the quadrature sweeps (tableHeight -1), in model order. */
  readonly quadratureTrees: readonly CompiledTree[];
  /** Every other tree with a split, as one set of pattern tables. */
  readonly tables: PatternTables;
  /** baseValue + sum of the trees' expected margins: the bias term of the contributions. */
  readonly expectedValue: number;
  /** Largest n * q over the trees: size of the per-row scratch polynomials. */
  readonly maxNodeQuad: number;
  /** Largest node count over the trees. */
  readonly maxNodes: number;
  /** Largest quadrature size over the trees. */
  readonly maxQ: number;
}

/**
 * How {@link compileTreeShap} explains each tree. Both algorithms are exact; they differ in speed
 * and memory. 'auto' (the default) uses pattern tables wherever they fit the memory guard.
 */
export type TreeShapStrategy = 'auto' | 'quadrature';

/** Internal tuning of {@link compileTreeShap}; the defaults are what the explainer uses. */
export interface CompileTreeShapOptions {
  /** 'quadrature' forces the quadrature sweeps on every tree (benchmarks, tests). Default 'auto'. */
  readonly strategy?: TreeShapStrategy;
  /** Height trees are cut at for the tables, tried first; lower heights are tried when it does not fit. Default {@link DEFAULT_TABLE_HEIGHT}. */
  readonly tableHeight?: number;
  /** Largest table (float64 entries) one tree may use. Default {@link DEFAULT_MAX_TABLE_ENTRIES_PER_TREE}. */
  readonly maxTableEntriesPerTree?: number;
  /** Budget for all trees' tables together, in bytes; trees past it fall back. Default {@link DEFAULT_MAX_TABLE_BYTES}. */
  readonly maxTableBytes?: number;
}

/**
 * Default per-tree table limit, in float64 entries (256 KiB). Cut at height 2, a full depth-4
 * tree needs at most 4 units x 2^5 keys x 5 features = 640 entries and a depth-6 tree of XGBoost's
 * a few thousand; a tree whose paths test many distinct features needs 2^features, and is better
 * off with the quadrature sweeps, whose memory is linear in its nodes.
 */
export const DEFAULT_MAX_TABLE_ENTRIES_PER_TREE = 32768;
/** Default cut height; see `patternTables.ts`. */
export const DEFAULT_TABLE_HEIGHT = 2;
/** Default budget for all tables of one explainer: 64 MiB. */
export const DEFAULT_MAX_TABLE_BYTES = 64 * 1024 * 1024;

/** Deepest supported path, in distinct features: 128 keeps the quadrature at <= 64 points. */
const MAX_PATH_FEATURES = 128;

/**
 * Precomputes everything TreeSHAP needs that does not depend on the row being explained, choosing
 * per tree between two exact algorithms. Pattern tables (see `patternTables.ts` and
 * `leafPatternTable.ts`) are fastest; their memory grows as 2^(distinct features on a path), so a
 * tree takes them only when its tables fit `maxTableEntriesPerTree` (trying cut heights
 * `tableHeight`, then lower) and what is left of the `maxTableBytes` budget, drawn in model order.
 * Every other tree keeps the quadrature sweeps (O(nodes x q) per row, memory linear in nodes). So
 * shallow trees take tables, deep ones the sweeps, and a mixed ensemble mixes them.
 * Covers must be present (finite, >= 0) on every node below a split; see `coversFromBackground`.
 * Throws ValidationError listing every structural problem, and CreditliftError `model_unsupported`
 * when a path tests more than 128 distinct features.
 */
export function compileTreeShap(model: TreeEnsemble, options: CompileTreeShapOptions = {}): CompiledTreeShap {
  const issues = treeEnsembleIssues(model, { requireCovers: true });
  if (issues.length > 0) throw new ValidationError('TreeEnsemble', issues);
  const builder = createPatternTablesBuilder(model.nFeatures);
  const budget = {
    useTables: (options.strategy ?? 'auto') === 'auto',
    height: options.tableHeight ?? DEFAULT_TABLE_HEIGHT,
    perTree: options.maxTableEntriesPerTree ?? DEFAULT_MAX_TABLE_ENTRIES_PER_TREE,
    // Trees draw on the budget in model order, so the choice is deterministic.
    entriesLeft: (options.maxTableBytes ?? DEFAULT_MAX_TABLE_BYTES) / Float64Array.BYTES_PER_ELEMENT,
  };
  const trees = model.trees.map((tree, t) => compileTree(tree, model.nFeatures, t, budget, builder));
  let expectedValue = model.baseValue;
  let maxNodeQuad = 1;
  let maxNodes = 1;
  let maxQ = 1;
  for (const t of trees) {
    expectedValue += t.expectedValue;
    maxNodeQuad = Math.max(maxNodeQuad, t.n * t.q);
    maxNodes = Math.max(maxNodes, t.n);
    maxQ = Math.max(maxQ, t.q);
  }
  const quadratureTrees = trees.filter((t) => t.tableHeight < 0 && t.nInternal > 0);
  return { nFeatures: model.nFeatures, trees, quadratureTrees, tables: builder.finish(), expectedValue, maxNodeQuad, maxNodes, maxQ };
}

interface TableBudget {
  readonly useTables: boolean;
  readonly height: number;
  readonly perTree: number;
  entriesLeft: number;
}

function compileTree(tree: Tree, nFeatures: number, treeIndex: number, budget: TableBudget, builder: PatternTablesBuilder): CompiledTree {
  // Preorder walk (true child first); internal nodes keep that order, leaves follow.
  const preorder: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    preorder.push(i);
    if (tree.mode[i] !== NodeMode.LEAF) stack.push(tree.falseChild[i] as number, tree.trueChild[i] as number);
  }
  const order = [...preorder.filter((i) => tree.mode[i] !== NodeMode.LEAF), ...preorder.filter((i) => tree.mode[i] === NodeMode.LEAF)];
  const n = order.length;
  const nInternal = n - preorder.filter((i) => tree.mode[i] === NodeMode.LEAF).length;
  const newIndex = new Map<number, number>();
  order.forEach((old, k) => newIndex.set(old, k));

  const feature = new Int32Array(nInternal);
  const threshold = new Float64Array(nInternal);
  const mode = new Uint8Array(nInternal);
  const missingTracksTrue = new Uint8Array(nInternal);
  const trueChild = new Int32Array(nInternal);
  const falseChild = new Int32Array(nInternal);
  const leafValue = new Float64Array(n);
  const parent = new Int32Array(n).fill(-1);
  const share = new Float64Array(n).fill(1); // share of the parent's cover that flows into the node
  for (let k = 0; k < n; k++) {
    const old = order[k] as number;
    if (k >= nInternal) {
      leafValue[k] = tree.leafValue[old] as number;
      continue;
    }
    const tOld = tree.trueChild[old] as number;
    const fOld = tree.falseChild[old] as number;
    const tc = newIndex.get(tOld) as number;
    const fc = newIndex.get(fOld) as number;
    feature[k] = tree.feature[old] as number;
    threshold[k] = tree.threshold[old] as number;
    mode[k] = tree.mode[old] as number;
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
  const prevEdge = new Int32Array(n);
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
    if (c < nInternal) continue;
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

  // Memory guard, per tree: tables grow exponentially with the distinct features on a path, so
  // deep trees, and trees past the ensemble's budget, keep the quadrature sweeps.
  let cut: TreeCut | undefined;
  if (budget.useTables && nInternal > 0) {
    const input = { n, nInternal, feature, threshold, mode, missingTracksTrue, trueChild, falseChild, parent, share, leafValue };
    const slots = treeSlots(input);
    for (let h = budget.height; h >= 0 && cut === undefined; h--) {
      const candidate = cutTree(input, h, slots);
      if (candidate.size <= budget.perTree && candidate.size <= budget.entriesLeft) cut = candidate;
    }
    if (cut !== undefined) {
      budget.entriesLeft -= cut.size;
      builder.add(cut);
    }
  }
  const tableHeight = cut === undefined ? -1 : cut.height;
  const { nodes, weights } = gaussLegendre(q);

  // zAfter: product of the shares of every split on the edge's feature down to this edge, the
  // fraction of cover that stays on this path as far as that feature is concerned. Parents come
  // before children in `order` only among internal nodes, so walk edges in preorder.
  const zAfter = new Float64Array(n).fill(1);
  const mass = new Float64Array(n).fill(1);
  const coef = new Float64Array(tableHeight < 0 ? Math.max(1, nInternal) * 12 * q : 0);
  const side = (c: number): number => (trueChild[parent[c] as number] === c ? 0 : 1);
  let expectedValue = n === 1 ? (leafValue[0] as number) : 0;
  for (const old of preorder) {
    const c = newIndex.get(old) as number;
    if (c === 0) continue;
    const pe = prevEdge[c] as number;
    const zPrev = pe === 0 ? 1 : (zAfter[pe] as number);
    const s = share[c] as number;
    const zA = zPrev * s;
    zAfter[c] = zA;
    mass[c] = (mass[parent[c] as number] as number) * s;
    // A leaf's polynomial is only ever used times its value, so the value rides on its edge.
    const v = c >= nInternal ? (leafValue[c] as number) : 1;
    if (c >= nInternal) expectedValue += v * (mass[c] as number);
    if (tableHeight >= 0) continue;
    const slot = ((parent[c] as number) * 2 + side(c)) * 6;
    for (let k = 0; k < q; k++) {
      const t = nodes[k] as number;
      const w = weights[k] as number;
      // Per feature the path polynomial has the factor z + (o - z) t, o = 1 when hot, 0 when cold.
      const fPrevHot = zPrev + (1 - zPrev) * t; // >= t > 0
      const fAfterHot = zA + (1 - zA) * t;
      const fAfterCold = zA * (1 - t);
      coef[slot * q + k] = (v * fAfterHot) / fPrevHot;
      coef[(slot + 1) * q + k] = (v * fAfterCold) / fPrevHot;
      // Cold stays cold: the factor only shrinks by the edge's share.
      coef[(slot + 2) * q + k] = v * s;
      // Attribution kernel (o - z) / (z + (o - z) t); it is -1 / (1 - t) whenever cold, so a
      // cold-to-cold edge changes nothing (block 5 stays 0).
      const gPrevHot = (1 - zPrev) / fPrevHot;
      const gAfterHot = (1 - zA) / fAfterHot;
      const gCold = -1 / (1 - t);
      coef[(slot + 3) * q + k] = w * (gAfterHot - gPrevHot);
      coef[(slot + 4) * q + k] = w * (gCold - gPrevHot);
    }
  }
  return { n, nInternal, q, feature, threshold, mode, missingTracksTrue, trueChild, falseChild, prevEdge, coef, tableHeight, expectedValue };
}
