import { binSplit, featureCuts, type FeatureCuts } from './featureCuts.js';
import { SignSplitHow, signSplit } from './signSplit.js';
import { leafPatternTable, treeSlots, type LeafPatternTable, type TreeShape, type TreeSlots } from './leafPatternTable.js';

/**
 * The table form of TreeSHAP for a whole ensemble, laid out flat so a row runs three loops over
 * typed arrays instead of a loop per tree (per-tree object access measured as costly as the work).
 *
 * Each tree is cut at height `h`: the maximal subtrees of height <= h are *units*; the splits
 * above them are *top* splits. A top split pushes the row's pattern of followed features (see
 * `leafPatternTable.ts`) down to its children; inside a unit each split only records which way
 * the row goes, one bit each. A unit's contributions are a function of (pattern at its root, its
 * splits' bits), tabulated at compile time as the sum of its leaves' pattern tables, so a row pays
 * one look-up per unit, not per leaf. With h = 0 every unit is a single leaf (Fast TreeSHAP v2).
 */
export interface PatternTables {
  /** Number of top splits, all trees together; each tree's in preorder, so parents come first. */
  readonly nTop: number;
  readonly topFeature: Int32Array;
  /** Sign-test form of the split (see `signSplit.ts`): the value compared with, and how. */
  readonly topCut: Float64Array;
  readonly topHow: Uint8Array;
  /** The split as given, for the splits the sign test does not cover. */
  readonly topThreshold: Float64Array;
  readonly topMode: Uint8Array;
  /** 1 when NaN takes the true branch (missing tracks true, or a NEQ split, as the runtime does). */
  readonly topNanTrue: Uint8Array;
  /** The slot bit the taken child gains (0 unless this split opens its slot). */
  readonly topSet: Int32Array;
  /** All bits but this split's slot: what the child not taken keeps. */
  readonly topKeep: Int32Array;
  /** Pattern cell of the true child: a top split's own index, or nTop + unit for a unit root. */
  readonly topTrue: Int32Array;
  readonly topFalse: Int32Array;
  /**
   * Splits inside units, unit after unit, each unit's in preorder: the i-th split of a unit sets
   * bit i of the unit's key. Fields as for the top splits.
   */
  readonly innerFeature: Int32Array;
  readonly innerCut: Float64Array;
  readonly innerHow: Uint8Array;
  readonly innerThreshold: Float64Array;
  readonly innerMode: Uint8Array;
  readonly innerNanTrue: Uint8Array;
  /**
   * The same splits as bin comparisons (see `featureCuts.ts`), for the batch path: bin column and
   * cut index per split; column -1 for the generic splits, which keep the ordinary comparison.
   */
  readonly topColumn: Int32Array;
  readonly topCutIndex: Int32Array;
  readonly innerColumn: Int32Array;
  readonly innerCutIndex: Int32Array;
  /** Every feature's distinct sign-test cuts, which the bins count. */
  readonly cuts: FeatureCuts;
  /** Number of units. */
  readonly nUnits: number;
  /** Per unit: number of its splits; the root pattern sits above their bits in the key. */
  readonly unitShift: Uint8Array;
  /** Per unit: start of its block in `values`, `2^(slots above + splits) x width` entries. */
  readonly unitOffset: Int32Array;
  /** Per unit: number of features it credits. */
  readonly unitWidth: Int32Array;
  /** Per unit: start of its features in `unitFeature`. */
  readonly unitFeatureStart: Int32Array;
  readonly unitFeature: Int32Array;
  /** Contributions: unit u, key k, column c at `unitOffset[u] + k * unitWidth[u] + c`. */
  readonly values: Float64Array;
}

/** A compiled tree as the tables need it: its shape plus how each split decides. */
export interface TableTreeInput extends TreeShape {
  readonly threshold: Float64Array;
  readonly mode: Uint8Array;
  readonly missingTracksTrue: Uint8Array;
}

/** Keys past 2^24 are never worth tabulating, and keep every key a safe 32-bit integer. */
const MAX_KEY_BITS = 24;

const NEQ = 5;

interface Unit {
  readonly root: number;
  /** Splits inside, preorder. */
  readonly splits: number[];
  readonly leaves: number[];
  /** Features credited: the path's slots above the root in slot order, then new ones. */
  readonly features: number[];
  readonly keyBits: number;
}

/** A tree cut at height h, ready to size or to add to the tables. */
export interface TreeCut {
  readonly tree: TableTreeInput;
  readonly slots: TreeSlots;
  readonly height: number;
  readonly top: number[];
  readonly units: Unit[];
  /** Float64 entries its tables take; Infinity when a unit would need more than 2^24 keys. */
  readonly size: number;
}

