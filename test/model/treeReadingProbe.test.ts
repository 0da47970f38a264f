import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadModel, type LoadModelOptions } from '../../src/model/loadModel.js';
import type { DecodedTreeModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import { NodeMode } from '../../src/model/treeEnsemble.js';
import { ensembleArb } from '../fixtures/onnx/arbitraries.js';
import { tinyManifest, tinyModelBytes } from '../fixtures/onnx/tinyModel.js';

// A stand-in for a reader bug: the decoder loadModel uses may be made to misread the trees it
// decodes (as the zero-filled short missing-value list did), while onnxruntime reads the file.
const misread = vi.hoisted(() => ({ current: undefined as ((d: DecodedTreeModel) => void) | undefined }));
vi.mock('../../src/model/onnx/decodeTreeEnsemble.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/model/onnx/decodeTreeEnsemble.js')>();
  return {
    ...real,
    decodeTreeEnsembleFromOnnx: (...args: Parameters<typeof real.decodeTreeEnsembleFromOnnx>) => {
      const decoded = real.decodeTreeEnsembleFromOnnx(...args);
      misread.current?.(decoded);
      return decoded;
    },
  };
});
afterEach(() => {
  misread.current = undefined;
});

const EVERY_EVALUATOR: readonly LoadModelOptions[] = [{}, { evaluator: 'onnxruntime' }, { intraOpNumThreads: 2 }];

async function outcome(bytes: Uint8Array, options: LoadModelOptions): Promise<unknown> {
  return loadModel(bytes, options).then(
    async (m) => {
      await m.close();
      return 'loaded';
    },
    (e: unknown) => e,
  );
}

describe('loadModel refuses a model whose trees creditlift reads differently from onnxruntime, whichever evaluator serves runs', () => {
  it('a flipped missing-value direction at a root (the tester’s case) is refused with model_unsupported', async () => {
    misread.current = (d) => {
      const root = d.ensemble.trees[0]!;
      root.missingTracksTrue[0] = root.missingTracksTrue[0] === 1 ? 0 : 1;
    };
    for (const options of EVERY_EVALUATOR) {
      expect(await outcome(tinyModelBytes(), options)).toMatchObject({
        code: 'model_unsupported',
        message: expect.stringMatching(
          /reads this model's trees differently from onnxruntime: \d+ of \d+ probe rows differ beyond float32 rounding \(probe row \d+/,
        ),
      });
    }
  });

  it('a leaf read 1e-4 off is refused; the faithful reading of the same model loads', async () => {
    for (const options of EVERY_EVALUATOR) expect(await outcome(tinyModelBytes(), options)).toBe('loaded');
    misread.current = (d) => {
      const tree = d.ensemble.trees[1]!;
      const leaf = tree.mode.indexOf(NodeMode.LEAF);
      tree.leafValue[leaf] = (tree.leafValue[leaf] as number) + 1e-4;
    };
    for (const options of EVERY_EVALUATOR) expect(await outcome(tinyModelBytes(), options)).toMatchObject({ code: 'model_unsupported' });
  });

  it('law: a faithful reading is never refused (float32 rounding stays inside the bound) on random LOGISTIC ensembles', async () => {
    await fc.assert(
      fc.asyncProperty(ensembleArb({ postTransform: 'LOGISTIC', maxTrees: 40 }), async (ensemble) => {
        const bytes = tinyModelBytes(tinyManifest(ensemble.nFeatures), ensemble);
        for (const options of EVERY_EVALUATOR) expect(await outcome(bytes, options)).toBe('loaded');
      }),
      { numRuns: 20, seed: 8_1129 },
    );
  });
});
