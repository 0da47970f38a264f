import { CreditliftError } from '../errors/creditliftError.js';
import { leafIndex } from './evaluateEnsemble.js';
import type { ProbeRows } from './evaluatorProbeRows.js';
import { sigmoid, type Tree, type TreeEnsemble } from './treeEnsemble.js';

/** What {@link compareTreeReading} found. */
export interface TreeReadingComparison {
  /** Rows compared. */
  readonly rows: number;
  /** Rows whose onnxruntime PD is further from creditlift's reading than float32 rounding allows. */
  readonly differingRows: number;
  /** The first differing row, described (undefined when none differ). */
  readonly first?: string;
}

/** float32 unit roundoff. */
const U32 = 2 ** -24;
/**
 * Absolute slack for onnxruntime's float32 logistic (1 - v near 1 loses the low bits of a small P:
 * its error is a few float32 ulps of 1, whatever P is) and the final rounding to float32.
 */
const LOGISTIC_SLACK = 8 * U32;

/**
 * Compares creditlift's reading of a LOGISTIC tree ensemble (the IR that TreeSHAP explains and the
 * monotone check walks, summed in float64) with what onnxruntime scored for the same rows, allowing
 * for float32 rounding only: onnxruntime sums the base value and the T leaves a row reaches in
 * float32, so its margin may be off by at most (T + 1) * 2^-24 * (|base| + sum of |leaf|) (the
 * bound for recursive summation, computed per row), which moves P by at most P(1 - P) * e^d * d,
 * plus a few ulps for its float32 logistic. A row further apart than that reaches other leaves or
 * other weights in onnxruntime than in the IR: the explanations would describe another model than
 * the one that scores.
 *
 * @example
 * const { differingRows, first } = compareTreeReading(decoded.ensemble, probe.rows, probe.nRows, await runOnnx(probe.rows, probe.nRows));
 */
export function compareTreeReading(ensemble: TreeEnsemble, rows: Float32Array, nRows: number, scored: Float32Array): TreeReadingComparison {
  const width = ensemble.nFeatures;
  const trees = ensemble.trees;
  const terms = trees.length + 1;
  let differing = 0;
  let first: string | undefined;
  // Plain loops over typed arrays: the probe can be a few thousand rows of a few hundred trees.
  for (let r = 0; r < nRows; r++) {
    let margin = ensemble.baseValue;
    let magnitude = Math.abs(ensemble.baseValue);
    for (let t = 0; t < trees.length; t++) {
      const tree = trees[t] as Tree;
      const leaf = tree.leafValue[leafIndex(tree, rows, r * width)] as number;
      margin += leaf;
      magnitude += Math.abs(leaf);
    }
    const p = sigmoid(margin);
    const d = terms * U32 * magnitude;
    const tolerance = p * (1 - p) * Math.exp(d) * d + LOGISTIC_SLACK;
    const got = scored[r] as number;
    if (Math.abs(got - p) <= tolerance) continue;
    differing++;
    first ??= `probe row ${r}: onnxruntime gives P ${got}, creditlift's reading of the trees P ${p} (margin ${margin}), ${Math.abs(got - p).toExponential(2)} apart where float32 rounding allows ${tolerance.toExponential(2)}`;
  }
  return first === undefined ? { rows: nRows, differingRows: 0 } : { rows: nRows, differingRows: differing, first };
}

/**
 * Throws CreditliftError `model_unsupported` when {@link compareTreeReading} finds any probe row
 * apart: a model whose explanations and monotone checks would describe other trees than the ones
 * that score is not loaded, whichever evaluator would serve its runs.
 *
 * @example
 * assertTreeReading(decoded.ensemble, probe, await runOnnx(probe.rows, probe.nRows));
 */
export function assertTreeReading(ensemble: TreeEnsemble, probe: ProbeRows, scored: Float32Array): void {
  const reading = compareTreeReading(ensemble, probe.rows, probe.nRows, scored);
  if (reading.first === undefined) return;
  throw new CreditliftError(
    'model_unsupported',
    `creditlift reads this model's trees differently from onnxruntime: ${reading.differingRows} of ${reading.rows} probe rows differ beyond float32 rounding (${reading.first}). Its explanations and monotone checks would describe another model than the one that scores`,
  );
}
