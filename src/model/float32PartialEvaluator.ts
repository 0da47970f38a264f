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
   * Every tree's leaf value for the row at `rows[offset ..]`, into `leaves[at .. at + nTrees)`
   * (tree order); returns P (or the margin under NONE) from them, NaN where the logistic is a
   * near tie.
   */
  walkAll(rows: Float32Array, offset: number, leaves: Float32Array, at: number): number;
  /**
   * P of the row at `rows[offset ..]`, which equals the row whose leaves are at
   * `leaves[from ..]` except in `columns`: the trees testing a column in `columns` are re-walked,
   * the others keep their leaf. The row's leaves go to `leaves[to .. to + nTrees)` (a slot apart
   * from `from`). NaN where the logistic is a near tie (the caller then asks onnxruntime).
   */
  walkChanged(rows: Float32Array, offset: number, columns: readonly number[], leaves: Float32Array, from: number, to: number): number;
  /** How many trees test at least one of `columns`: the trees a change there re-walks. */
  treesReading(columns: readonly number[]): number;
  /** How many trees test `column`. */
  treesTesting(column: number): number;
}

/**
 * Builds the partial evaluator of a float32 ensemble: for every column, the trees that test it.
 *
 * @example
 * const partial = createFloat32PartialEvaluator(flat);
 * const leaves = new Float32Array(2 * partial.nTrees);
 * const pMain = partial.walkAll(rows, 0, leaves, 0);
 * const pOther = partial.walkChanged(rows, width, [3, 7], leaves, 0, partial.nTrees);
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

  // The same nodes packed four 32-bit words each, so one step of a walk reads one 16-byte record
  // instead of five arrays (the walk is bound by those dependent loads): the column with the
  // reduced comparison and NaN side in its high bits (-1 at a leaf), the threshold (the leaf
  // value at a leaf) as float32 bits, and the word index of each child.
  const nNodes = feature.length;
  const words = new Int32Array(nNodes * 4);
  const floats = new Float32Array(words.buffer);
  for (let i = 0; i < nNodes; i++) {
    const f = feature[i] as number;
    const at = i * 4;
    if (f < 0) {
      words[at] = -1;
      floats[at + 1] = leafValue[i] as number;
      continue;
    }
    const nanTrue = nanChild[i] === trueChild[i] ? NAN_TRUE : 0;
    words[at] = f | ((comparison[i] as number) << COMPARISON_SHIFT) | nanTrue;
    floats[at + 1] = threshold[i] as number;
    words[at + 2] = (trueChild[i] as number) * 4;
    words[at + 3] = (falseChild[i] as number) * 4;
  }
  const rootWords = Int32Array.from(roots, (r) => r * 4);

  /**
   * The leaf tree `t` reaches for the row at `offset`: the walk of {@link evaluateFloat32} (a NaN
   * takes its node's NaN side; otherwise the reduced comparison decides) over the packed nodes.
   */
  function leafOf(rows: Float32Array, offset: number, t: number): number {
    let at = rootWords[t] as number;
    let w = words[at] as number;
    while (w >= 0) {
      at = next(rows, offset, at, w);
      w = words[at] as number;
    }
    return floats[at + 1] as number;
  }

  /** The word index of the child a row at `offset` takes from the internal node at `at` (word `w`): one step of {@link leafOf}. */
  function next(rows: Float32Array, offset: number, at: number, w: number): number {
    const x = rows[offset + (w & COLUMN_MASK)] as number;
    let holds: boolean;
    if (x !== x) holds = (w & NAN_TRUE) !== 0;
    else {
      const th = floats[at + 1] as number;
      const c = (w >>> COMPARISON_SHIFT) & 3;
      holds = c === Comparison.LT ? x < th : c === Comparison.LEQ ? x <= th : x === th;
    }
    return (holds ? words[at + 2] : words[at + 3]) as number;
  }

  /**
   * The leaves of the trees `trees[0 .. n)` for the row at `offset`, into `leaves[to + t]`: the
   * walks of {@link leafOf}, four trees advanced side by side so that their independent chains of
   * loads overlap (one walk alone waits on each load).
   */
  function leavesOf(rows: Float32Array, offset: number, trees: Int32Array, n: number, leaves: Float32Array, to: number): void {
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      const t0 = trees[k] as number;
      const t1 = trees[k + 1] as number;
      const t2 = trees[k + 2] as number;
      const t3 = trees[k + 3] as number;
      let a0 = rootWords[t0] as number;
      let a1 = rootWords[t1] as number;
      let a2 = rootWords[t2] as number;
      let a3 = rootWords[t3] as number;
      let w0 = words[a0] as number;
      let w1 = words[a1] as number;
      let w2 = words[a2] as number;
      let w3 = words[a3] as number;
      while (w0 >= 0 || w1 >= 0 || w2 >= 0 || w3 >= 0) {
        if (w0 >= 0) {
          a0 = next(rows, offset, a0, w0);
          w0 = words[a0] as number;
        }
        if (w1 >= 0) {
          a1 = next(rows, offset, a1, w1);
          w1 = words[a1] as number;
        }
        if (w2 >= 0) {
          a2 = next(rows, offset, a2, w2);
          w2 = words[a2] as number;
        }
        if (w3 >= 0) {
          a3 = next(rows, offset, a3, w3);
          w3 = words[a3] as number;
        }
      }
      leaves[to + t0] = floats[a0 + 1] as number;
      leaves[to + t1] = floats[a1 + 1] as number;
      leaves[to + t2] = floats[a2 + 1] as number;
      leaves[to + t3] = floats[a3 + 1] as number;
    }
    for (; k < n; k++) leaves[to + (trees[k] as number)] = leafOf(rows, offset, trees[k] as number);
  }
  const allTrees = Int32Array.from({ length: nTrees }, (_, t) => t);
  const toWalk = new Int32Array(nTrees);

  /** The sum and post-transform of {@link evaluateFloat32}, over the leaves at `leaves[at ..]`. */
  function probability(leaves: Float32Array, at: number): number {
    let sum = 0;
    for (let t = 0; t < nTrees; t++) sum = Math.fround(sum + (leaves[at + t] as number));
    const margin = Math.fround(sum + baseValue);
    return logistic ? logisticAsOnnxruntime(margin) : margin;
  }

  return {
    ensemble,
    nTrees,
    walkAll(rows, offset, leaves, at) {
      leavesOf(rows, offset, allTrees, nTrees, leaves, at);
      return probability(leaves, at);
    },
    walkChanged(rows, offset, columns, leaves, from, to) {
      leaves.copyWithin(to, from, from + nTrees);
      let n = 0;
      for (let j = 0; j < columns.length; j++) {
        const trees = byColumn[columns[j] as number];
        if (trees === undefined) continue;
        for (let k = 0; k < trees.length; k++) {
          const t = trees[k] as number;
          if (marked[t] === 1) continue;
          marked[t] = 1;
          toWalk[n++] = t;
        }
      }
      for (let k = 0; k < n; k++) marked[toWalk[k] as number] = 0;
      leavesOf(rows, offset, toWalk, n, leaves, to);
      return probability(leaves, to);
    },
    treesTesting(column) {
      return byColumn[column]?.length ?? 0;
    },
    treesReading(columns) {
      const set = new Set<number>();
      for (const c of columns) for (const t of byColumn[c] ?? []) set.add(t);
      return set.size;
    },
  };
}

/** Columns above this do not fit the packed node word; such an ensemble gets no partial evaluator. */
const COLUMN_MASK = 0x00ff_ffff;
const COMPARISON_SHIFT = 24;
const NAN_TRUE = 1 << 26;

/** The partial evaluator of every model whose float32 evaluator was proved at load. */
const proven = new WeakMap<object, Float32PartialEvaluator>();

/**
 * Records that `model`'s float32 evaluator was proved bit-equal to onnxruntime at load, with the
 * layout the proof ran on. Called by `loadModel` only.
 * @internal
 */
export function rememberProvenFloat32(model: object, ensemble: Float32Ensemble): void {
  if (ensemble.nFeatures <= COLUMN_MASK) proven.set(model, createFloat32PartialEvaluator(ensemble));
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
