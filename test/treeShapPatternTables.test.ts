import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { arbitraryDeepTreeEnsemble, arbitraryRow, arbitraryTreeEnsemble } from '../src/explain/treeShap/arbitraryTreeEnsemble.js';
import { bruteForceShap } from '../src/explain/treeShap/bruteForceShap.js';
import { compileTreeShap, type CompileTreeShapOptions, type CompiledTreeShap } from '../src/explain/treeShap/compileTreeShap.js';
import { decideSignSplit, signSplit } from '../src/explain/treeShap/signSplit.js';
import { goesTrue } from '../src/explain/treeShap/splitDecision.js';
import { createTreeShapScratch, treeShapRow } from '../src/explain/treeShap/treeShapRow.js';
import { ensembleMargin } from '../src/model/evaluateEnsemble.js';
import { encodeTreeEnsembleModel } from '../src/model/onnx/encodeTreeEnsemble.js';
import { NodeMode, sigmoid, type TreeEnsemble } from '../src/model/treeEnsemble.js';

/** Every tree on tables, whatever their size: the guard is tested on its own below. */
const tablesOnly = (tableHeight: number): CompileTreeShapOptions => ({ tableHeight, maxTableEntriesPerTree: 1 << 22, maxTableBytes: 2 ** 40 });
const QUADRATURE: CompileTreeShapOptions = { strategy: 'quadrature' };

function explain(compiled: CompiledTreeShap, row: readonly number[]): Float64Array {
  const out = new Float64Array(compiled.nFeatures + 1);
  treeShapRow(compiled, createTreeShapScratch(compiled), Float64Array.from(row, Math.fround), out, 0);
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThan(tolerance);
}

const splitCount = (model: TreeEnsemble) => model.trees.filter((t) => t.mode[0] !== NodeMode.LEAF).length;
const modelAndRow = (options: Parameters<typeof arbitraryTreeEnsemble>[0] = {}) =>
  arbitraryTreeEnsemble(options).chain((model) => fc.tuple(fc.constant(model), arbitraryRow(model.nFeatures)));

