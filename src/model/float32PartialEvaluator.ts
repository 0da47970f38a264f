import { Comparison, type Float32Ensemble } from './float32Ensemble.js';
import { logisticAsOnnxruntime } from './onnxruntimeLogistic.js';

/**
 * Scores rows that differ from a scored row in a few columns by re-walking only the trees that
 * test one of those columns, with the same float32 arithmetic as {@link evaluateFloat32}: every
 * tree's leaf value is kept per row, leaves are summed in float32 in tree order from 0 (a
 * Math.fround after every add), the base value is added last, and LOGISTIC goes through
 * {@link logisticAsOnnxruntime}. A tree that tests none of the changed columns reaches the same
 * leaf for both rows, so the sum over the kept and re-walked leaves is, bit for bit, the sum a
 * full walk of the changed row gives (test/model/float32PartialEvaluator.test.ts holds it to that
 * on random ensembles).
 *
 * Only for an ensemble whose float32 evaluator `loadModel` proved bit-equal to onnxruntime; see
 * {@link provenPartialEvaluator}.
 */
export interface Float32PartialEvaluator {
  readonly ensemble: Float32Ensemble;
  /** Trees in the ensemble. */
  readonly nTrees: number;
  /**
   * Every tree's leaf value for the row at `rows[offset ..]`, into `leaves` (one per tree, tree
   * order); returns P (or the margin under NONE) from them, NaN where the logistic is a near tie.
   */
  walkAll(rows: Float32Array, offset: number, leaves: Float32Array): number;
  /**
   * P of the row at `rows[offset ..]`, which equals the row whose leaves are `baseLeaves` except
   * in `columns`: the trees testing a column in `columns` are re-walked, the others keep their
   * leaf from `baseLeaves`. `scratch` (one per tree) receives the row's leaves. NaN where the
   * logistic is a near tie (the caller then asks onnxruntime).
   */
  walkChanged(rows: Float32Array, offset: number, columns: readonly number[], baseLeaves: Float32Array, scratch: Float32Array): number;
  /** How many trees test at least one of `columns`: the trees a change there re-walks. */
  treesReading(columns: readonly number[]): number;
}

/**
 * Builds the partial evaluator of a float32 ensemble: for every column, the trees that test it.
 *
 * @example
 * const partial = createFloat32PartialEvaluator(flat);
 * const leaves = new Float32Array(partial.nTrees);
 * const pMain = partial.walkAll(rows, 0, leaves);
 * const pOther = partial.walkChanged(rows, width, [3, 7], leaves, new Float32Array(partial.nTrees));
 */
export function createFloat32PartialEvaluator(ensemble: Float32Ensemble): Float32PartialEvaluator {
  const { roots, feature, threshold, comparison, trueChild, falseChild, nanChild, leafValue, baseValue, nFeatures } = ensemble;
  const logistic = ensemble.postTransform === 'LOGISTIC';
  const nTrees = roots.length;
  // Trees by column, ascending; each node range of a tree is [roots[t], roots[t + 1]).
  const lists: number[][] = Array.from({ length: nFeatures }, () => []);
  for (let t = 0; t < nTrees; t++) {
    const end = t + 1 < nTrees ? (roots[t + 1] as number) : feature.length;
    const seen = new Set<number>();
    for (let i = roots[t] as number; i < end; i++) {
      const f = feature[i] as number;
      if (f >= 0 && !seen.has(f)) {
        seen.add(f);
        lists[f]?.push(t);
      }
    }
  }
  const byColumn = lists.map((l) => Int32Array.from(l));
  // Marks of the trees to re-walk for one row; reset after each use, so no allocation per row.
  const marked = new Uint8Array(nTrees);

  /** The leaf tree `t` reaches for the row at `offset`: the walk of {@link evaluateFloat32}. */
  function leafOf(rows: Float32Array, offset: number, t: number): number {
    let i = roots[t] as number;
    let f = feature[i] as number;
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
    return leafValue[i] as number;
  }

  /** The sum and post-transform of {@link evaluateFloat32}, over kept leaves. */
  function probability(leaves: Float32Array): number {
    let sum = 0;
    for (let t = 0; t < nTrees; t++) sum = Math.fround(sum + (leaves[t] as number));
    const margin = Math.fround(sum + baseValue);
    return logistic ? logisticAsOnnxruntime(margin) : margin;
  }

  return {
    ensemble,
    nTrees,
    walkAll(rows, offset, leaves) {
      for (let t = 0; t < nTrees; t++) leaves[t] = leafOf(rows, offset, t);
      return probability(leaves);
    },
    walkChanged(rows, offset, columns, baseLeaves, scratch) {
      scratch.set(baseLeaves);
      for (const c of columns) {
        const trees = byColumn[c];
        if (trees === undefined) continue;
        for (let k = 0; k < trees.length; k++) {
          const t = trees[k] as number;
          if (marked[t] === 1) continue;
          marked[t] = 1;
          scratch[t] = leafOf(rows, offset, t);
        }
      }
      for (const c of columns) {
        const trees = byColumn[c];
        if (trees !== undefined) for (let k = 0; k < trees.length; k++) marked[trees[k] as number] = 0;
      }
      return probability(scratch);
    },
    treesReading(columns) {
      const set = new Set<number>();
      for (const c of columns) for (const t of byColumn[c] ?? []) set.add(t);
      return set.size;
    },
  };
}

/** The partial evaluator of every model whose float32 evaluator was proved at load. */
const proven = new WeakMap<object, Float32PartialEvaluator>();

/**
 * Records that `model`'s float32 evaluator was proved bit-equal to onnxruntime at load, with the
 * layout the proof ran on. Called by `loadModel` only.
 * @internal
 */
export function rememberProvenFloat32(model: object, ensemble: Float32Ensemble): void {
  proven.set(model, createFloat32PartialEvaluator(ensemble));
}

/**
 * The partial evaluator of a model `loadModel` returned with a proved float32 evaluator, or
 * undefined (forced onnxruntime, an unsupported form, a failed probe, or a model object built
 * elsewhere): its rows then go to the model's own `predict`.
 * @internal
 */
export function provenPartialEvaluator(model: object): Float32PartialEvaluator | undefined {
  return proven.get(model);
}
