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

import type { ValidationIssue } from '../errors/validationError.js';

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

const TREE_ARRAYS = {
  feature: Int32Array,
  threshold: Float32Array,
  mode: Uint8Array,
  trueChild: Int32Array,
  falseChild: Int32Array,
  missingTracksTrue: Uint8Array,
  leafValue: Float64Array,
  cover: Float64Array,
} as const satisfies Record<keyof Tree, unknown>;

/**
 * The issues of a value handed as a {@link TreeEnsemble} from outside the engine: not an object,
 * `nFeatures` or `baseValue` not a number, `postTransform` not `'NONE'` or `'LOGISTIC'`, `trees` not
 * an array of trees whose arrays are the typed arrays {@link allocateTree} makes. Only the shape:
 * whether the trees are well formed is for the checks that read them. Paths under `at`.
 */
export function treeEnsembleShapeIssues(v: unknown, at: readonly (string | number)[] = []): ValidationIssue[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return [
      { path: [...at], code: 'invalid_type', message: 'expected a tree ensemble { nFeatures, trees, baseValue, postTransform }', expected: 'TreeEnsemble' },
    ];
  }
  const e = v as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const key of ['nFeatures', 'baseValue'] as const)
    if (typeof e[key] !== 'number') issues.push({ path: [...at, key], code: 'invalid_type', message: `${key} must be a number`, expected: 'number' });
  if (e.postTransform !== 'NONE' && e.postTransform !== 'LOGISTIC')
    issues.push({ path: [...at, 'postTransform'], code: 'invalid_value', message: "postTransform must be 'NONE' or 'LOGISTIC'" });
  if (!Array.isArray(e.trees)) {
    issues.push({ path: [...at, 'trees'], code: 'invalid_type', message: 'trees must be an array of trees', expected: 'array' });
    return issues;
  }
  e.trees.forEach((tree: unknown, t) => {
    if (typeof tree !== 'object' || tree === null) {
      issues.push({ path: [...at, 'trees', t], code: 'invalid_type', message: 'a tree must be an object of typed arrays (see allocateTree)' });
      return;
    }
    for (const [key, type] of Object.entries(TREE_ARRAYS))
      if (!((tree as Record<string, unknown>)[key] instanceof type))
        issues.push({ path: [...at, 'trees', t, key], code: 'invalid_type', message: `${key} must be a ${type.name}`, expected: type.name });
  });
  return issues;
}
