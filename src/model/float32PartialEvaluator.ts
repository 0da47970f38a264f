import { Comparison, type Float32Ensemble } from './float32Ensemble.js';
import { logisticAsOnnxruntime } from './onnxruntimeLogistic.js';

/**
 * Scores rows that differ from a scored row in a few columns by re-walking only the trees whose
 * path those columns can change (see {@link DivergenceWalker}), with the same float32 arithmetic
 * as {@link evaluateFloat32}: every tree's leaf value is kept per row, leaves are summed in float32
 * in tree order from 0 (a Math.fround after every add), the base value is added last, and LOGISTIC
 * goes through {@link logisticAsOnnxruntime}. A tree the change cannot move reaches the same leaf
 * for both rows, so the sum over the kept and re-walked leaves is, bit for bit, the sum a full walk
 * of the changed row gives (test/model/float32PartialEvaluator.test.ts holds it to that on random
 * ensembles).
 *
 * Only for an ensemble whose float32 evaluator `loadModel` proved bit-equal to onnxruntime; see
 * {@link provenPartialEvaluator}.
 */
export interface Float32PartialEvaluator {
  readonly ensemble: Float32Ensemble;
  /** Trees in the ensemble. */
  readonly nTrees: number;
  /** How many trees test at least one of `columns`: the most a change there re-walks. */
  treesReading(columns: readonly number[]): number;
  /** How many trees test `column`. */
  treesTesting(column: number): number;
  /**
   * A walker for rows that equal a base row outside `columns` (see {@link DivergenceWalker}). Each
   * call returns a walker with its own state; the per-node table behind it is built once per
   * `columns` array (held weakly), so pass the same array for the same columns.
   */
  divergenceWalker(columns: readonly number[]): DivergenceWalker;
}

/**
 * Scores rows that equal a base row outside a fixed set of columns by following each tree from
 * where the base row's own path first tests one of those columns (its divergence point): above it
 * the path tests only columns both rows share, so both rows take it. A tree whose base path tests
 * none of the columns a row changes reaches the base row's leaf and is not walked at all. So a
 * row re-walks only the trees whose base path it can leave, and only from where it can leave it,
 * not from the root every tree that tests a changed column anywhere. The sum is the same float32 sum over every tree's leaf in tree order,
 * so the bits equal a full walk (test/model/float32PartialEvaluator.test.ts).
 */