describe('TreeSHAP pattern tables', () => {
  it('equal brute-force Shapley values within 1e-9 at every cut height, for random trees of every split mode with NaNs and zero covers', () => {
    fc.assert(
      fc.property(modelAndRow(), fc.integer({ min: 0, max: 3 }), ([model, row], height) => {
        const compiled = compileTreeShap(model, tablesOnly(height));
        expect(compiled.quadratureTrees).toHaveLength(0);
        expectClose(explain(compiled, row), bruteForceShap(model, row), 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('the quadrature fallback alone equals brute force within 1e-9 (every tree forced onto it)', () => {
    fc.assert(
      fc.property(modelAndRow(), ([model, row]) => {
        const compiled = compileTreeShap(model, QUADRATURE);
        expect(compiled.quadratureTrees).toHaveLength(splitCount(model));
        expect(compiled.tables.nUnits).toBe(0);
        expectClose(explain(compiled, row), bruteForceShap(model, row), 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('a mixed ensemble (some trees on tables, the rest on quadrature, as the memory guard leaves them) equals brute force within 1e-9', () => {
    fc.assert(
      fc.property(modelAndRow({ trees: { min: 2, max: 4 }, maxDepth: 6 }), fc.integer({ min: 0, max: 600 }), ([model, row], perTree) => {
        const compiled = compileTreeShap(model, { maxTableEntriesPerTree: perTree });
        expectClose(explain(compiled, row), bruteForceShap(model, row), 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('deep trees: the guard sends what does not fit to quadrature, and the mix still equals brute force', () => {
    const deep = arbitraryDeepTreeEnsemble({ features: { min: 8, max: 12 }, depth: { min: 8, max: 12 } });
    fc.assert(
      fc.property(
        deep.chain((m) => fc.tuple(fc.constant(m), arbitraryRow(m.nFeatures))),
        ([model, row]) => {
          const compiled = compileTreeShap(model, { maxTableEntriesPerTree: 4096 });
          expectClose(explain(compiled, row), bruteForceShap(model, row), 1e-9);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('tables and quadrature agree with each other and sum to the margin (local accuracy) on larger trees', () => {
    fc.assert(
      fc.property(
        modelAndRow({ features: { min: 4, max: 20 }, trees: { min: 1, max: 5 }, maxDepth: 8 }),
        fc.integer({ min: 0, max: 3 }),
        ([model, row], height) => {
          const viaTables = explain(compileTreeShap(model, tablesOnly(height)), row);
          const viaQuadrature = explain(compileTreeShap(model, QUADRATURE), row);
          expectClose(viaTables, viaQuadrature, 1e-9);
          expect(Math.abs(viaTables.reduce((a, v) => a + v, 0) - ensembleMargin(model, row))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('memory guard law: no tree exceeds the per-tree limit, all tables together stay within the budget, and the rest fall back', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble({ trees: { min: 1, max: 6 }, maxDepth: 6 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 6000 }),
        (model, perTree, budgetEntries) => {
          const compiled = compileTreeShap(model, { maxTableEntriesPerTree: perTree, maxTableBytes: budgetEntries * 8 });
          expect(compiled.tables.values.length).toBeLessThanOrEqual(Math.min(budgetEntries, perTree * model.trees.length));
          const onTables = compiled.trees.filter((t) => t.tableHeight >= 0).length;
          expect(onTables + compiled.quadratureTrees.length).toBe(splitCount(model));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the default options put a depth-4 tree on tables and a path of 16 distinct features on quadrature', () => {
    const [shallow] = fc.sample(
      arbitraryTreeEnsemble({ trees: { min: 1, max: 1 }, maxDepth: 4 }).filter((m) => splitCount(m) === 1),
      { numRuns: 1, seed: 11 },
    ) as [TreeEnsemble];
    expect(compileTreeShap(shallow).trees[0]?.tableHeight).toBeGreaterThanOrEqual(0);
    const [deep] = fc.sample(arbitraryDeepTreeEnsemble({ features: { min: 16, max: 16 }, depth: { min: 40, max: 40 } }), { numRuns: 1, seed: 3 }) as [
      TreeEnsemble,
    ];
    expect(compileTreeShap(deep).quadratureTrees.length).toBeGreaterThan(0);
  });

  it('is deterministic, and reusing the scratch between rows leaks nothing (A, B, A gives A twice, bit for bit)', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble({ trees: { min: 1, max: 4 } }).chain((m) => fc.tuple(fc.constant(m), arbitraryRow(m.nFeatures), arbitraryRow(m.nFeatures))),
        fc.integer({ min: 0, max: 3 }),
        ([model, a, b], height) => {
          const compiled = compileTreeShap(model, { tableHeight: height, maxTableEntriesPerTree: 300 });
          const scratch = createTreeShapScratch(compiled);
          const run = (row: number[]) => {
            const out = new Float64Array(model.nFeatures + 1);
            treeShapRow(compiled, scratch, Float64Array.from(row, Math.fround), out, 0);
            return [...out];
          };
          const first = run(a);
          run(b);
          expect(run(a)).toEqual(first);
          expect(run(a)).toEqual(
            explain(compileTreeShap(model, { tableHeight: height, maxTableEntriesPerTree: 300 }), a).reduce<number[]>((acc, v) => [...acc, v], []),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('on both paths, sigmoid of the contributions sum equals the onnxruntime probability within 1e-5', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryTreeEnsemble().chain((m) => fc.tuple(fc.constant(m), fc.array(arbitraryRow(m.nFeatures), { minLength: 1, maxLength: 4 }))),
        async ([model, rows]) => {
          const bytes = encodeTreeEnsembleModel({ ensemble: model, featureNames: Array.from({ length: model.nFeatures }, (_, i) => `f${i}`), metadata: {} });
          const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
          try {
            const result = await session.run({ features: new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, model.nFeatures]) });
            const p = result.probabilities?.data as Float32Array;
            for (const options of [tablesOnly(2), QUADRATURE]) {
              const compiled = compileTreeShap(model, options);
              rows.forEach((row, r) => {
                const margin = explain(compiled, row).reduce((a, v) => a + v, 0);
                expect(Math.abs(sigmoid(margin) - (p[2 * r + 1] as number))).toBeLessThan(1e-5);
              });
            }
          } finally {
            await session.release();
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});

/** Float32 values where comparisons are easy to get wrong: signed zeros, subnormals, infinities, neighbours. */
const SPECIAL = [
  0,
  -0,
  1.401298464324817e-45,
  -1.401298464324817e-45,
  1.1754943508222875e-38,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  Infinity,
  -Infinity,
  0.1,
  -0.5,
  1,
];

const float32 = fc.oneof(
  fc.constantFrom(...SPECIAL.map(Math.fround)),
  fc.float({ noNaN: true }).map(Math.fround),
  fc.float({ min: Math.fround(-2), max: Math.fround(2), noNaN: true }),
);

describe('sign-bit split decisions', () => {
  it('decide exactly as goesTrue (the runtime) for every mode, threshold and value, including signed zeros, subnormals, infinities and NaN', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: NodeMode.BRANCH_LEQ, max: NodeMode.BRANCH_NEQ }),
        float32,
        fc.oneof(float32, fc.constant(Number.NaN)),
        fc.integer({ min: -1, max: 1 }),
        fc.boolean(),
        (mode, threshold, value, nudge, missingTrue) => {
          // Values one float32 step from the threshold, where strict and non-strict modes differ.
          const x =
            nudge === 0 || !Number.isFinite(value) ? value : Math.fround(threshold + nudge * Math.max(Math.abs(threshold) * 2 ** -23, 1.401298464324817e-45));
          const form = signSplit(mode, threshold);
          const nanTrue = missingTrue || mode === NodeMode.BRANCH_NEQ ? 1 : 0;
          const expected = goesTrue(mode, x, threshold, missingTrue ? 1 : 0) ? 1 : 0;
          expect(decideSignSplit(x, form.cut, form.how, threshold, mode, nanTrue)).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
