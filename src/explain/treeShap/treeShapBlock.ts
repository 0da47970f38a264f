import type { CompiledTreeShap } from './compileTreeShap.js';
import { decideSignSplit } from './signSplit.js';
import { accumulateQuadratureTrees, createTreeShapScratch, type TreeShapScratch } from './treeShapRow.js';

/** Rows per block by default: a block's patterns and keys stay in L1/L2 while a unit's table is reused. */
export const DEFAULT_SHAP_BLOCK_ROWS = 32;

/**
 * Reusable working memory for {@link treeShapBlock}, sized for one explainer and one block size.
 * Never shared by two blocks at once; reusing it keeps explaining a batch free of allocation.
 */
export interface TreeShapBlockScratch {
  /** Rows per block. */
  readonly blockRows: number;
  /** The block's rows, feature-major (`x[feature * blockRows + r]`), float32-rounded, NaN for missing. */
  readonly x: Float64Array;
  /** Pattern cells (top splits, then unit roots) per row of the block: cell c, row r at `c * blockRows + r`. */
  readonly pattern: Int32Array;
  /** Per row of the block: the current unit's table key. */
  readonly key: Int32Array;
  /** One row, contiguous, for the quadrature trees. */
  readonly row: Float64Array;
  /** Scratch of the row-at-a-time quadrature sweeps. */
  readonly rowScratch: TreeShapScratch;
}

/** Allocates block scratch for `compiled`, `blockRows` rows per block. */
export function createTreeShapBlockScratch(compiled: CompiledTreeShap, blockRows: number = DEFAULT_SHAP_BLOCK_ROWS): TreeShapBlockScratch {
  const { nTop, nUnits } = compiled.tables;
  return {
    blockRows,
    x: new Float64Array(compiled.nFeatures * blockRows),
    // Tree roots' cells are never written, so stay 0 (no feature followed yet) across blocks.
    pattern: new Int32Array((nTop + nUnits) * blockRows),
    key: new Int32Array(blockRows),
    row: new Float64Array(compiled.nFeatures),
    rowScratch: createTreeShapScratch(compiled),
  };
}

/**
 * Exact TreeSHAP of `nb <= blockRows` rows at once: rows `rowStart .. rowStart + nb - 1` of the
 * row-major `rows`, written to `out` from `outOffset`, `nFeatures + 1` values per row, the same
 * numbers bit for bit as {@link treeShapRow} row by row (every output cell receives the same
 * additions in the same order).
 *
 * The loops are turned inside out: for each top split, then each unit, every row of the block is
 * handled before the next, so a unit's table block and its splits' constants are loaded once per
 * block rather than once per row, and the inner loops run over rows with trip counts the CPU
 * predicts. Quadrature trees, the fallback, still run row by row after the tables.
 */
export function treeShapBlock(
  compiled: CompiledTreeShap,
  scratch: TreeShapBlockScratch,
  rows: Float32Array | Float64Array,
  rowStart: number,
  nb: number,
  out: Float64Array,
  outOffset: number,
): void {
  const nF = compiled.nFeatures;
  const width = nF + 1;
  const B = scratch.blockRows;
  const { x, pattern, key } = scratch;
  for (let r = 0; r < nb; r++) {
    const base = (rowStart + r) * nF;
    for (let j = 0; j < nF; j++) x[j * B + r] = Math.fround(rows[base + j] as number);
    const o = outOffset + r * width;
    out.fill(0, o, o + nF);
    out[o + nF] = compiled.expectedValue;
  }
  const tables = compiled.tables;
  const { nTop, topFeature, topCut, topHow, topThreshold, topMode, topNanTrue, topSet, topKeep, topTrue, topFalse } = tables;
  for (let q = 0; q < nTop; q++) {
    const xb = (topFeature[q] as number) * B;
    const cut = topCut[q] as number;
    const how = topHow[q] as number;
    const thr = topThreshold[q] as number;
    const mode = topMode[q] as number;
    const nanTrue = topNanTrue[q] as number;
    const set = topSet[q] as number;
    const keep = topKeep[q] as number;
    const pb = q * B;
    const tb = (topTrue[q] as number) * B;
    const fb = (topFalse[q] as number) * B;
    for (let r = 0; r < nb; r++) {
      const toTrue = decideSignSplit(x[xb + r] as number, cut, how, thr, mode, nanTrue);
      const here = pattern[pb + r] as number;
      const taken = here | set;
      const notTaken = here & keep;
      const m = -toTrue;
      const onTrue = (taken & m) | (notTaken & ~m);
      pattern[tb + r] = onTrue;
      pattern[fb + r] = taken ^ notTaken ^ onTrue;
    }
  }
  const { innerFeature, innerCut, innerHow, innerThreshold, innerMode, innerNanTrue } = tables;
  const { nUnits, unitShift, unitOffset, unitWidth, unitFeatureStart, unitFeature, values } = tables;
  let i = 0;
  for (let u = 0; u < nUnits; u++) {
    const shift = unitShift[u] as number;
    const ub = (nTop + u) * B;
    for (let r = 0; r < nb; r++) key[r] = (pattern[ub + r] as number) << shift;
    for (let b = 0; b < shift; b++, i++) {
      const xb = (innerFeature[i] as number) * B;
      const cut = innerCut[i] as number;
      const how = innerHow[i] as number;
      const thr = innerThreshold[i] as number;
      const mode = innerMode[i] as number;
      const nanTrue = innerNanTrue[i] as number;
      for (let r = 0; r < nb; r++) key[r] = (key[r] as number) | (decideSignSplit(x[xb + r] as number, cut, how, thr, mode, nanTrue) << b);
    }
    const w = unitWidth[u] as number;
    const offset = unitOffset[u] as number;
    const f0 = unitFeatureStart[u] as number;
    for (let r = 0; r < nb; r++) {
      const base = offset + (key[r] as number) * w;
      const o = outOffset + r * width;
      for (let c = 0; c < w; c++) {
        const at = o + (unitFeature[f0 + c] as number);
        out[at] = (out[at] as number) + (values[base + c] as number);
      }
    }
  }
  if (compiled.quadratureTrees.length === 0) return;
  const row = scratch.row;
  for (let r = 0; r < nb; r++) {
    for (let j = 0; j < nF; j++) row[j] = x[j * B + r] as number;
    accumulateQuadratureTrees(compiled, scratch.rowScratch, row, out, outOffset + r * width);
  }
}