export interface DivergenceWalker {
  /**
   * Walks the base row at `rows[offset ..]` in full and keeps what its rows need: its leaves, its
   * running sum after each tree, and for each tree where its path first tests one of the columns
   * and which of them it tests from there on. Returns P (or the margin under NONE), NaN where the
   * logistic is a near tie.
   */
  walkBase(rows: Float32Array, offset: number): number;
  /**
   * The bit of a {@link DivergenceWalker.walkDiverged} mask that stands for `columns[j]`. Several
   * columns may share a bit (past 32 columns): a shared bit re-walks a tree that did not need it,
   * which costs time, never exactness.
   */
  bitOf(j: number): number;
  /**
   * P of `n` rows, row i at `rows[offsets[i] ..]` equal to the last base row except in columns
   * whose bits are in `masks[i]`, into `out[i]` (NaN where the logistic is a near tie). The trees
   * whose base path tests such a column are walked on from their divergence point, the others keep
   * the base row's leaf; the sums of four rows run side by side (each is a chain of dependent
   * float32 adds), each from the base row's running sum before its first re-walked tree.
   */
  walkDiverged(rows: Float32Array, offsets: Int32Array, masks: Int32Array, n: number, out: Float64Array): void;
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
   * The leaf reached from the word `start` (a root, or a node on the row's path) for the row at `offset`: the walk of {@link evaluateFloat32} (a NaN
   * takes its node's NaN side; otherwise the reduced comparison decides) over the packed nodes.
   */
  function leafFrom(rows: Float32Array, offset: number, start: number): number {
    let at = start;
    let w = words[at] as number;
    while (w >= 0) {
      at = next(rows, offset, at, w);
      w = words[at] as number;
    }
    return floats[at + 1] as number;
  }

  /** The word index of the child a row at `offset` takes from the internal node at `at` (word `w`): one step of {@link leafFrom}. */
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
   * walks of {@link leafFrom}, four trees advanced side by side so that their independent chains of
   * loads overlap (one walk alone waits on each load).
   */
  function leavesOf(rows: Float32Array, offset: number, trees: Int32Array, n: number, leaves: Float32Array, to: number): void {
    leavesFrom(rows, offset, trees, null, 0, n, leaves, to);
  }

  /**
   * {@link leavesOf} for the trees `trees[first .. first + n)`, each walk started at the word
   * `starts[k]` of its tree (a node on the row's own path), or at the roots when `starts` is null.
   */
  function leavesFrom(
    rows: Float32Array,
    offset: number,
    trees: Int32Array,
    starts: Int32Array | null,
    first: number,
    n: number,
    leaves: Float32Array,
    to: number,
  ): void {
    const end = first + n;
    let k = first;
    for (; k + 4 <= end; k += 4) {
      const t0 = trees[k] as number;
      const t1 = trees[k + 1] as number;
      const t2 = trees[k + 2] as number;
      const t3 = trees[k + 3] as number;
      let a0 = (starts === null ? rootWords[t0] : starts[k]) as number;
      let a1 = (starts === null ? rootWords[t1] : starts[k + 1]) as number;
      let a2 = (starts === null ? rootWords[t2] : starts[k + 2]) as number;
      let a3 = (starts === null ? rootWords[t3] : starts[k + 3]) as number;
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
    for (; k < end; k++) leaves[to + (trees[k] as number)] = leafFrom(rows, offset, (starts === null ? rootWords[trees[k] as number] : starts[k]) as number);
  }

  /** The base value and post-transform of {@link evaluateFloat32}, on the float32 sum of the leaves. */
  function transform(sum: number): number {
    const margin = Math.fround(sum + baseValue);
    return logistic ? logisticAsOnnxruntime(margin) : margin;
  }

  /** Per column set: the bit of every internal node's column (0 when not in the set), and the trees that test a column of the set. */
  interface DivergenceTable {
    readonly nodeBits: Int32Array;
    readonly trees: Int32Array;
    readonly others: Int32Array;
  }
  const divergenceTables = new WeakMap<readonly number[], DivergenceTable>();
  function divergenceTable(columns: readonly number[]): DivergenceTable {
    const bitOfColumn = new Map<number, number>();
    columns.forEach((c, j) => bitOfColumn.set(c, (bitOfColumn.get(c) ?? 0) | (1 << (j & 31))));
    const nodeBits = new Int32Array(nNodes);
    for (let i = 0; i < nNodes; i++) {
      const f = feature[i] as number;
      if (f >= 0) nodeBits[i] = bitOfColumn.get(f) ?? 0;
    }
    const reads = new Uint8Array(nTrees);
    for (const c of bitOfColumn.keys()) for (const t of byColumn[c] ?? []) reads[t] = 1;
    const trees: number[] = [];
    const others: number[] = [];
    for (let t = 0; t < nTrees; t++) (reads[t] === 1 ? trees : others).push(t);
    return { nodeBits, trees: Int32Array.from(trees), others: Int32Array.from(others) };
  }

  function createDivergenceWalker({ nodeBits, trees, others }: DivergenceTable): DivergenceWalker {
    const nRead = trees.length;
    /** Per tree of `trees` (by position): the word where the base path first tests a column of the set (-1: never), and the bits it tests from there. */
    const start = new Int32Array(nRead);
    const tested = new Int32Array(nRead);
    const base = new Float32Array(nTrees);
    /** The base row's running float32 sum after each tree: a row re-walked from tree t on shares the sum before t. */
    const prefix = new Float32Array(nTrees);
    /** One slot of leaves per row of a walkDiverged call, and where each row's re-walk starts (grown as needed). */
    let slots = new Float32Array(8 * nTrees);
    let firsts = new Int32Array(8);
    /** Per distinct mask of a walkDiverged call: the mask, and where its picked trees and their start words sit in the pools. */
    let maskOf = new Int32Array(8);
    let pickFrom = new Int32Array(8);
    let pickCount = new Int32Array(8);
    let pickedTrees = new Int32Array(8 * nRead);
    let pickedStarts = new Int32Array(8 * nRead);

    /** Walks `trees[k]` of the base row from its root, recording its divergence point and the bits it tests from there. */
    function walkRecorded(rows: Float32Array, offset: number, k: number): void {
      const t = trees[k] as number;
      let a = rootWords[t] as number;
      let w = words[a] as number;
      let first = -1;
      let bits = 0;
      while (w >= 0) {
        const b = nodeBits[a >> 2] as number;
        if (b !== 0) {
          if (first < 0) first = a;
          bits |= b;
        }
        a = next(rows, offset, a, w);
        w = words[a] as number;
      }
      base[t] = floats[a + 1] as number;
      start[k] = first;
      tested[k] = bits;
    }

    /** {@link walkRecorded} for `trees[k .. k + 4)`, advanced side by side so that their chains of loads overlap. */
    function walkRecordedFour(rows: Float32Array, offset: number, k: number): void {
      let a0 = rootWords[trees[k] as number] as number;
      let a1 = rootWords[trees[k + 1] as number] as number;
      let a2 = rootWords[trees[k + 2] as number] as number;
      let a3 = rootWords[trees[k + 3] as number] as number;
      let w0 = words[a0] as number;
      let w1 = words[a1] as number;
      let w2 = words[a2] as number;
      let w3 = words[a3] as number;
      let f0 = -1;
      let f1 = -1;
      let f2 = -1;
      let f3 = -1;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      while (w0 >= 0 || w1 >= 0 || w2 >= 0 || w3 >= 0) {
        if (w0 >= 0) {
          const b = nodeBits[a0 >> 2] as number;
          if (b !== 0) {
            if (f0 < 0) f0 = a0;
            b0 |= b;
          }
          a0 = next(rows, offset, a0, w0);
          w0 = words[a0] as number;
        }
        if (w1 >= 0) {
          const b = nodeBits[a1 >> 2] as number;
          if (b !== 0) {
            if (f1 < 0) f1 = a1;
            b1 |= b;
          }
          a1 = next(rows, offset, a1, w1);
          w1 = words[a1] as number;
        }
        if (w2 >= 0) {
          const b = nodeBits[a2 >> 2] as number;
          if (b !== 0) {
            if (f2 < 0) f2 = a2;
            b2 |= b;
          }
          a2 = next(rows, offset, a2, w2);
          w2 = words[a2] as number;
        }
        if (w3 >= 0) {
          const b = nodeBits[a3 >> 2] as number;
          if (b !== 0) {
            if (f3 < 0) f3 = a3;
            b3 |= b;
          }
          a3 = next(rows, offset, a3, w3);
          w3 = words[a3] as number;
        }
      }
      base[trees[k] as number] = floats[a0 + 1] as number;
      base[trees[k + 1] as number] = floats[a1 + 1] as number;
      base[trees[k + 2] as number] = floats[a2 + 1] as number;
      base[trees[k + 3] as number] = floats[a3 + 1] as number;
      start[k] = f0;
      start[k + 1] = f1;
      start[k + 2] = f2;
      start[k + 3] = f3;
      tested[k] = b0;
      tested[k + 1] = b1;
      tested[k + 2] = b2;
      tested[k + 3] = b3;
    }

    return {
      walkBase(rows, offset) {
        leavesOf(rows, offset, others, others.length, base, 0);
        let k = 0;
        for (; k + 4 <= nRead; k += 4) walkRecordedFour(rows, offset, k);
        for (; k < nRead; k++) walkRecorded(rows, offset, k);
        let sum = 0;
        for (let t = 0; t < nTrees; t++) prefix[t] = sum = Math.fround(sum + (base[t] as number));
        return transform(sum);
      },
      bitOf(j) {
        return 1 << (j & 31);
      },
      walkDiverged(rows, offsets, masks, n, out) {
        if (n * nTrees > slots.length) slots = new Float32Array(n * nTrees * 2);
        if (n > firsts.length) {
          firsts = new Int32Array(n * 2);
          maskOf = new Int32Array(n * 2);
          pickFrom = new Int32Array(n * 2);
          pickCount = new Int32Array(n * 2);
        }
        if (n * nRead > pickedTrees.length) {
          pickedTrees = new Int32Array(n * nRead);
          pickedStarts = new Int32Array(n * nRead);
        }
        // Rows that change the same columns walk the same trees from the same points: the trees
        // are picked once per distinct mask of the call (a plan has a few: what-ifs of one
        // category change the same two columns).
        let nMasks = 0;
        let picked = 0;
        for (let i = 0; i < n; i++) {
          const changed = masks[i] as number;
          let u = 0;
          while (u < nMasks && maskOf[u] !== changed) u++;
          if (u === nMasks) {
            const from = picked;
            for (let k = 0; k < nRead; k++) {
              if (((tested[k] as number) & changed) === 0) continue;
              pickedTrees[picked] = trees[k] as number;
              pickedStarts[picked++] = start[k] as number;
            }
            maskOf[u] = changed;
            pickFrom[u] = from;
            pickCount[u] = picked - from;
            nMasks++;
          }
          const from = pickFrom[u] as number;
          const m = pickCount[u] as number;
          // Trees before the first re-walked one keep the base row's leaves, and so its running sum.
          firsts[i] = m === 0 ? nTrees : (pickedTrees[from] as number);
          slots.set(base, i * nTrees);
          leavesFrom(rows, offsets[i] as number, pickedTrees, pickedStarts, from, m, slots, i * nTrees);
        }
        let i = 0;
        for (; i + 4 <= n; i += 4) {
          // Four chains of dependent adds side by side, from the earliest first tree of the four:
          // before its own first tree a row's slot holds the base leaves, so its sum there is the
          // base row's running sum, bit for bit.
          const from = Math.min(firsts[i] as number, firsts[i + 1] as number, firsts[i + 2] as number, firsts[i + 3] as number);
          let s0 = from === 0 ? 0 : (prefix[from - 1] as number);
          let s1 = s0;
          let s2 = s0;
          let s3 = s0;
          const a0 = i * nTrees;
          const a1 = a0 + nTrees;
          const a2 = a1 + nTrees;
          const a3 = a2 + nTrees;
          for (let t = from; t < nTrees; t++) {
            s0 = Math.fround(s0 + (slots[a0 + t] as number));
            s1 = Math.fround(s1 + (slots[a1 + t] as number));
            s2 = Math.fround(s2 + (slots[a2 + t] as number));
            s3 = Math.fround(s3 + (slots[a3 + t] as number));
          }
          out[i] = transform(s0);
          out[i + 1] = transform(s1);
          out[i + 2] = transform(s2);
          out[i + 3] = transform(s3);
        }
        for (; i < n; i++) {
          const from = firsts[i] as number;
          const at = i * nTrees;
          let sum = from === 0 ? 0 : (prefix[from - 1] as number);
          for (let t = from; t < nTrees; t++) sum = Math.fround(sum + (slots[at + t] as number));
          out[i] = transform(sum);
        }
      },
    };
  }

  return {
    ensemble,
    nTrees,
    treesTesting(column) {
      return byColumn[column]?.length ?? 0;
    },
    divergenceWalker(columns) {
      let table = divergenceTables.get(columns);
      if (table === undefined) divergenceTables.set(columns, (table = divergenceTable(columns)));
      return createDivergenceWalker(table);
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