/** Cuts a tree at height `h` (see {@link PatternTables}) and sizes its tables, without building them. */
export function cutTree(tree: TableTreeInput, h: number, slots: TreeSlots = treeSlots(tree)): TreeCut {
  const { n, nInternal, feature, trueChild, falseChild, parent } = tree;
  const height = new Int32Array(n);
  for (let p = nInternal - 1; p >= 0; p--) height[p] = 1 + Math.max(height[trueChild[p] as number] as number, height[falseChild[p] as number] as number);
  const top: number[] = [];
  for (let p = 0; p < nInternal; p++) if ((height[p] as number) > h) top.push(p);
  const units: Unit[] = [];
  let size = 0;
  for (let v = 0; v < n; v++) {
    if ((height[v] as number) > h || (v > 0 && (height[parent[v] as number] as number) <= h)) continue;
    const splits: number[] = [];
    const leaves: number[] = [];
    const stack = [v];
    while (stack.length > 0) {
      const c = stack.pop() as number;
      if (c >= nInternal) {
        leaves.push(c);
        continue;
      }
      splits.push(c);
      stack.push(falseChild[c] as number, trueChild[c] as number);
    }
    const above = slots.slotsAbove[v] as number;
    const features = new Array<number>(above).fill(-1);
    for (let c = v; c > 0; c = parent[c] as number) {
      const p = parent[c] as number;
      features[slots.slotOf[p] as number] = feature[p] as number;
    }
    for (const p of splits) if (!features.includes(feature[p] as number)) features.push(feature[p] as number);
    const keyBits = above + splits.length;
    size += keyBits > MAX_KEY_BITS ? Number.POSITIVE_INFINITY : 2 ** keyBits * features.length;
    units.push({ root: v, splits, leaves, features, keyBits });
  }
  return { tree, slots, height: h, top, units, size };
}

/** Accumulates cut trees into one {@link PatternTables}. */
export interface PatternTablesBuilder {
  add(cut: TreeCut): void;
  finish(): PatternTables;
}

/** A unit as added, before the units are put in their final order. */
interface BuiltUnit {
  readonly splits: SplitColumns;
  readonly features: readonly number[];
  readonly block: Float64Array;
}

/** Starts an empty set of tables for a model of `nFeatures` features. */
export function createPatternTablesBuilder(nFeatures: number): PatternTablesBuilder {
  const top = { ...splitColumns(), set: [] as number[], keep: [] as number[], onTrue: [] as number[], onFalse: [] as number[] };
  const units: BuiltUnit[] = [];

  const add = (cut: TreeCut): void => {
    const { tree, slots } = cut;
    const { trueChild, falseChild, feature, threshold, mode, missingTracksTrue } = tree;
    const pushSplit = (columns: SplitColumns, p: number) => {
      const form = signSplit(mode[p] as number, threshold[p] as number);
      columns.feature.push(feature[p] as number);
      columns.cut.push(form.cut);
      columns.how.push(form.how);
      columns.threshold.push(threshold[p] as number);
      columns.mode.push(mode[p] as number);
      columns.nanTrue.push((missingTracksTrue[p] as number) === 1 || mode[p] === NEQ ? 1 : 0);
    };
    const bitOf = (p: number) => 1 << (slots.slotOf[p] as number);
    const setOf = (p: number) => (slots.first[p] === 1 ? bitOf(p) : 0);
    // Where each node's pattern lives: top splits by global index, unit roots after all top
    // splits in an order fixed only in finish(), so encoded as -(unit + 1) until then.
    const cell = new Map<number, number>();
    const topBase = top.feature.length;
    cut.top.forEach((p, i) => cell.set(p, topBase + i));
    const unitBase = units.length;
    cut.units.forEach((u, i) => cell.set(u.root, -(unitBase + i) - 1));
    for (const p of cut.top) {
      pushSplit(top, p);
      top.set.push(setOf(p));
      top.keep.push(~bitOf(p));
      top.onTrue.push(cell.get(trueChild[p] as number) as number);
      top.onFalse.push(cell.get(falseChild[p] as number) as number);
    }
    for (const u of cut.units) {
      const splits = splitColumns();
      for (const p of u.splits) pushSplit(splits, p);
      units.push({ splits, features: u.features, block: unitBlock(tree, slots, u, setOf, bitOf) });
    }
  };

  const finish = (): PatternTables => {
    // Units ordered by (splits, width), so the row loop's two inner loops run the same trip
    // counts for long stretches and their exits stop mispredicting; any order is correct.
    const order = units
      .map((_, i) => i)
      .sort((a, b) => {
        const ua = units[a] as BuiltUnit;
        const ub = units[b] as BuiltUnit;
        return ua.splits.feature.length - ub.splits.feature.length || ua.features.length - ub.features.length || a - b;
      });
    const position = new Int32Array(units.length);
    order.forEach((u, k) => (position[u] = k));
    const nTop = top.feature.length;
    const resolve = (c: number) => (c < 0 ? nTop + (position[-c - 1] as number) : c);
    const inner = splitColumns();
    const shift: number[] = [];
    const offset: number[] = [];
    const width: number[] = [];
    const featureStart: number[] = [];
    const unitFeature: number[] = [];
    let nValues = 0;
    for (const k of order) {
      const u = units[k] as BuiltUnit;
      for (const key of Object.keys(inner) as (keyof SplitColumns)[]) inner[key].push(...u.splits[key]);
      shift.push(u.splits.feature.length);
      offset.push(nValues);
      width.push(u.features.length);
      featureStart.push(unitFeature.length);
      unitFeature.push(...u.features);
      nValues += u.block.length;
    }
    const values = new Float64Array(nValues);
    order.forEach((k, i) => values.set((units[k] as BuiltUnit).block, offset[i] as number));
    const ordered = (columns: SplitColumns) =>
      columns.feature.map((feature, i) => ({ feature, cut: columns.cut[i] as number, how: columns.how[i] as number, nanTrue: columns.nanTrue[i] as number }));
    const topSplits = ordered(top);
    const innerSplits = ordered(inner);
    const cuts = featureCuts(
      nFeatures,
      [...topSplits, ...innerSplits].filter((sp) => sp.how !== SignSplitHow.GENERIC),
    );
    const binned = (splits: typeof topSplits) =>
      splits.map((sp) => (sp.how === SignSplitHow.GENERIC ? { column: -1, cutIndex: 0 } : binSplit(cuts, sp.feature, sp.cut, sp.how, sp.nanTrue)));
    const topBins = binned(topSplits);
    const innerBins = binned(innerSplits);
    return {
      nTop,
      topFeature: Int32Array.from(top.feature),
      topCut: Float64Array.from(top.cut),
      topHow: Uint8Array.from(top.how),
      topThreshold: Float64Array.from(top.threshold),
      topMode: Uint8Array.from(top.mode),
      topNanTrue: Uint8Array.from(top.nanTrue),
      topSet: Int32Array.from(top.set),
      topKeep: Int32Array.from(top.keep),
      topTrue: Int32Array.from(top.onTrue, resolve),
      topFalse: Int32Array.from(top.onFalse, resolve),
      innerFeature: Int32Array.from(inner.feature),
      innerCut: Float64Array.from(inner.cut),
      innerHow: Uint8Array.from(inner.how),
      innerThreshold: Float64Array.from(inner.threshold),
      innerMode: Uint8Array.from(inner.mode),
      innerNanTrue: Uint8Array.from(inner.nanTrue),
      topColumn: Int32Array.from(topBins, (b) => b.column),
      topCutIndex: Int32Array.from(topBins, (b) => b.cutIndex),
      innerColumn: Int32Array.from(innerBins, (b) => b.column),
      innerCutIndex: Int32Array.from(innerBins, (b) => b.cutIndex),
      cuts,
      nUnits: units.length,
      unitShift: Uint8Array.from(shift),
      unitOffset: Int32Array.from(offset),
      unitWidth: Int32Array.from(width),
      unitFeatureStart: Int32Array.from(featureStart),
      unitFeature: Int32Array.from(unitFeature),
      values,
    };
  };
  return { add, finish };
}

