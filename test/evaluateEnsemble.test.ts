import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { ensembleMargin, evaluateEnsemble, evaluateEnsembleBatch, leafIndex } from '../src/model/evaluateEnsemble.js';
import { allocateTree, NodeMode, sigmoid, type TreeEnsemble } from '../src/model/treeEnsemble.js';
import { ensembleArb, featureValueArb, rowsArb } from './fixtures/onnx/arbitraries.js';

function stump(mode: number, threshold: number, missingTrue = false): TreeEnsemble {
  const t = allocateTree(3);
  t.mode[0] = mode;
  t.feature[0] = 0;
  t.threshold[0] = threshold;
  t.trueChild[0] = 1;
  t.falseChild[0] = 2;
  t.missingTracksTrue[0] = missingTrue ? 1 : 0;
  t.leafValue[1] = 1;
  t.leafValue[2] = -1;
  return { nFeatures: 1, trees: [t], baseValue: 0, postTransform: 'NONE' };
}

describe('evaluateEnsemble', () => {
  it('the margin is baseValue plus the leaf each tree reaches', () => {
    fc.assert(
      fc.property(
        ensembleArb().chain((e) => fc.tuple(fc.constant(e), fc.array(featureValueArb, { minLength: e.nFeatures, maxLength: e.nFeatures }))),
        ([ensemble, row]) => {
          const expected = ensemble.trees.reduce((m, t) => m + (t.leafValue[leafIndex(t, row)] as number), ensemble.baseValue);
          expect(evaluateEnsemble(ensemble, row).margin).toBe(expected);
          for (const t of ensemble.trees) expect(t.mode[leafIndex(t, row)]).toBe(NodeMode.LEAF);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('probability is sigmoid(margin) under LOGISTIC, stays in (0, 1), and is the margin under NONE', () => {
    fc.assert(
      fc.property(
        ensembleArb().chain((e) => fc.tuple(fc.constant(e), fc.array(featureValueArb, { minLength: e.nFeatures, maxLength: e.nFeatures }))),
        ([ensemble, row]) => {
          const { margin, probability } = evaluateEnsemble(ensemble, row);
          if (ensemble.postTransform === 'LOGISTIC') {
            expect(probability).toBe(sigmoid(margin));
            expect(probability).toBeGreaterThan(0);
            expect(probability).toBeLessThan(1);
          } else expect(probability).toBe(margin);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the batch form equals the single-row form row by row, for Float32 and Float64 input', () => {
    fc.assert(
      fc.property(
        ensembleArb().chain((e) => fc.tuple(fc.constant(e), rowsArb(e.nFeatures, 10))),
        ([ensemble, rows]) => {
          const b64 = evaluateEnsembleBatch(ensemble, Float64Array.from(rows.flat()), rows.length);
          const b32 = evaluateEnsembleBatch(ensemble, Float32Array.from(rows.flat()), rows.length);
          rows.forEach((row, r) => {
            expect(b64.margins[r]).toBe(evaluateEnsemble(ensemble, row).margin);
            // float32 storage rounds exactly as the comparison does, so results agree.
            expect(b32.margins[r]).toBe(b64.margins[r]);
            expect(b64.probabilities[r]).toBe(evaluateEnsemble(ensemble, Float32Array.from(row)).probability);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('splits compare the value rounded to float32, as onnxruntime does', () => {
    // 0.1 < fround(0.1) in doubles, but equal in float32, so BRANCH_LT goes false.
    expect(evaluateEnsemble(stump(NodeMode.BRANCH_LT, Math.fround(0.1)), [0.1]).margin).toBe(-1);
    expect(evaluateEnsemble(stump(NodeMode.BRANCH_EQ, Math.fround(0.1)), [0.1]).margin).toBe(1);
  });

  it('NaN goes to the true child only when tracked there, except BRANCH_NEQ where NaN != t holds', () => {
    for (const mode of [NodeMode.BRANCH_LEQ, NodeMode.BRANCH_LT, NodeMode.BRANCH_GTE, NodeMode.BRANCH_GT, NodeMode.BRANCH_EQ]) {
      expect(evaluateEnsemble(stump(mode, 0, true), [Number.NaN]).margin).toBe(1);
      expect(evaluateEnsemble(stump(mode, 0, false), [Number.NaN]).margin).toBe(-1);
    }
    expect(evaluateEnsemble(stump(NodeMode.BRANCH_NEQ, 0, false), [Number.NaN]).margin).toBe(1);
  });

  it('is deterministic: the same row always scores the same', () => {
    fc.assert(
      fc.property(
        ensembleArb().chain((e) => fc.tuple(fc.constant(e), fc.array(featureValueArb, { minLength: e.nFeatures, maxLength: e.nFeatures }))),
        ([ensemble, row]) => {
          expect(ensembleMargin(ensemble, row)).toBe(ensembleMargin(ensemble, row));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('short rows and mis-sized batches are model_shape_mismatch', () => {
    const e = stump(NodeMode.BRANCH_LEQ, 0);
    expect(() => evaluateEnsemble({ ...e, nFeatures: 2 }, [1])).toThrow(CreditliftError);
    expect(() => evaluateEnsembleBatch(e, new Float32Array(3), 2)).toThrow(expect.objectContaining({ code: 'model_shape_mismatch' }));
  });
});
