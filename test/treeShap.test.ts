import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/index.js';
import { arbitraryDeepTreeEnsemble, arbitraryRow, arbitraryTreeEnsemble, treeFromSpec } from '../src/explain/treeShap/arbitraryTreeEnsemble.js';
import { bruteForceShap } from '../src/explain/treeShap/bruteForceShap.js';
import { compileTreeShap } from '../src/explain/treeShap/compileTreeShap.js';
import { gaussLegendre } from '../src/explain/treeShap/gaussLegendre.js';
import { goesTrue } from '../src/explain/treeShap/splitDecision.js';
import { createTreeShapScratch, treeShapRow } from '../src/explain/treeShap/treeShapRow.js';
import { ensembleMargin } from '../src/model/evaluateEnsemble.js';
import { allocateTree, NodeMode, type TreeEnsemble } from '../src/model/treeEnsemble.js';

/** Fast TreeSHAP of one row, as the explainer feeds it (values rounded to float32). */
function fastShap(model: TreeEnsemble, row: readonly number[]): Float64Array {
  const compiled = compileTreeShap(model);
  const out = new Float64Array(model.nFeatures + 1);
  treeShapRow(compiled, createTreeShapScratch(compiled), Float64Array.from(row, Math.fround), out, 0);
  return out;
}

