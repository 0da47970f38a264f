import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { assertTreeReading } from '../../src/model/compareTreeReading.js';
import { buildProbeRows } from '../../src/model/evaluatorProbeRows.js';
import { loadModel, type LoadModelOptions } from '../../src/model/loadModel.js';
import { decodeTreeEnsembleModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import { NodeMode, type TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { ensembleArb } from '../fixtures/onnx/arbitraries.js';
import { tinyManifest, tinyModelBytes } from '../fixtures/onnx/tinyModel.js';
import { thrown } from '../helpers/thrown.js';

/** onnxruntime's column 1 for the probe of `ensemble` (a reading of `bytes`), and that probe. */
async function scoredProbe(bytes: Uint8Array, ensemble: TreeEnsemble) {
  const probe = buildProbeRows(ensemble);
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const out = await session.run({ features: new ort.Tensor('float32', probe.rows, [probe.nRows, ensemble.nFeatures]) });
    const probabilities = out.probabilities!.data as Float32Array;
    return { probe, scored: Float32Array.from({ length: probe.nRows }, (_, r) => probabilities[2 * r + 1] as number) };
  } finally {
    await session.release();
  }
}

const EVERY_EVALUATOR: readonly LoadModelOptions[] = [{}, { evaluator: 'onnxruntime' }];

describe('the reading check loadModel runs: creditlift’s trees must be the ones onnxruntime scores', () => {
  // A reader bug is simulated by changing the decoded IR after reading (as the zero-filled short
  // missing-value list did), while onnxruntime reads the file itself.
  it('a flipped missing-value direction at a root (the tester’s case) is model_unsupported naming a probe row', async () => {
    const bytes = tinyModelBytes();
    const misread = decodeTreeEnsembleModel(bytes).ensemble;
    const { probe, scored } = await scoredProbe(bytes, misread);
    expect(thrown(() => assertTreeReading(misread, probe, scored))).toBeUndefined();
    const root = misread.trees[0]!;
    root.missingTracksTrue[0] = root.missingTracksTrue[0] === 1 ? 0 : 1;
    expect(thrown(() => assertTreeReading(misread, probe, scored))).toMatchObject({
      code: 'model_unsupported',
      message: expect.stringMatching(
        /reads this model's trees differently from onnxruntime: \d+ of \d+ probe rows differ beyond float32 rounding \(probe row \d+/,
      ),
    });
  });

  it('a leaf read 1e-4 off is refused', async () => {
    const bytes = tinyModelBytes();
    const misread = decodeTreeEnsembleModel(bytes).ensemble;
    const { probe, scored } = await scoredProbe(bytes, misread);
    const tree = misread.trees[1]!;
    const leaf = tree.mode.indexOf(NodeMode.LEAF);
    tree.leafValue[leaf] = (tree.leafValue[leaf] as number) + 1e-4;
    expect(thrown(() => assertTreeReading(misread, probe, scored))).toMatchObject({ code: 'model_unsupported' });
  });

  it('law: a faithful reading is never refused (float32 rounding stays inside the bound): random LOGISTIC ensembles load under every evaluator', async () => {
    await fc.assert(
      fc.asyncProperty(ensembleArb({ postTransform: 'LOGISTIC', maxTrees: 40 }), async (ensemble) => {
        const bytes = tinyModelBytes(tinyManifest(ensemble.nFeatures), ensemble);
        for (const options of EVERY_EVALUATOR) {
          const model = await loadModel(bytes, options);
          await model.close();
        }
      }),
      { numRuns: 20, seed: 8_1129 },
    );
  });
});