interface SplitColumns {
  feature: number[];
  cut: number[];
  how: number[];
  threshold: number[];
  mode: number[];
  nanTrue: number[];
}

function splitColumns(): SplitColumns {
  return { feature: [], cut: [], how: [], threshold: [], mode: [], nanTrue: [] };
}

/**
 * A unit's block: for every key (root pattern above the split bits), the sum over its leaves of
 * the leaf's table entry at the pattern the leaf ends with, per credited feature.
 */
function unitBlock(tree: TableTreeInput, slots: TreeSlots, u: Unit, setOf: (p: number) => number, bitOf: (p: number) => number): Float64Array {
  const { trueChild, parent } = tree;
  const width = u.features.length;
  const bitInUnit = new Map<number, number>();
  u.splits.forEach((p, b) => bitInUnit.set(p, b));
  const leaves = u.leaves.map((leaf) => {
    // Splits from the unit root down to the leaf, with the side the path takes.
    const path: { set: number; keep: number; bit: number; onTrue: number }[] = [];
    for (let c = leaf; c !== u.root; c = parent[c] as number) {
      const p = parent[c] as number;
      path.unshift({ set: setOf(p), keep: ~bitOf(p), bit: bitInUnit.get(p) as number, onTrue: trueChild[p] === c ? 1 : 0 });
    }
    const table: LeafPatternTable = leafPatternTable(tree, slots, leaf);
    const column = Int32Array.from(table.features, (f) => u.features.indexOf(f));
    return { path, table, column };
  });
  const shift = u.splits.length;
  const block = new Float64Array(2 ** u.keyBits * width);
  for (let key = 0; key < 2 ** u.keyBits; key++) {
    const rootPattern = key >>> shift;
    const row = key * width;
    for (const { path, table, column } of leaves) {
      let pattern = rootPattern;
      for (const s of path) {
        const taken = ((key >>> s.bit) & 1) === s.onTrue;
        pattern = taken ? pattern | s.set : pattern & s.keep;
      }
      const d = table.d;
      for (let k = 0; k < d; k++) {
        const at = row + (column[k] as number);
        block[at] = (block[at] as number) + (table.values[pattern * d + k] as number);
      }
    }
  }
  return block;
}
