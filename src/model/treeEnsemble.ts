import { deepFreeze } from '../common/deepFreeze.js';
/**
 * The in-memory form of a tree ensemble that every part of creditlift agrees on: the trainer
 * builds it, the ONNX encoder writes it, the ONNX decoder reads any ai.onnx.ml tree ensemble back
 * into it, and the evaluator and TreeSHAP walk it.
 *
 * Flat typed arrays per tree (structure of arrays) rather than node objects: TreeSHAP and the
 * evaluator walk these millions of times, and typed arrays keep the walk allocation-free and
 * cache-friendly.
 */

/** Split comparison, numbered for a Uint8Array. Semantics follow ai.onnx.ml: true branch when the comparison holds. */
export const NodeMode = deepFreeze({
  BRANCH_LEQ: 0,
  BRANCH_LT: 1,
  BRANCH_GTE: 2,
  BRANCH_GT: 3,
  BRANCH_EQ: 4,
  BRANCH_NEQ: 5,
  LEAF: 6,
} as const);
/** Numeric node mode; see {@link NodeMode}. */
export type NodeModeCode = (typeof NodeMode)[keyof typeof NodeMode];

/** One tree. Node 0 is the root. Arrays all have one entry per node. */
export interface Tree {
  /** Feature index tested at the node; -1 at leaves. */
  readonly feature: Int32Array;
  /** Split threshold, float32 as the runtime compares. */
  readonly threshold: Float32Array;
  /** {@link NodeMode} code. */
  readonly mode: Uint8Array;
  /** Child taken when the comparison holds; -1 at leaves. */
  readonly trueChild: Int32Array;
  /** Child taken when it does not; -1 at leaves. */
  readonly falseChild: Int32Array;
  /**
   * 1 when a missing (NaN) value goes to the true child, 0 when it goes to the false child. At
   * BRANCH_NEQ a NaN always goes true (NaN != t holds), as onnxruntime evaluates it.
   */
  readonly missingTracksTrue: Uint8Array;
  /** Margin added by the leaf (weights already applied); 0 at internal nodes. */
  readonly leafValue: Float64Array;
  /** Training weight (cover / hit rate) that reached the node; NaN when unknown. */
  readonly cover: Float64Array;
}

/** How the margin becomes the model's output. */
export type PostTransform = 'NONE' | 'LOGISTIC';

/** A binary-outcome tree ensemble in margin (log-odds) space. */
export interface TreeEnsemble {
  /** Number of input features the model reads. */
  readonly nFeatures: number;
  /** The trees; the margin is `baseValue + sum of the leaf each tree reaches`. */
  readonly trees: readonly Tree[];
  /** Constant margin added to every prediction (ONNX `base_values` of the positive class). */
  readonly baseValue: number;
  /** LOGISTIC means probability = sigmoid(margin). */
  readonly postTransform: PostTransform;
}

/** Logistic function, guarded against overflow for large |x|. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Allocates an empty tree of `n` nodes (all leaves, zero values, unknown covers). */
export function allocateTree(n: number): Tree {
  const t: Tree = {
    feature: new Int32Array(n).fill(-1),
    threshold: new Float32Array(n),
    mode: new Uint8Array(n).fill(NodeMode.LEAF),
    trueChild: new Int32Array(n).fill(-1),
    falseChild: new Int32Array(n).fill(-1),
    missingTracksTrue: new Uint8Array(n),
    leafValue: new Float64Array(n),
    cover: new Float64Array(n).fill(Number.NaN),
  };
  return t;
}
