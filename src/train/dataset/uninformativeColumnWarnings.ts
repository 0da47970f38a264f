import { oneValueHeld } from '../gbdt/oneValueHeld.js';
import type { FeatureEncoding } from './tabularEncoding.js';
import type { TrainingWarning } from './trainingWarning.js';

/**
 * A `column_without_signal` warning for each column that cannot tell the rows trained on apart:
 * every cell missing (a join that failed, a lender feature featurize never computed) or every cell
 * the same value. The trainer never splits on it, so the model learns nothing from it, and the
 * manifest still lists it as an input the scorer computes. A column of one value and some missing
 * cells still tells rows apart (by the missing ones) and is not warned of.
 *
 * @param features row-major, `encodings.length` values a row; NaN is missing
 * @param fitRows the rows training learns from (the holdout's are not read)
 */
export function uninformativeColumnWarnings(encodings: readonly FeatureEncoding[], features: Float32Array, fitRows: Uint32Array): TrainingWarning[] {
  const p = encodings.length;
  const n = fitRows.length;
  const out: TrainingWarning[] = [];
  encodings.forEach((e, j) => {
    const first = oneValueHeld(n, (k) => features[fitRows[k]! * p + j]!);
    if (first === undefined) return;
    const held = Number.isNaN(first) ? 'is missing' : `holds ${e.kind === 'categorical' ? `"${e.categories?.[first] ?? first}"` : first}`;
    out.push({
      code: 'column_without_signal',
      column: e.name,
      message: `"${e.name}": every one of the ${n} rows trained on ${held}, so the model learns nothing from it (a failed join? a feature never computed?); leave it out with --exclude ${e.name}`,
    });
  });
  return out;
}
