import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { importOnnxModel } from '../../src/model/import/importOnnxModel.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel } from '../../src/model/loadModel.js';
import { MANIFEST_METADATA_KEY } from '../../src/model/manifest.js';
import { decodeTreeEnsembleModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import { encodeTreeEnsembleModel, FEATURE_NAMES_METADATA_KEY } from '../../src/model/onnx/encodeTreeEnsemble.js';
import type { OnnxAttribute } from '../../src/model/onnx/onnxModel.js';
import type { TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { runPredictCommand } from '../../src/train/commands/predictCommand.js';
import { patchTreeAttribute } from '../fixtures/onnx/patchTreeAttribute.js';
import { tinyEnsemble, tinyModelBytes } from '../fixtures/onnx/tinyModel.js';
import { thrown } from '../helpers/thrown.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-probability-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function rejectionOf(p: Promise<{ close(): Promise<void> }>): Promise<unknown> {
  return p.then(
    async (loaded) => {
      await loaded.close();
      return undefined;
    },
    (e: unknown) => e,
  );
}

/** Replaces entry `at` of a FLOATS attribute. */
const setFloat =
  (at: number, value: number) =>
  (a: OnnxAttribute | undefined): OnnxAttribute => {
    if (a?.type !== 'FLOATS') throw new Error('expected FLOATS');
    return { ...a, value: a.value.map((v, i) => (i === at ? value : v)) };
  };

const xgbDir = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
const foreign = new Uint8Array(readFileSync(join(xgbDir, 'free_classifier.onnx')));
const foreignSpec = { name: 'xgb', version: '1', features: ['x0', 'x1', 'x2', 'x3', 'x4'].map((name) => ({ name, kind: 'numeric', monotone: 0 })) };
const background = Array.from({ length: 40 }, (_, r) => [0, 1, 2, 3, 4].map((j) => ((r * 7 + j * 3) % 11) / 11));

describe('a model whose column 1 is not a probability is refused at load', () => {
  for (const [label, value] of [
    ['NaN', Number.NaN],
    ['+Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ] as const) {
    it(`a ${label} leaf weight: decode, loadModel (either evaluator) and importOnnxModel refuse with model_load_failed naming class_weights`, async () => {
      const bad = patchTreeAttribute(tinyModelBytes(), 'class_weights', setFloat(1, value));
      const message = expect.stringMatching(new RegExp(`class_weights\\[1\\] is ${label.replace('+', '\\+')}`));
      expect(thrown(() => decodeTreeEnsembleModel(bad))).toMatchObject({ code: 'model_load_failed', message });
      expect(await rejectionOf(loadModel(bad))).toMatchObject({ code: 'model_load_failed', message });
      expect(await rejectionOf(loadModel(bad, { evaluator: 'onnxruntime' }))).toMatchObject({ code: 'model_load_failed', message });
      const foreignBad = patchTreeAttribute(foreign, 'class_weights', setFloat(0, value));
      expect(thrown(() => importOnnxModel(foreignBad, { spec: foreignSpec, background }))).toMatchObject({ code: 'model_load_failed' });
    });
  }

  it('a NaN base value is refused naming base_values', async () => {
    const bad = patchTreeAttribute(tinyModelBytes(), 'base_values', setFloat(0, Number.NaN));
    expect(await rejectionOf(loadModel(bad))).toMatchObject({ code: 'model_load_failed', message: expect.stringContaining('base_values[0] is NaN') });
  });

  it('creditlift predict with a NaN-leaf model exits 1 and writes no file (it wrote NaN for every row and exited 0)', async () => {
    const modelPath = join(work, 'nan-leaf.onnx');
    writeFileSync(modelPath, patchTreeAttribute(tinyModelBytes(), 'class_weights', setFloat(0, Number.NaN)));
    const data = join(work, 'rows.csv');
    writeFileSync(data, 'f0,f1,f2\n0,0,0\n1,2,3\n');
    const out = join(work, 'preds.csv');
    const err: string[] = [];
    const code = await runPredictCommand(['--model', modelPath, '--data', data, '--out', out], { stdout: () => {}, stderr: (t) => void err.push(t) });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/model_load_failed[\s\S]*class_weights\[0\] is NaN/);
    expect(() => readFileSync(out)).toThrow();
  });

  it('post_transform NONE (raw scores, here negative) is refused by loadModel (either evaluator) with model_unsupported naming it', async () => {
    const raw: TreeEnsemble = { ...tinyEnsemble(), postTransform: 'NONE' };
    const bytes = tinyModelBytes(undefined, raw);
    for (const options of [{}, { evaluator: 'onnxruntime' as const }]) {
      const error = await rejectionOf(loadModel(bytes, options));
      expect(error).toBeInstanceOf(CreditliftError);
      expect(error).toMatchObject({ code: 'model_unsupported', message: expect.stringMatching(/post_transform NONE/) });
    }
  });

  it('post_transform NONE with raw scores inside [0, 1] (the default model scaled) is refused by createScorer, not used as PDs', async () => {
    const decoded = decodeTreeEnsembleModel(readFileSync(defaultModelPath()));
    const trees = decoded.ensemble.trees.map((t) => ({ ...t, leafValue: t.leafValue.map((v) => v * 0.02) }));
    const bytes = encodeTreeEnsembleModel({
      ensemble: { ...decoded.ensemble, trees, baseValue: 0.3, postTransform: 'NONE' },
      featureNames: JSON.parse(decoded.metadata[FEATURE_NAMES_METADATA_KEY]!) as string[],
      metadata: { [MANIFEST_METADATA_KEY]: decoded.metadata[MANIFEST_METADATA_KEY]! },
    });
    const error = await createScorer({ model: bytes }).then(
      async (s) => {
        await s.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'model_unsupported', message: expect.stringContaining('post_transform NONE') });
  });

  it('leaves that are finite but can add up past float32 (where onnxruntime would sum to Infinity) are refused', () => {
    const t = tinyEnsemble();
    t.trees[0]!.leafValue[2] = 3e38;
    t.trees[1]!.leafValue[1] = 3e38;
    expect(thrown(() => decodeTreeEnsembleModel(tinyModelBytes(undefined, t)))).toMatchObject({
      code: 'model_unsupported',
      message: expect.stringContaining('beyond float32'),
    });
  });

  it('the encoder refuses a leaf value that is finite as a double but not as the float32 it writes', () => {
    const t = tinyEnsemble();
    t.trees[0]!.leafValue[1] = 1e39;
    expect(thrown(() => tinyModelBytes(undefined, t))).toMatchObject({ code: 'validation_failed', issues: [expect.objectContaining({ code: 'not_finite' })] });
  });
});
