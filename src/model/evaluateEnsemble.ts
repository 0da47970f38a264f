import { CreditliftError } from '../errors/creditliftError.js';
import { NodeMode, sigmoid, type Tree, type TreeEnsemble } from './treeEnsemble.js';

/** Anything indexable as a row of feature values. */
export type FeatureRow = Float32Array | Float64Array | readonly number[];

/** Margin and model output for one row. */
export interface EnsembleEvaluation {
  /** `baseValue + sum of the leaf each tree reaches` (log-odds for LOGISTIC models). */
  readonly margin: number;
  /** sigmoid(margin) for LOGISTIC, the margin itself for NONE: column 1 of the ONNX probabilities. */
  readonly probability: number;
}

/**
 * Index of the leaf `row` reaches in `tree`, deciding splits exactly as onnxruntime does: the
 * feature value is rounded to float32 and compared with the float32 threshold; the true branch is
 * taken when the comparison holds, or when the value is NaN and the node tracks missing to true.
 * (So a NaN always goes true at BRANCH_NEQ, because NaN != t.)
 *
 * @example
 * const leaf = leafIndex(ensemble.trees[0], row); const value = ensemble.trees[0].leafValue[leaf];
 */
export function leafIndex(tree: Tree, row: FeatureRow, offset = 0): number {
  let i = 0;
  // Plain loop over typed arrays: this is the innermost loop of scoring, TreeSHAP and the trainer.
  for (;;) {
    const mode = tree.mode[i] as number;
    if (mode === NodeMode.LEAF) return i;
    const x = Math.fround(row[offset + (tree.feature[i] as number)] as number);
    const t = tree.threshold[i] as number;
    let holds: boolean;
    switch (mode) {
      case NodeMode.BRANCH_LEQ:
        holds = x <= t;
        break;
      case NodeMode.BRANCH_LT:
        holds = x < t;
        break;
      case NodeMode.BRANCH_GTE:
        holds = x >= t;
        break;
      case NodeMode.BRANCH_GT:
        holds = x > t;
        break;
      case NodeMode.BRANCH_EQ:
        holds = x === t;
        break;
      default:
        holds = x !== t;
    }
    const goTrue = holds || (tree.missingTracksTrue[i] === 1 && Number.isNaN(x));
    const next = (goTrue ? tree.trueChild[i] : tree.falseChild[i]) as number;
    if (next <= 0) return i; // malformed tree: stop rather than loop
    i = next;
  }
}

/** The margin `baseValue + sum of leaves` for one row (row values at `offset ..`). */
export function ensembleMargin(ensemble: TreeEnsemble, row: FeatureRow, offset = 0): number {
  let margin = ensemble.baseValue;
  const trees = ensemble.trees;
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t] as Tree;
    margin += tree.leafValue[leafIndex(tree, row, offset)] as number;
  }
  return margin;
}

/** Maps a margin to the model output (sigmoid for LOGISTIC, identity for NONE). */
export function marginToOutput(ensemble: TreeEnsemble, margin: number): number {
  return ensemble.postTransform === 'LOGISTIC' ? sigmoid(margin) : margin;
}

/**
 * Scores one row in JavaScript, bit-for-bit on the same branches as onnxruntime (float32
 * comparisons, NaN routing), summing leaves in float64. The PD is therefore close to, not the same
 * bits as, onnxruntime's (which sums in float32); `loadModel`'s small runs use the float32
 * evaluator (`evaluateFloat32`), which is proved bit-equal at load.
 *
 * @example
 * const { margin, probability } = evaluateEnsemble(loaded.ensemble, [0.3, 12, Number.NaN]);
 */
export function evaluateEnsemble(ensemble: TreeEnsemble, row: FeatureRow): EnsembleEvaluation {
  if (row.length < ensemble.nFeatures) {
    throw new CreditliftError('model_shape_mismatch', `Row has ${row.length} values but the model reads ${ensemble.nFeatures} features`);
  }
  const margin = ensembleMargin(ensemble, row);
  return { margin, probability: marginToOutput(ensemble, margin) };
}

/** Margins and outputs for a batch, one entry per row. */
export interface EnsembleBatchEvaluation {
  readonly margins: Float64Array;
  readonly probabilities: Float64Array;
}

/**
 * Scores `nRows` rows stored row-major in `rows` (`nRows * ensemble.nFeatures` values), without
 * allocating per row.
 *
 * @example
 * const { probabilities } = evaluateEnsembleBatch(ensemble, rows, rows.length / ensemble.nFeatures);
 */
export function evaluateEnsembleBatch(ensemble: TreeEnsemble, rows: Float32Array | Float64Array, nRows: number): EnsembleBatchEvaluation {
  const width = ensemble.nFeatures;
  if (!Number.isInteger(nRows) || nRows < 0 || rows.length !== nRows * width) {
    throw new CreditliftError('model_shape_mismatch', `Expected ${nRows} rows of ${width} features (${nRows * width} values), got ${rows.length} values`);
  }
  const margins = new Float64Array(nRows);
  const probabilities = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const m = ensembleMargin(ensemble, rows, r * width);
    margins[r] = m;
    probabilities[r] = marginToOutput(ensemble, m);
  }
  return { margins, probabilities };
}