function sum(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

const modelAndRow = (options: Parameters<typeof arbitraryTreeEnsemble>[0] = {}) =>
  arbitraryTreeEnsemble(options).chain((model) => fc.tuple(fc.constant(model), arbitraryRow(model.nFeatures)));

/** A stump on feature 0: x <= 0.5 -> +1 (cover 30), else -1 (cover 10); NaN goes false. */
function stump(nFeatures = 2): TreeEnsemble {
  const tree = allocateTree(3);
  tree.feature[0] = 0;
  tree.mode[0] = NodeMode.BRANCH_LEQ;
  tree.threshold[0] = 0.5;
  tree.trueChild[0] = 1;
  tree.falseChild[0] = 2;
  tree.leafValue[1] = 1;
  tree.leafValue[2] = -1;
  tree.cover.set([40, 30, 10]);
  return { nFeatures, trees: [tree], baseValue: 0.25, postTransform: 'LOGISTIC' };
}

describe('fast TreeSHAP', () => {
  it('equals brute-force Shapley enumeration over all coalitions within 1e-9, for random trees of every split mode with NaNs and zero covers', () => {
    fc.assert(
      fc.property(modelAndRow(), ([model, row]) => {
        const fast = fastShap(model, row);
        const reference = bruteForceShap(model, row);
        for (let i = 0; i <= model.nFeatures; i++) expect(Math.abs((fast[i] as number) - (reference[i] as number))).toBeLessThan(1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it('still equals brute force on deep trees (spines of 10 to 16 splits over up to 16 features: quadrature of 3 to 8 points)', () => {
    const deep = arbitraryDeepTreeEnsemble({ features: { min: 10, max: 16 }, depth: { min: 10, max: 16 } });
    fc.assert(
      fc.property(
        deep.chain((m) => fc.tuple(fc.constant(m), arbitraryRow(m.nFeatures))),
        ([model, row]) => {
          const fast = fastShap(model, row);
          const reference = bruteForceShap(model, row);
          for (let i = 0; i <= model.nFeatures; i++) expect(Math.abs((fast[i] as number) - (reference[i] as number))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('contributions plus bias sum to the margin the evaluator computes (local accuracy)', () => {
    fc.assert(
      fc.property(modelAndRow({ maxDepth: 10 }), ([model, row]) => {
        expect(Math.abs(sum(fastShap(model, row)) - ensembleMargin(model, row))).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('a feature no tree splits on gets exactly zero (dummy law)', () => {
    fc.assert(
      fc.property(modelAndRow(), ([model, row]) => {
        const used = new Set<number>();
        for (const t of model.trees) for (let i = 0; i < t.feature.length; i++) if (t.mode[i] !== NodeMode.LEAF) used.add(t.feature[i] as number);
        const wide: TreeEnsemble = { ...model, nFeatures: model.nFeatures + 1 };
        const fast = fastShap(wide, [...row, 0.3]);
        expect(fast[model.nFeatures]).toBe(0);
        for (let i = 0; i < model.nFeatures; i++) if (!used.has(i)) expect(fast[i]).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and reusing the scratch between rows leaks nothing (A, B, A gives A twice, bit for bit)', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble().chain((m) => fc.tuple(fc.constant(m), arbitraryRow(m.nFeatures), arbitraryRow(m.nFeatures))),
        ([model, a, b]) => {
          const compiled = compileTreeShap(model);
          const scratch = createTreeShapScratch(compiled);
          const run = (row: number[]) => {
            const out = new Float64Array(model.nFeatures + 1);
            treeShapRow(compiled, scratch, Float64Array.from(row, Math.fround), out, 0);
            return [...out];
          };
          const first = run(a);
          run(b);
          expect(run(a)).toEqual(first);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives the textbook values on a stump: phi = f(x) - E[f], bias = cover-weighted mean', () => {
    const model = stump();
    expect([...fastShap(model, [0, 9])]).toEqual([0.5, 0, 0.25 + 0.5]);
    expect([...fastShap(model, [1, 9])]).toEqual([-1.5, 0, 0.75]);
    // NaN follows the missing direction (false here).
    expect([...fastShap(model, [Number.NaN, 9])]).toEqual([-1.5, 0, 0.75]);
  });

  it('splits the weight of a node no background reached evenly, and still sums to the margin', () => {
    const model = stump();
    const tree = model.trees[0];
    tree?.cover.set([0, 0, 0]);
    const phi = fastShap(model, [0, 0]);
    expect(phi[2]).toBeCloseTo(0.25, 12);
    expect(phi[0]).toBeCloseTo(1, 12);
  });

  it('lists every structural problem of a malformed ensemble with its path', () => {
    const tree = allocateTree(3);
    tree.mode[0] = NodeMode.BRANCH_LEQ;
    tree.feature[0] = 7;
    tree.trueChild[0] = 1;
    tree.falseChild[0] = 9;
    tree.cover.fill(1);
    const bad: TreeEnsemble = { nFeatures: 2, trees: [tree], baseValue: 0, postTransform: 'NONE' };
    const error = (() => {
      try {
        compileTreeShap(bad);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual(expect.arrayContaining(['trees.0.feature.0', 'trees.0.falseChild.0']));
  });

  it('treats a tree given in any node order the same (breadth-first storage vs preorder evaluation)', () => {
    const spec = {
      kind: 'split',
      feature: 0,
      mode: NodeMode.BRANCH_LT,
      threshold: 0.1,
      missingTracksTrue: true,
      whenTrue: {
        kind: 'split',
        feature: 1,
        mode: NodeMode.BRANCH_GT,
        threshold: 0,
        missingTracksTrue: false,
        whenTrue: { kind: 'leaf', value: 2, cover: 3 },
        whenFalse: { kind: 'leaf', value: -1, cover: 5 },
      },
      whenFalse: { kind: 'leaf', value: 0.5, cover: 8 },
    } as const;
    const model: TreeEnsemble = { nFeatures: 2, trees: [treeFromSpec(spec)], baseValue: 0, postTransform: 'LOGISTIC' };
    const row = [0.1, 1];
    expect(Math.abs(sum(fastShap(model, row)) - ensembleMargin(model, row))).toBeLessThan(1e-12);
    const fast = fastShap(model, row);
    const reference = bruteForceShap(model, row);
    for (let i = 0; i < 3; i++) expect(fast[i]).toBeCloseTo(reference[i] as number, 12);
  });
});

describe('split decisions', () => {
  it('follow the runtime: float32 rounding, strict and non-strict modes, NaN routing, NaN always true at NEQ', () => {
    const t = Math.fround(0.1);
    expect(goesTrue(NodeMode.BRANCH_LEQ, 0.1, t, 0)).toBe(true);
    expect(goesTrue(NodeMode.BRANCH_LT, 0.1, t, 0)).toBe(false);
    expect(goesTrue(NodeMode.BRANCH_GTE, 0.1, t, 0)).toBe(true);
    expect(goesTrue(NodeMode.BRANCH_GT, 0.1, t, 0)).toBe(false);
    expect(goesTrue(NodeMode.BRANCH_EQ, 0.1, t, 0)).toBe(true);
    expect(goesTrue(NodeMode.BRANCH_NEQ, 0.1, t, 0)).toBe(false);
    for (const mode of [0, 1, 2, 3, 4]) {
      expect(goesTrue(mode, Number.NaN, t, 1)).toBe(true);
      expect(goesTrue(mode, Number.NaN, t, 0)).toBe(false);
    }
    expect(goesTrue(NodeMode.BRANCH_NEQ, Number.NaN, t, 0)).toBe(true);
  });
});

describe('Gauss-Legendre rule', () => {
  it('integrates t^k over [0, 1] exactly for every k <= 2q - 1', () => {
    for (let q = 1; q <= 12; q++) {
      const { nodes, weights } = gaussLegendre(q);
      for (let k = 0; k <= 2 * q - 1; k++) {
        let integral = 0;
        for (let i = 0; i < q; i++) integral += (weights[i] as number) * (nodes[i] as number) ** k;
        expect(Math.abs(integral - 1 / (k + 1))).toBeLessThan(1e-14);
      }
    }
  });
});
