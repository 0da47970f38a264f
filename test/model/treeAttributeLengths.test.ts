import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { createTreeExplainer } from '../../src/explain/createTreeExplainer.js';
import { loadModel } from '../../src/model/loadModel.js';
import { decodeTreeEnsembleModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import type { OnnxAttribute } from '../../src/model/onnx/onnxModel.js';
import { buildV3Model, buildV5Model, type V3Node } from '../fixtures/onnx/converterModels.js';
import { patchTreeAttribute } from '../fixtures/onnx/patchTreeAttribute.js';
import { tinyManifest } from '../fixtures/onnx/tinyModel.js';

function errorOf(f: () => unknown): CreditliftError {
  try {
    f();
  } catch (e) {
    if (e instanceof CreditliftError) return e;
    throw new Error(`not a CreditliftError: ${String(e)}`);
  }
  throw new Error('did not throw');
}

const dropLast = (a: OnnxAttribute | undefined): OnnxAttribute | undefined => {
  if (a === undefined) throw new Error('attribute absent');
  if (a.type === 'INTS' || a.type === 'FLOATS') return { ...a, value: a.value.slice(0, -1) };
  if (a.type === 'TENSOR') return { ...a, value: { ...a.value, dims: [a.value.values.length - 1], values: a.value.values.slice(0, -1) } };
  throw new Error(`cannot shorten ${a.type}`);
};

// The tester's hand-built model: a < 0.5 ? -2 : (b < 0.5 ? 0.5 : 2), and a missing `a` goes to the
// true branch (-2). A 4-entry missing-value list for 5 nodes is read by onnxruntime as it stands.
const NODES: V3Node[] = [
  { tree: 0, id: 0, mode: 'BRANCH_LT', feature: 0, value: 0.5, t: 1, f: 2, missingTrue: true, hitrate: 100 },
  { tree: 0, id: 1, mode: 'LEAF', hitrate: 50 },
  { tree: 0, id: 2, mode: 'BRANCH_LT', feature: 1, value: 0.5, t: 3, f: 4, hitrate: 50 },
  { tree: 0, id: 3, mode: 'LEAF', hitrate: 25 },
  { tree: 0, id: 4, mode: 'LEAF', hitrate: 25 },
];
const manifest = { ...tinyManifest(2), inputName: 'input' };
const handBuilt = buildV3Model({
  opType: 'TreeEnsembleClassifier',
  nFeatures: 2,
  nodes: NODES,
  weights: [
    { tree: 0, node: 1, cls: 0, w: -2 },
    { tree: 0, node: 3, cls: 0, w: 0.5 },
    { tree: 0, node: 4, cls: 0, w: 2 },
  ],
  baseValues: [0],
  postTransform: 'LOGISTIC',
  metadata: { 'creditlift.manifest': JSON.stringify(manifest) },
});

describe('a tree attribute list of the wrong length is refused by name, never filled in', () => {
  it('nodes_missing_value_tracks_true one entry short (the tester’s model): decode and loadModel refuse with model_load_failed naming it', async () => {
    const short = patchTreeAttribute(handBuilt, 'nodes_missing_value_tracks_true', dropLast);
    // onnxruntime scores the file anyway, using the entries it has: a missing `a` goes to -2.
    const session = await ort.InferenceSession.create(short);
    try {
      const out = await session.run({ input: new ort.Tensor('float32', Float32Array.of(Number.NaN, Number.NaN), [1, 2]) });
      expect((out.probabilities!.data as Float32Array)[1]).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
    } finally {
      await session.release();
    }
    const decodeError = errorOf(() => decodeTreeEnsembleModel(short));
    expect(decodeError.code).toBe('model_load_failed');
    expect(decodeError.message).toMatch(/nodes_missing_value_tracks_true has 4 entries, nodes_treeids 5/);
    const loadError = await loadModel(short).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(loadError).toBeInstanceOf(CreditliftError);
    expect(loadError).toMatchObject({ code: 'model_load_failed', message: expect.stringContaining('nodes_missing_value_tracks_true') });
    expect(() => createTreeExplainer(short)).toThrow(/nodes_missing_value_tracks_true/);
  });

  it('control: with the full list the model loads, and TreeSHAP of a missing row sums to onnxruntime’s log-odds', async () => {
    const model = await loadModel(handBuilt);
    try {
      const row = Float32Array.of(Number.NaN, Number.NaN);
      const pd = await model.predictOne(row);
      const phi = createTreeExplainer(handBuilt).shap(row);
      expect(phi.reduce((s, x) => s + x, 0)).toBeCloseTo(Math.log(pd / (1 - pd)), 5);
      expect(Math.log(pd / (1 - pd))).toBeCloseTo(-2, 5);
    } finally {
      await model.close();
    }
  });

  it('nodes_hitrates one entry short (v3) is refused naming it, not dropped', () => {
    const short = patchTreeAttribute(handBuilt, 'nodes_hitrates', dropLast);
    expect(errorOf(() => decodeTreeEnsembleModel(short))).toMatchObject({
      code: 'model_load_failed',
      message: expect.stringContaining('nodes_hitrates has 4 entries, nodes_treeids 5'),
    });
  });

  it('opset-5 TreeEnsemble: a short nodes_missing_value_tracks_true or nodes_hitrates is refused naming it', () => {
    const v5 = buildV5Model({
      nFeatures: 2,
      nTargets: 1,
      treeRoots: [0],
      nodes: [
        { feature: 0, mode: 1, split: 0.5, t: 0, tLeaf: true, f: 1, fLeaf: false, missingTrue: true, hitrate: 100 },
        { feature: 1, mode: 1, split: 0.5, t: 1, tLeaf: true, f: 2, fLeaf: true, hitrate: 50 },
      ],
      leaves: [
        { target: 0, w: -2 },
        { target: 0, w: 0.5 },
        { target: 0, w: 2 },
      ],
    });
    expect(decodeTreeEnsembleModel(v5).ensemble.trees[0]!.missingTracksTrue[0]).toBe(1);
    for (const name of ['nodes_missing_value_tracks_true', 'nodes_hitrates']) {
      expect(errorOf(() => decodeTreeEnsembleModel(patchTreeAttribute(v5, name, dropLast)))).toMatchObject({
        code: 'model_load_failed',
        message: expect.stringContaining(`${name} has 1 entries, nodes_featureids 2`),
      });
    }
  });
});
