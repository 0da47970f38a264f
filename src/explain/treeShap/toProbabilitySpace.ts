import { CreditliftError } from '../../errors/index.js';
import { sigmoid } from '../../model/treeEnsemble.js';

/**
 * Re-expresses margin (log-odds) contributions in probability points, for display.
 *
 * Input: contributions as the explainer returns them, one per feature then the bias, summing to
 * the margin m; the bias b is the expected margin. Output, same layout: the last entry is
 * sigmoid(b), the "baseline probability", and each feature's entry is its margin contribution
 * times the single factor (sigmoid(m) - sigmoid(b)) / (m - b). So the entries sum exactly to the
 * model's probability sigmoid(m), every feature keeps its sign and its share of the total, and a
 * feature with no margin contribution has none in probability.
 *
 * This is a documented approximation, not the Shapley values of the probability function (those
 * are not additive through the sigmoid and cost far more); it is the convention of reading a
 * margin explanation "in percentage points". When m = b the factor is its limit sigmoid'(b).
 *
 * @example
 * const p = toProbabilitySpace(explainer.shap(row)); // p.reduce((a, v) => a + v) === P(default)
 */
export function toProbabilitySpace(contributions: Float64Array, out?: Float64Array): Float64Array {
  const width = contributions.length;
  if (width < 1) throw new CreditliftError('model_shape_mismatch', 'contributions must hold at least the bias term');
  const result = out ?? new Float64Array(width);
  if (result.length < width) throw new CreditliftError('model_shape_mismatch', `out has ${result.length} entries, contributions have ${width}`);
  const bias = contributions[width - 1] as number;
  let delta = 0;
  for (let i = 0; i < width - 1; i++) delta += contributions[i] as number;
  const pBase = sigmoid(bias);
  const pRow = sigmoid(bias + delta);
  // Below ~1e-6 the difference quotient loses digits to cancellation; the midpoint derivative is
  // then exact to O(delta^3), far below float64 resolution of the sum.
  const scale = Math.abs(delta) > 1e-6 ? (pRow - pBase) / delta : derivativeAt(bias + delta / 2);
  for (let i = 0; i < width - 1; i++) result[i] = (contributions[i] as number) * scale;
  result[width - 1] = pBase;
  return result;
}

function derivativeAt(x: number): number {
  const s = sigmoid(x);
  return s * (1 - s);
}
