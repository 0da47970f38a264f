import type { CompiledTreeShap } from './compileTreeShap.js';
import { binOf } from './featureCuts.js';
import { decideSignSplit } from './signSplit.js';
import { accumulateQuadratureTrees, createTreeShapScratch, type TreeShapScratch } from './treeShapRow.js';

/** Most rows per block: past this, measured gains stop (depth 4) or flatten (depth 6). */
export const MAX_SHAP_BLOCK_ROWS = 128;
/** Fewest rows per block the default gives, however many pattern cells a model has. */
export const MIN_SHAP_BLOCK_ROWS = 16;
/** The block's pattern cells are held to this many bytes, when the block size is not given. */
export const SHAP_BLOCK_PATTERN_BYTES = 4 * 1024 * 1024;

/**
 * Rows per block for `compiled`: as many as {@link MAX_SHAP_BLOCK_ROWS}, fewer when the block's
 * pattern cells would pass {@link SHAP_BLOCK_PATTERN_BYTES}, never fewer than
 * {@link MIN_SHAP_BLOCK_ROWS}. Larger blocks reuse each unit's table for more rows, which is what
 * pays on big tables (XGBoost depth 6, 12.6 MiB of tables: 222 us/row at 32 rows, 144 at 128, 131
 * at 256; depth 4: flat from 64 on).
 */
export function defaultShapBlockRows(compiled: CompiledTreeShap): number {
  const cells = compiled.tables.nTop + compiled.tables.nUnits;
  const fit = Math.floor(SHAP_BLOCK_PATTERN_BYTES / (Int32Array.BYTES_PER_ELEMENT * Math.max(1, cells)));
  return Math.max(MIN_SHAP_BLOCK_ROWS, Math.min(MAX_SHAP_BLOCK_ROWS, fit));
}

/**
 * Reusable working memory for {@link treeShapBlock}, sized for one explainer and one block size.
 * Never shared by two blocks at once; reusing it keeps explaining a batch free of allocation.
 */
export interface TreeShapBlockScratch {
  /** Rows per block. */
  readonly blockRows: number;
  /** The block's rows, feature-major (`x[feature * blockRows + r]`), float32-rounded, NaN for missing. */
  readonly x: Float64Array;
  /** The block's bins (see `featureCuts.ts`): column `c` (2 per feature), row `r` at `c * blockRows + r`. */
  readonly bins: Int32Array;
  /** Pattern cells (top splits, then unit roots) per row of the block: cell c, row r at `c * blockRows + r`. */
  readonly pattern: Int32Array;
  /** Per row of the block: which way the row goes at the current split (1 true, 0 false). */
  readonly go: Int32Array;
  /** Per row of the block: the current unit's table key, then where its row of the table starts. */
  readonly key: Int32Array;
  /** The block's contributions, feature-major like `x`, copied out row-major at the end. */
  readonly sum: Float64Array;
  /** One row, contiguous, for the quadrature trees. */
  readonly row: Float64Array;
  /** Scratch of the row-at-a-time quadrature sweeps. */
  readonly rowScratch: TreeShapScratch;
}

/** Allocates block scratch for `compiled`, `blockRows` rows per block (default {@link defaultShapBlockRows}). */
export function createTreeShapBlockScratch(compiled: CompiledTreeShap, blockRows: number = defaultShapBlockRows(compiled)): TreeShapBlockScratch {
  const { nTop, nUnits } = compiled.tables;
  const nF = compiled.nFeatures;
  return {
    blockRows,
    x: new Float64Array(nF * blockRows),
    bins: new Int32Array(2 * nF * blockRows),
    // Tree roots' cells are never written, so stay 0 (no feature followed yet) across blocks.
    pattern: new Int32Array((nTop + nUnits) * blockRows),
    go: new Int32Array(blockRows),
    key: new Int32Array(blockRows),
    sum: new Float64Array(nF * blockRows),
    row: new Float64Array(nF),
    rowScratch: createTreeShapScratch(compiled),
  };
}

