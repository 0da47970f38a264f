import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { ValidationError } from '../src/errors/validationError.js';
import { evaluateEnsemble } from '../src/model/evaluateEnsemble.js';
import { loadModel } from '../src/model/loadModel.js';
import { buildV3Model } from './fixtures/onnx/converterModels.js';
import { tinyEnsemble, tinyManifest, tinyModelBytes } from './fixtures/onnx/tinyModel.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'onnx', 'tiny-credit.onnx');

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof CreditliftError ? e.code : `not a CreditliftError: ${String(e)}`;
  }
  return undefined;
}

describe('loadModel', () => {
  it('loads the fixture file: id, sha256, manifest, ensemble, and predictions equal the JS evaluator', async () => {
    const model = await loadModel(FIXTURE);
    try {
      const bytes = readFileSync(FIXTURE);
      expect(model.id).toBe('tiny-credit@0.0.1');
      expect(model.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(model.manifest).toEqual(tinyManifest());
      expect(model.ensemble.trees).toHaveLength(2);
      expect(model.bytes).toEqual(new Uint8Array(bytes));
      const rows = [
        [0, 0, 0],
        [1, 0, 20],
        [Number.NaN, 5, Number.NaN],
        [0.5, 0, 10],
      ];
      const p = await model.predict(Float32Array.from(rows.flat()), rows.length);
      rows.forEach((row, r) => expect(Math.abs((p[r] as number) - evaluateEnsemble(tinyEnsemble(), row).probability)).toBeLessThan(1e-6));
      expect(await model.predictOne([1, 0, 20])).toBeCloseTo(p[1] as number, 7);
      expect(await model.predict(new Float32Array(0), 0)).toEqual(new Float32Array(0));
    } finally {
      await model.close();
    }
  });

  it('concurrent predictions on one session each get their own rows back', async () => {
    const model = await loadModel(tinyModelBytes());
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(fc.double({ min: -5, max: 25, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 20, maxLength: 60 }),
          async (rows) => {
            const results = await Promise.all(rows.map((row) => model.predictOne(row)));
            rows.forEach((row, r) => expect(Math.abs((results[r] as number) - evaluateEnsemble(model.ensemble, row).probability)).toBeLessThan(1e-6));
          },
        ),
        { numRuns: 15 },
      );
    } finally {
      await model.close();
    }
  });

  it('close waits for in-flight runs, is idempotent, and later predictions throw scorer_closed (503, not an internal error)', async () => {
    const model = await loadModel(tinyModelBytes());
    const pending = model.predictOne([0, 0, 0]);
    await Promise.all([model.close(), model.close()]);
    expect(await pending).toBeGreaterThan(0);
    expect(await codeOf(model.predictOne([0, 0, 0]))).toBe('scorer_closed');
  });

  it('a row count that does not match the data is model_shape_mismatch', async () => {
    const model = await loadModel(tinyModelBytes());
    try {
      expect(await codeOf(model.predict(new Float32Array(5), 2))).toBe('model_shape_mismatch');
      expect(await codeOf(model.predictOne([1, 2]))).toBe('model_shape_mismatch');
    } finally {
      await model.close();
    }
  });

  it('corrupt bytes, random bytes and a missing file are model_load_failed', async () => {
    const good = tinyModelBytes();
    expect(await codeOf(loadModel(good.subarray(0, good.length - 7)))).toBe('model_load_failed');
    expect(await codeOf(loadModel(new TextEncoder().encode('definitely not an onnx file')))).toBe('model_load_failed');
    expect(await codeOf(loadModel(join(import.meta.dirname, 'fixtures', 'onnx', 'no-such-model.onnx')))).toBe('model_load_failed');
    expect(await codeOf(loadModel(new Uint8Array(0)))).toBe('model_load_failed');
  });

  it('a model without a manifest is model_metadata_missing', async () => {
    expect(await codeOf(loadModel(tinyModelBytes(null)))).toBe('model_metadata_missing');
  });

  it('an invalid manifest is a ValidationError listing every problem', async () => {
    const bad = { ...tinyManifest(), format: 'other', features: [] };
    const err = await loadModel(tinyModelBytes(bad)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual(expect.arrayContaining(['format', 'features']));
    expect(await loadModel(tinyModelBytes('{not json')).catch((e: unknown) => (e as ValidationError).issues[0]?.code)).toBe('invalid_json');
  });

  it('a graph input that disagrees with the manifest is model_shape_mismatch', async () => {
    expect(await codeOf(loadModel(tinyModelBytes(tinyManifest(4))))).toBe('model_shape_mismatch');
    expect(await codeOf(loadModel(tinyModelBytes({ ...tinyManifest(), inputName: 'x' })))).toBe('model_shape_mismatch');
    expect(await codeOf(loadModel(tinyModelBytes({ ...tinyManifest(), probabilityOutputName: 'label' })))).toBe('model_shape_mismatch');
    const manifest = JSON.stringify({ ...tinyManifest(1), inputName: 'input' });
    const nodes = [{ tree: 0, id: 0, mode: 'LEAF' as const }];
    const weights = [{ tree: 0, node: 0, cls: 0, w: 0.1 }];
    // Symbolic width and double input are both refused.
    expect(
      await codeOf(
        loadModel(
          buildV3Model({
            opType: 'TreeEnsembleClassifier',
            nFeatures: 1,
            nodes,
            weights,
            inputShape: ['N', 'F'],
            metadata: { 'creditlift.manifest': manifest },
          }),
        ),
      ),
    ).toBe('model_shape_mismatch');
    expect(
      await codeOf(
        loadModel(
          buildV3Model({ opType: 'TreeEnsembleClassifier', nFeatures: 1, nodes, weights, inputElemType: 11, metadata: { 'creditlift.manifest': manifest } }),
        ),
      ),
    ).toBe('model_shape_mismatch');
  });

  it('accepts a converter-style classifier whose manifest matches, and scores it like onnxruntime', async () => {
    const manifest = JSON.stringify({ ...tinyManifest(1), inputName: 'input' });
    const nodes = [
      { tree: 0, id: 0, mode: 'BRANCH_LT' as const, feature: 0, value: 2, t: 1, f: 2 },
      { tree: 0, id: 1, mode: 'LEAF' as const },
      { tree: 0, id: 2, mode: 'LEAF' as const },
    ];
    const model = await loadModel(
      buildV3Model({
        opType: 'TreeEnsembleClassifier',
        nFeatures: 1,
        nodes,
        weights: [
          { tree: 0, node: 1, cls: 0, w: -1 },
          { tree: 0, node: 2, cls: 0, w: 1 },
        ],
        baseValues: [0.5],
        postTransform: 'LOGISTIC',
        inputShape: [undefined, 1],
        metadata: { 'creditlift.manifest': manifest },
      }),
    );
    try {
      expect(await model.predictOne([3])).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 6);
    } finally {
      await model.close();
    }
  });
});
