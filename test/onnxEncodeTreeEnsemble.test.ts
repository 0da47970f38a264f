import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/validationError.js';
import { evaluateEnsembleBatch } from '../src/model/evaluateEnsemble.js';
import { encodeTreeEnsembleModel } from '../src/model/onnx/encodeTreeEnsemble.js';
import { allocateTree, NodeMode, type TreeEnsemble } from '../src/model/treeEnsemble.js';
import { ensembleArb, rowsArb } from './fixtures/onnx/arbitraries.js';

async function runOrt(bytes: Uint8Array, rows: number[][], width: number): Promise<{ p: Float32Array; label: BigInt64Array }> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const data = Float32Array.from(rows.flat());
    const out = await session.run({ features: new ort.Tensor('float32', data, [rows.length, width]) });
    return { p: out.probabilities!.data as Float32Array, label: out.label!.data as BigInt64Array };
  } finally {
    await session.release();
  }
}

function featureNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `f${i}`);
}

describe('encodeTreeEnsembleModel', () => {
  it('onnxruntime column 1 equals the JS evaluator within 1e-6 and under LOGISTIC column 0 is 1 minus column 1', async () => {
    await fc.assert(
      fc.asyncProperty(
        ensembleArb().chain((e) => fc.tuple(fc.constant(e), rowsArb(e.nFeatures))),
        async ([ensemble, rows]) => {
          const bytes = encodeTreeEnsembleModel({ ensemble, featureNames: featureNames(ensemble.nFeatures), metadata: {} });
          const { p } = await runOrt(bytes, rows, ensemble.nFeatures);
          const js = evaluateEnsembleBatch(ensemble, Float64Array.from(rows.flat()), rows.length);
          for (let r = 0; r < rows.length; r++) {
            expect(Math.abs((p[2 * r + 1] as number) - (js.probabilities[r] as number))).toBeLessThan(1e-6);
            // Under NONE onnxruntime writes column 0 as -m or 1 - m depending on leaf signs; only LOGISTIC promises a complement.
            if (ensemble.postTransform === 'LOGISTIC') expect(Math.abs((p[2 * r] as number) - (1 - (p[2 * r + 1] as number)))).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('label is 1 exactly when the margin is positive (ensembles with a negative leaf)', async () => {
    const t = allocateTree(3);
    t.mode[0] = NodeMode.BRANCH_LT;
    t.feature[0] = 0;
    t.threshold[0] = 0;
    t.trueChild[0] = 1;
    t.falseChild[0] = 2;
    t.leafValue[1] = -0.75;
    t.leafValue[2] = 0.5;
    const ensemble: TreeEnsemble = { nFeatures: 1, trees: [t], baseValue: 0.25, postTransform: 'LOGISTIC' };
    const { label } = await runOrt(encodeTreeEnsembleModel({ ensemble, featureNames: ['x'], metadata: {} }), [[-1], [1]], 1);
    expect(Array.from(label)).toEqual([0n, 1n]);
  });

  it('a constant ensemble (no trees) scores sigmoid(baseValue)', async () => {
    const ensemble: TreeEnsemble = { nFeatures: 2, trees: [], baseValue: -0.4, postTransform: 'LOGISTIC' };
    const { p } = await runOrt(encodeTreeEnsembleModel({ ensemble, featureNames: ['a', 'b'], metadata: {} }), [[1, 2]], 2);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(0.4)), 6);
  });

  it('is deterministic: the same spec always gives the same bytes', () => {
    fc.assert(
      fc.property(ensembleArb(), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), (ensemble, metadata) => {
        const spec = { ensemble, featureNames: featureNames(ensemble.nFeatures), metadata };
        expect(encodeTreeEnsembleModel(spec)).toEqual(encodeTreeEnsembleModel(spec));
        // Key order in the record does not matter either.
        const reversed = Object.fromEntries(Object.entries(metadata).reverse());
        expect(encodeTreeEnsembleModel({ ...spec, metadata: reversed })).toEqual(encodeTreeEnsembleModel(spec));
      }),
      { numRuns: 50 },
    );
  });

  it('rejects malformed ensembles with a ValidationError listing every problem', () => {
    const t = allocateTree(3);
    t.mode[0] = NodeMode.BRANCH_LEQ;
    t.feature[0] = 7;
    t.trueChild[0] = 0;
    t.falseChild[0] = 9;
    const ensemble: TreeEnsemble = { nFeatures: 2, trees: [t], baseValue: 0, postTransform: 'LOGISTIC' };
    const err = (() => {
      try {
        encodeTreeEnsembleModel({ ensemble, featureNames: ['a'], metadata: {} });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual([
      'featureNames',
      'ensemble.trees.0.feature.0',
      'ensemble.trees.0.trueChild.0',
      'ensemble.trees.0.falseChild.0',
    ]);
  });
});
