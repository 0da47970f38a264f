import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { randomEnsemble, randomRows } from '../../bench/treeshap/randomEnsemble.js';
import { buildProbeRows } from '../../src/model/evaluatorProbeRows.js';
import { flattenFloat32Ensemble } from '../../src/model/float32Ensemble.js';
import { evaluateFloat32 } from '../../src/model/float32Evaluator.js';
import { loadModel } from '../../src/model/loadModel.js';
import { decodeTreeEnsembleModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import { encodeTreeEnsembleModel } from '../../src/model/onnx/encodeTreeEnsemble.js';
import type { TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { ensembleArb, featureValueArb } from '../fixtures/onnx/arbitraries.js';
import { tinyManifest, tinyModelBytes } from '../fixtures/onnx/tinyModel.js';
import { deepSeed } from './deepSeed.js';

const seed = deepSeed('float32Evaluator');

async function bitEqualRows(ensemble: TreeEnsemble, rows: Float32Array, nRows: number): Promise<{ deferred: number }> {
  const bytes = encodeTreeEnsembleModel({ ensemble, featureNames: Array.from({ length: ensemble.nFeatures }, (_, i) => `f${i}`), metadata: {} });
  const decoded = decodeTreeEnsembleModel(bytes).ensemble;
  const flat = flattenFloat32Ensemble(decoded);
  if (!flat.ok) throw new Error(flat.reason);
  const got = new Float32Array(nRows);
  const deferred: number[] = [];
  evaluateFloat32(flat.ensemble, rows, nRows, got, deferred);
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  const probs = (await session.run({ features: new ort.Tensor('float32', rows, [nRows, decoded.nFeatures]) })).probabilities?.data as Float32Array;
  await session.release();
  const skip = new Set(deferred);
  const gotBits = new Uint32Array(got.buffer);
  const wantBits = new Uint32Array(Float32Array.from({ length: nRows }, (_, r) => probs[2 * r + 1] as number).buffer);
  const differing: number[] = [];
  for (let r = 0; r < nRows; r++) if (!skip.has(r) && gotBits[r] !== wantBits[r]) differing.push(r);
  expect(differing).toEqual([]);
  return { deferred: deferred.length };
}

describe('float32 JS evaluator vs onnxruntime, long runs', () => {
  it('realistic random ensembles (200 trees, depth 3-8): 8,192 random rows with NaN plus the probe, bit-equal', async () => {
    for (const s of [1, 2, 3, 4, 5]) {
      const ensemble = randomEnsemble({ nTrees: 200, nFeatures: 16, minDepth: 3, maxDepth: 8, nRows: 3000, minLeaf: 5, seed: s });
      const random = randomRows(8192, 16, s + 100, 0.1);
      for (let i = 0; i < random.length; i++) random[i] = (random[i] as number) * 1.5;
      const { deferred } = await bitEqualRows(ensemble, random, 8192);
      expect(deferred).toBeLessThan(8192 * 0.02);
      const probe = buildProbeRows(ensemble, { randomRows: 2048, seed: s });
      await bitEqualRows(ensemble, probe.rows, probe.nRows);
    }
  });

  it('property: any small random ensemble, any rows, through loadModel at every run size', async () => {
    await fc.assert(
      fc.asyncProperty(
        // LOGISTIC only: loadModel refuses a raw-score (NONE) output.
        ensembleArb({ postTransform: 'LOGISTIC', maxTrees: 20 }).chain((e) =>
          fc.tuple(fc.constant(e), fc.array(fc.array(featureValueArb, { minLength: e.nFeatures, maxLength: e.nFeatures }), { minLength: 1, maxLength: 64 })),
        ),
        async ([ensemble, rows]) => {
          const bytes = tinyModelBytes(tinyManifest(ensemble.nFeatures), ensemble);
          const [auto, forced] = await Promise.all([loadModel(bytes), loadModel(bytes, { evaluator: 'onnxruntime' })]);
          try {
            expect(auto.evaluator.kind).toBe('js-float32');
            for (let n = 1; n <= rows.length; n++) {
              const data = Float32Array.from(rows.slice(0, n).flat());
              const a = await auto.predict(data, n);
              const b = await forced.predict(data, n);
              expect([...new Uint32Array(a.buffer)]).toEqual([...new Uint32Array(b.buffer)]);
            }
          } finally {
            await Promise.all([auto.close(), forced.close()]);
          }
        },
      ),
      { numRuns: 150, seed },
    );
  });
});
