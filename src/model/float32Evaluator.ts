import { Comparison, type Float32Ensemble } from './float32Ensemble.js';
import { logisticAsOnnxruntime } from './onnxruntimeLogistic.js';

/**
 * Scores `nRows` float32 rows (row-major) in JavaScript the way onnxruntime's float32
 * TreeEnsembleClassifier does, so that the bits agree:
 * - splits compare the float32 value with the float32 threshold; a NaN takes the true child when
 *   the node tracks missing values there, otherwise whatever the comparison gives (false, except
 *   at BRANCH_NEQ);
 * - leaves are summed in float32 in tree order starting from 0 (Math.fround after every add, as
 *   onnxruntime's float accumulator rounds), and the base value is added last;
 * - LOGISTIC goes through {@link logisticAsOnnxruntime}.
 *
 * The P of row r lands in `out[r]`. A row whose logistic cannot be proved bit-equal (a near tie in
 * the C library's expf) gets NaN and its index is pushed onto `uncertain`, for the caller to score
 * with onnxruntime; nothing is rounded one way or the other by guess.
 *
 * @example
 * const out = new Float32Array(n); const uncertain: number[] = [];
 * evaluateFloat32(flat, rows, n, out, uncertain);
 */
export function evaluateFloat32(ensemble: Float32Ensemble, rows: Float32Array, nRows: number, out: Float32Array, uncertain: number[]): void {
  const { roots, feature, threshold, comparison, trueChild, falseChild, nanChild, leafValue, nFeatures, baseValue } = ensemble;
  const logistic = ensemble.postTransform === 'LOGISTIC';
  const nTrees = roots.length;
  for (let r = 0; r < nRows; r++) {
    const offset = r * nFeatures;
    let sum = 0;
    for (let t = 0; t < nTrees; t++) {
      let i = roots[t] as number;
      let f = feature[i] as number;
      // feature is -1 exactly at leaves, so one load both tests for a leaf and finds the column.
      while (f >= 0) {
        const x = rows[offset + f] as number;
        if (x !== x) i = nanChild[i] as number;
        else {
          const c = comparison[i] as number;
          const th = threshold[i] as number;
          const holds = c === Comparison.LT ? x < th : c === Comparison.LEQ ? x <= th : x === th;
          i = (holds ? trueChild[i] : falseChild[i]) as number;
        }
        f = feature[i] as number;
      }
      // onnxruntime's accumulator is a float: round after every add, in tree order.
      sum = Math.fround(sum + (leafValue[i] as number));
    }
    const margin = Math.fround(sum + baseValue);
    const p = logistic ? logisticAsOnnxruntime(margin) : margin;
    if (p !== p) uncertain.push(r);
    out[r] = p;
  }
}