/**
 * Exact TreeSHAP of `nb <= blockRows` rows at once: rows `rowStart .. rowStart + nb - 1` of the
 * row-major `rows`, written to `out` from `outOffset`, `nFeatures + 1` values per row, the same
 * numbers bit for bit as {@link treeShapRow} row by row: every output cell receives the same
 * additions in the same order, and every split decision is the same exact answer.
 *
 * The loops are turned inside out: for each top split, then each unit, every row of the block is
 * handled before the next, so a unit's table block and its splits' constants are loaded once per
 * block rather than once per row, and the inner loops run over rows with trip counts the CPU
 * predicts. Split decisions are integer comparisons of per-row bins (`featureCuts.ts`), found
 * once per feature per row. Quadrature trees, the fallback, still run row by row after the tables.
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
  const { x, bins, pattern, go, key, sum } = scratch;
  const tables = compiled.tables;
  for (let r = 0; r < nb; r++) {
    const base = (rowStart + r) * nF;
    for (let j = 0; j < nF; j++) x[j * B + r] = Math.fround(rows[base + j] as number);
    out[outOffset + r * width + nF] = compiled.expectedValue;
  }
  // From +0, as the row path starts, so every cell adds the same terms in the same order.
  sum.fill(0);
  const { cuts } = tables;
  for (let j = 0; j < nF; j++) {
    const nCuts = (cuts.start[j + 1] as number) - (cuts.start[j] as number);
    if (nCuts === 0) continue;
    const xb = j * B;
    const lo = 2 * j * B;
    const hi = lo + B;
    for (let r = 0; r < nb; r++) {
      const v = x[xb + r] as number;
      const missing = v !== v;
      const bin = missing ? 0 : binOf(cuts, j, v);
      bins[lo + r] = bin;
      bins[hi + r] = missing ? nCuts : bin;
    }
  }

  const { nTop, topFeature, topCut, topHow, topThreshold, topMode, topNanTrue, topColumn, topCutIndex, topSet, topKeep, topTrue, topFalse } = tables;
  for (let q = 0; q < nTop; q++) {
    const column = topColumn[q] as number;
    // Generic splits (EQ, NEQ, infinite thresholds) are rare: decided into `go` first, then read
    // back as a bin comparison that always holds or never does.
    let at = column * B;
    let cutIndex = topCutIndex[q] as number;
    let flip = 1 ^ (topHow[q] as number);
    if (column < 0) {
      genericDecisions(
        go,
        x,
        (topFeature[q] as number) * B,
        topCut[q] as number,
        topHow[q] as number,
        topThreshold[q] as number,
        topMode[q] as number,
        topNanTrue[q] as number,
        nb,
      );
      at = 0;
      cutIndex = 0;
      flip = 0;
    }
    const src = column < 0 ? go : bins;
    const set = topSet[q] as number;
    const keep = topKeep[q] as number;
    const pb = q * B;
    const tb = (topTrue[q] as number) * B;
    const fb = (topFalse[q] as number) * B;
    for (let r = 0; r < nb; r++) {
      const here = pattern[pb + r] as number;
      const taken = here | set;
      const notTaken = here & keep;
      // Select without a branch: which way a row goes is data, and a branch on it mispredicts.
      const m = -(((cutIndex - (src[at + r] as number)) >>> 31) ^ flip);
      const onTrue = (taken & m) | (notTaken & ~m);
      pattern[tb + r] = onTrue;
      pattern[fb + r] = taken ^ notTaken ^ onTrue;
    }
  }

  const { innerFeature, innerCut, innerHow, innerThreshold, innerMode, innerNanTrue, innerColumn, innerCutIndex } = tables;
  const { nUnits, unitShift, unitOffset, unitWidth, unitFeatureStart, unitFeature, values } = tables;
  let i = 0;
  for (let u = 0; u < nUnits; u++) {
    const shift = unitShift[u] as number;
    const ub = (nTop + u) * B;
    const offset = unitOffset[u] as number;
    const w = unitWidth[u] as number;
    for (let r = 0; r < nb; r++) key[r] = (pattern[ub + r] as number) << shift;
    for (let b = 0; b < shift; b++, i++) {
      const column = innerColumn[i] as number;
      if (column >= 0) {
        const at = column * B;
        const cutIndex = innerCutIndex[i] as number;
        const flip = 1 ^ (innerHow[i] as number);
        for (let r = 0; r < nb; r++) key[r] = (key[r] as number) | ((((cutIndex - (bins[at + r] as number)) >>> 31) ^ flip) << b);
      } else {
        genericDecisions(
          go,
          x,
          (innerFeature[i] as number) * B,
          innerCut[i] as number,
          innerHow[i] as number,
          innerThreshold[i] as number,
          innerMode[i] as number,
          innerNanTrue[i] as number,
          nb,
        );
        for (let r = 0; r < nb; r++) key[r] = (key[r] as number) | ((go[r] as number) << b);
      }
    }
    for (let r = 0; r < nb; r++) key[r] = offset + (key[r] as number) * w;
    const f0 = unitFeatureStart[u] as number;
    for (let c = 0; c < w; c++) {
      const at = (unitFeature[f0 + c] as number) * B;
      for (let r = 0; r < nb; r++) sum[at + r] = (sum[at + r] as number) + (values[(key[r] as number) + c] as number);
    }
  }
  for (let r = 0; r < nb; r++) {
    const o = outOffset + r * width;
    for (let j = 0; j < nF; j++) out[o + j] = sum[j * B + r] as number;
  }

  if (compiled.quadratureTrees.length === 0) return;
  const row = scratch.row;
  for (let r = 0; r < nb; r++) {
    for (let j = 0; j < nF; j++) row[j] = x[j * B + r] as number;
    accumulateQuadratureTrees(compiled, scratch.rowScratch, row, out, outOffset + r * width);
  }
}

/** `go[r]` for a split the bins do not cover (EQ, NEQ, infinite thresholds): the ordinary comparison. */
function genericDecisions(
  go: Int32Array,
  x: Float64Array,
  at: number,
  cut: number,
  how: number,
  threshold: number,
  mode: number,
  nanTrue: number,
  nb: number,
): void {
  for (let r = 0; r < nb; r++) go[r] = decideSignSplit(x[at + r] as number, cut, how, threshold, mode, nanTrue);
}
