import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTreeExplainer } from '../src/explain/createTreeExplainer.js';
import { arbitraryDeepTreeEnsemble, arbitraryRow, arbitraryTreeEnsemble } from '../src/explain/treeShap/arbitraryTreeEnsemble.js';
import { bruteForceShap } from '../src/explain/treeShap/bruteForceShap.js';
import { compileTreeShap, type CompileTreeShapOptions, type CompiledTreeShap } from '../src/explain/treeShap/compileTreeShap.js';
import {
  MAX_SHAP_BLOCK_ROWS,
  MIN_SHAP_BLOCK_ROWS,
  SHAP_BLOCK_PATTERN_BYTES,
  createTreeShapBlockScratch,
  defaultShapBlockRows,
  treeShapBlock,
} from '../src/explain/treeShap/treeShapBlock.js';
import { createTreeShapScratch, treeShapRow } from '../src/explain/treeShap/treeShapRow.js';
import type { TreeEnsemble } from '../src/model/treeEnsemble.js';

/** The bits of every value, so -0, +0 and NaN payloads count as different. */
const bits = (values: Float64Array) => [...new BigUint64Array(values.buffer, values.byteOffset, values.length)];

/** Row by row, as `shap` does. */
function rowByRow(compiled: CompiledTreeShap, rows: Float32Array | Float64Array, nRows: number): Float64Array {
  const nF = compiled.nFeatures;
  const out = new Float64Array(nRows * (nF + 1));
  const scratch = createTreeShapScratch(compiled);
  const x = new Float64Array(nF);
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < nF; j++) x[j] = Math.fround(rows[r * nF + j] as number);
    treeShapRow(compiled, scratch, x, out, r * (nF + 1));
  }
  return out;
}

/** In blocks of `blockRows`, through one scratch reused for every block. */
function blocked(compiled: CompiledTreeShap, rows: Float32Array | Float64Array, nRows: number, blockRows: number): Float64Array {
  const width = compiled.nFeatures + 1;
  const out = new Float64Array(nRows * width);
  const scratch = createTreeShapBlockScratch(compiled, blockRows);
  for (let r = 0; r < nRows; r += blockRows) treeShapBlock(compiled, scratch, rows, r, Math.min(blockRows, nRows - r), out, r * width);
  return out;
}

/** How each tree is explained: the default guard, tables at a given cut height, quadrature only, or a guard tight enough to mix both. */
const strategy: fc.Arbitrary<CompileTreeShapOptions> = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 0, max: 3 }).map((tableHeight) => ({ tableHeight, maxTableEntriesPerTree: 1 << 22, maxTableBytes: 2 ** 40 })),
  fc.constant({ strategy: 'quadrature' as const }),
  fc.integer({ min: 0, max: 600 }).map((maxTableEntriesPerTree) => ({ maxTableEntriesPerTree })),
);

/** A model, 0 to 40 rows of it (grid values, others, NaN) and a block size that often does not divide the row count. */
const batchCase = (ensemble: fc.Arbitrary<TreeEnsemble>) =>
  ensemble.chain((model) =>
    fc.tuple(
      fc.constant(model),
      fc.array(arbitraryRow(model.nFeatures), { minLength: 0, maxLength: 40 }),
      strategy,
      fc.constantFrom(1, 2, 3, 7, 8, 16, 32),
      fc.boolean(),
    ),
  );

function rowsOf(rows: number[][], asFloat32: boolean): Float32Array | Float64Array {
  return asFloat32 ? Float32Array.from(rows.flat()) : Float64Array.from(rows.flat());
}

describe('TreeSHAP in row blocks', () => {
  it('gives bit for bit what row-by-row gives, for every strategy, split mode, NaNs, block size and row count (block boundaries included)', () => {
    fc.assert(
      fc.property(batchCase(arbitraryTreeEnsemble({ trees: { min: 1, max: 4 }, maxDepth: 6 })), ([model, rows, options, blockRows, asFloat32]) => {
        const compiled = compileTreeShap(model, options);
        const data = rowsOf(rows, asFloat32);
        expect(bits(blocked(compiled, data, rows.length, blockRows))).toEqual(bits(rowByRow(compiled, data, rows.length)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives bit for bit what row-by-row gives on deep trees, where the guard sends some trees to quadrature', () => {
    const deep = arbitraryDeepTreeEnsemble({ features: { min: 8, max: 12 }, depth: { min: 8, max: 12 } });
    fc.assert(
      fc.property(batchCase(deep), ([model, rows, , blockRows, asFloat32]) => {
        const compiled = compileTreeShap(model, { maxTableEntriesPerTree: 4096 });
        const data = rowsOf(rows, asFloat32);
        expect(bits(blocked(compiled, data, rows.length, blockRows))).toEqual(bits(rowByRow(compiled, data, rows.length)));
      }),
      { numRuns: 40 },
    );
  });

  it('equals brute-force Shapley values within 1e-9 for every row of the batch', () => {
    fc.assert(
      fc.property(batchCase(arbitraryTreeEnsemble({ trees: { min: 1, max: 3 } })), ([model, rows, options, blockRows]) => {
        const width = model.nFeatures + 1;
        const out = blocked(compileTreeShap(model, options), rowsOf(rows, false), rows.length, blockRows);
        rows.forEach((row, r) => {
          const reference = bruteForceShap(model, row);
          for (let i = 0; i < width; i++) expect(Math.abs((out[r * width + i] as number) - (reference[i] as number))).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('reusing the scratch between blocks leaks nothing: a batch, another, then the first again gives the first bit for bit', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble({ trees: { min: 1, max: 4 }, maxDepth: 6 }).chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.array(arbitraryRow(m.nFeatures), { minLength: 1, maxLength: 20 }),
            fc.array(arbitraryRow(m.nFeatures), { minLength: 1, maxLength: 20 }),
          ),
        ),
        ([model, a, b]) => {
          const explainer = createTreeExplainer(model);
          const first = bits(explainer.shapBatch(rowsOf(a, true), a.length));
          explainer.shapBatch(rowsOf(b, true), b.length);
          expect(bits(explainer.shapBatch(rowsOf(a, true), a.length))).toEqual(first);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shapBatch of 0 rows returns an empty result, of 1 row exactly shap of that row, and writes into the caller buffer', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble().chain((m) => fc.tuple(fc.constant(m), arbitraryRow(m.nFeatures))),
        ([model, row]) => {
          const explainer = createTreeExplainer(model);
          expect(explainer.shapBatch(new Float32Array(0), 0)).toHaveLength(0);
          const out = new Float64Array(model.nFeatures + 1);
          expect(explainer.shapBatch(Float32Array.from(row), 1, out)).toBe(out);
          expect(bits(out)).toEqual(bits(explainer.shap(row)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('default block size law: between the least and the most rows, and the pattern cells within their budget unless at the least', () => {
    fc.assert(
      fc.property(arbitraryTreeEnsemble({ trees: { min: 1, max: 6 }, maxDepth: 7 }), strategy, (model, options) => {
        const compiled = compileTreeShap(model, options);
        const rows = defaultShapBlockRows(compiled);
        expect(rows).toBeGreaterThanOrEqual(MIN_SHAP_BLOCK_ROWS);
        expect(rows).toBeLessThanOrEqual(MAX_SHAP_BLOCK_ROWS);
        const scratch = createTreeShapBlockScratch(compiled);
        expect(scratch.blockRows).toBe(rows);
        if (rows > MIN_SHAP_BLOCK_ROWS) expect(scratch.pattern.byteLength).toBeLessThanOrEqual(SHAP_BLOCK_PATTERN_BYTES);
      }),
      { numRuns: 100 },
    );
  });
});
