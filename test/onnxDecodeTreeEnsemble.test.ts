import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { evaluateEnsembleBatch } from '../src/model/evaluateEnsemble.js';
import { decodeTreeEnsembleModel, type DecodedTreeModel } from '../src/model/onnx/decodeTreeEnsemble.js';
import { encodeTreeEnsembleModel } from '../src/model/onnx/encodeTreeEnsemble.js';
import { NodeMode } from '../src/model/treeEnsemble.js';
import { ensembleArb, rowsArb } from './fixtures/onnx/arbitraries.js';
import { buildV3Model, buildV5Model, type V3Node, type V3Spec } from './fixtures/onnx/converterModels.js';

async function ortColumn(bytes: Uint8Array, decoded: DecodedTreeModel, rows: number[][], double = false): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const width = decoded.ensemble.nFeatures;
    const data = double ? Float64Array.from(rows.flat()) : Float32Array.from(rows.flat());
    const out = await session.run({ [decoded.featureInputName]: new ort.Tensor(double ? 'float64' : 'float32', data, [rows.length, width]) }, [
      decoded.output.name,
    ]);
    const values = out[decoded.output.name]!.data as Float32Array | Float64Array;
    return rows.map((_, r) => values[r * decoded.output.width + decoded.output.column] as number);
  } finally {
    await session.release();
  }
}

/** Law: the decoded IR reproduces onnxruntime's positive-class column on random rows. */
async function expectMatchesOrt(bytes: Uint8Array, options: { double?: boolean; numRuns?: number } = {}): Promise<DecodedTreeModel> {
  const decoded = decodeTreeEnsembleModel(bytes);
  await fc.assert(
    fc.asyncProperty(rowsArb(decoded.ensemble.nFeatures, 16), async (rows) => {
      const expected = await ortColumn(bytes, decoded, rows, options.double);
      const js = evaluateEnsembleBatch(decoded.ensemble, Float64Array.from(rows.flat()), rows.length).probabilities;
      rows.forEach((_, r) => expect(Math.abs((js[r] as number) - (expected[r] as number))).toBeLessThan(1e-6));
    }),
    { numRuns: options.numRuns ?? 25 },
  );
  return decoded;
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof CreditliftError ? e.code : `not a CreditliftError: ${String(e)}`;
  }
  return undefined;
}

// Two trees over 3 features. Tree 0 uses shuffled node ids (root listed first), tree 1 sequential.
const SHUFFLED: V3Node[] = [
  { tree: 0, id: 4, mode: 'BRANCH_LEQ', feature: 0, value: 0.5, t: 2, f: 7, hitrate: 100 },
  { tree: 0, id: 7, mode: 'LEAF', hitrate: 40 },
  { tree: 0, id: 2, mode: 'BRANCH_LEQ', feature: 2, value: Math.fround(0.1), t: 0, f: 5, hitrate: 60 },
  { tree: 0, id: 5, mode: 'LEAF', hitrate: 35 },
  { tree: 0, id: 0, mode: 'LEAF', hitrate: 25 },
  { tree: 1, id: 0, mode: 'BRANCH_LEQ', feature: 1, value: -0.5, t: 1, f: 2, hitrate: 100 },
  { tree: 1, id: 1, mode: 'LEAF', hitrate: 30 },
  { tree: 1, id: 2, mode: 'LEAF', hitrate: 70 },
];
const LEAVES: [number, number, number][] = [
  [0, 7, 0.6],
  [0, 5, -0.4],
  [0, 0, 0.25],
  [1, 1, -0.8],
  [1, 2, 0.3],
];

describe('decodeTreeEnsembleModel', () => {
  it('decoding what the encoder wrote gives back the same ensemble, covers and metadata', () => {
    fc.assert(
      fc.property(ensembleArb(), (ensemble) => {
        const metadata = { 'creditlift.manifest': '{"x":1}', other: 'é' };
        const featureNames = Array.from({ length: ensemble.nFeatures }, (_, i) => `f${i}`);
        const bytes = encodeTreeEnsembleModel({ ensemble, featureNames, metadata });
        const decoded = decodeTreeEnsembleModel(bytes);
        expect(decoded.metadata).toEqual({ ...metadata, 'creditlift.feature_names': JSON.stringify(featureNames) });
        expect(decoded.ensemble.nFeatures).toBe(ensemble.nFeatures);
        expect(decoded.ensemble.postTransform).toBe(ensemble.postTransform);
        expect(decoded.ensemble.baseValue).toBe(Math.fround(ensemble.baseValue));
        expect(decoded.featureInputName).toBe('features');
        expect(decoded.output).toEqual({ name: 'probabilities', column: 1, width: 2, isGraphOutput: true });
        expect(decoded.inputs[0]?.shape).toEqual(['N', ensemble.nFeatures]);
        decoded.ensemble.trees.forEach((tree, t) => {
          const src = ensemble.trees[t]!;
          expect(tree.mode).toEqual(src.mode);
          expect(tree.threshold).toEqual(src.threshold.map((v, i) => (src.mode[i] === NodeMode.LEAF ? 0 : v)));
          expect(tree.trueChild).toEqual(src.trueChild);
          expect(tree.falseChild).toEqual(src.falseChild);
          expect(Array.from(tree.leafValue)).toEqual(Array.from(src.leafValue, (v) => Math.fround(v)));
          if (src.cover.some((c) => !Number.isNaN(c))) expect(Array.from(tree.cover)).toEqual(Array.from(src.cover, (c) => Math.fround(c)));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('XGBoost-style (class 0 weights, BRANCH_LT, missing tracking, logit base, shuffled ids) matches onnxruntime', async () => {
    const nodes: V3Node[] = SHUFFLED.map((n) => (n.mode === 'LEAF' ? n : { ...n, mode: 'BRANCH_LT', missingTrue: n.feature !== 1 }));
    const bytes = buildV3Model({
      opType: 'TreeEnsembleClassifier',
      nFeatures: 3,
      nodes,
      weights: LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 0, w })),
      baseValues: [-0.35],
      postTransform: 'LOGISTIC',
    });
    const decoded = await expectMatchesOrt(bytes);
    expect(decoded.ensemble.baseValue).toBeCloseTo(-0.35, 6);
    expect(decoded.ensemble.postTransform).toBe('LOGISTIC');
    expect(Array.from(decoded.ensemble.trees[0]!.cover)).toEqual([100, 60, 25, 35, 40]);
  });

  it('scikit-learn random-forest style (both class weights, BRANCH_LEQ, NONE) matches onnxruntime', async () => {
    const weights = LEAVES.flatMap(([tree, node, w]) => [
      { tree, node, cls: 0, w: (1 - Math.abs(w)) / 2 },
      { tree, node, cls: 1, w: Math.abs(w) / 2 },
    ]);
    const decoded = await expectMatchesOrt(buildV3Model({ opType: 'TreeEnsembleClassifier', nFeatures: 3, nodes: SHUFFLED, weights }));
    expect(decoded.ensemble.postTransform).toBe('NONE');
    expect(decoded.kind).toBe('classifier');
  });

  it('both classes under SOFTMAX decode to margin w1 - w0 with LOGISTIC, matching onnxruntime', async () => {
    const weights = LEAVES.flatMap(([tree, node, w]) => [
      { tree, node, cls: 0, w: -w / 3 },
      { tree, node, cls: 1, w },
    ]);
    const decoded = await expectMatchesOrt(
      buildV3Model({ opType: 'TreeEnsembleClassifier', nFeatures: 3, nodes: SHUFFLED, weights, baseValues: [0.4], postTransform: 'SOFTMAX' }),
    );
    expect(decoded.ensemble.postTransform).toBe('LOGISTIC');
    expect(decoded.ensemble.baseValue).toBeCloseTo(-0.4, 6);
  });

  it('class-1-only weights under LOGISTIC match onnxruntime column 1', async () => {
    await expectMatchesOrt(
      buildV3Model({
        opType: 'TreeEnsembleClassifier',
        nFeatures: 3,
        nodes: SHUFFLED,
        weights: LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 1, w })),
        postTransform: 'LOGISTIC',
      }),
    );
  });

  it('string class labels and a ZipMap are read; the tree output is reported as not a graph output', () => {
    const decoded = decodeTreeEnsembleModel(
      buildV3Model({
        opType: 'TreeEnsembleClassifier',
        nFeatures: 3,
        nodes: SHUFFLED,
        weights: LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 0, w })),
        postTransform: 'LOGISTIC',
        zipMap: true,
      }),
    );
    expect(decoded.output).toEqual({ name: 'probabilities', column: 1, width: 2, isGraphOutput: false });
    const strings = decodeTreeEnsembleModel(
      buildV3Model({
        opType: 'TreeEnsembleClassifier',
        nFeatures: 3,
        nodes: SHUFFLED,
        weights: LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 0, w })),
        classLabelStrings: ['good', 'bad'],
      }),
    );
    expect(strings.classLabels).toEqual(['good', 'bad']);
  });

  it('regressors with SUM and AVERAGE and a base value match onnxruntime', async () => {
    const weights = LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 0, w }));
    const sum = await expectMatchesOrt(buildV3Model({ opType: 'TreeEnsembleRegressor', nFeatures: 3, nodes: SHUFFLED, weights, baseValues: [1.5] }));
    expect(sum.kind).toBe('regressor');
    expect(sum.output).toMatchObject({ name: 'variable', column: 0, width: 1 });
    await expectMatchesOrt(buildV3Model({ opType: 'TreeEnsembleRegressor', nFeatures: 3, nodes: SHUFFLED, weights, baseValues: [1.5], aggregate: 'AVERAGE' }));
  });

  it('double-precision _as_tensor attributes decode and match onnxruntime on double input', async () => {
    const spec: V3Spec = {
      opType: 'TreeEnsembleRegressor',
      nFeatures: 3,
      nodes: SHUFFLED,
      weights: LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 0, w })),
      baseValues: [0.5],
      asTensor: true,
      inputElemType: 11,
    };
    const decoded = await expectMatchesOrt(buildV3Model(spec), { double: true });
    expect(decoded.precision).toBe('double');
    expect(decoded.ensemble.trees[0]!.cover[0]).toBe(100);
  });

  it('opset-5 TreeEnsemble (one target, BRANCH_MEMBER, single-leaf tree) matches onnxruntime', async () => {
    // Tree 0: node0 x0 in {1, 2.5} ? node1 : leaf2 ; node1 x1 <= 0 ? leaf0 : leaf1. Tree 1: a single leaf (root node 2 with both children = leaf 3).
    const bytes = buildV5Model({
      nFeatures: 2,
      nTargets: 1,
      treeRoots: [0, 2],
      nodes: [
        { feature: 0, mode: 6, split: 0, t: 1, tLeaf: false, f: 2, fLeaf: true, missingTrue: true, hitrate: 10 },
        { feature: 1, mode: 0, split: 0, t: 0, tLeaf: true, f: 1, fLeaf: true, hitrate: 6 },
        { feature: 0, mode: 0, split: 0, t: 3, tLeaf: true, f: 3, fLeaf: true },
      ],
      leaves: [
        { target: 0, w: 0.5 },
        { target: 0, w: -1 },
        { target: 0, w: 2 },
        { target: 0, w: 0.125 },
      ],
      membershipValues: [1, 2.5, Number.NaN],
    });
    const decoded = await expectMatchesOrt(bytes);
    expect(decoded.operator).toEqual({ domain: 'ai.onnx.ml', opType: 'TreeEnsemble', opsetVersion: 5 });
    expect(decoded.ensemble.trees).toHaveLength(2);
  });

  it('opset-5 TreeEnsemble with two targets under LOGISTIC matches onnxruntime column 1', async () => {
    const bytes = buildV5Model({
      nFeatures: 1,
      nTargets: 2,
      treeRoots: [0],
      postTransform: 2,
      nodes: [{ feature: 0, mode: 3, split: 0.25, t: 0, tLeaf: true, f: 1, fLeaf: true }],
      leaves: [
        { target: 1, w: 0.75 },
        { target: 1, w: -0.5 },
      ],
    });
    const decoded = await expectMatchesOrt(bytes);
    expect(decoded.kind).toBe('classifier');
  });

  it('refuses what the IR cannot represent with model_unsupported', () => {
    const weights0 = LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 0, w }));
    const base: V3Spec = { opType: 'TreeEnsembleClassifier', nFeatures: 3, nodes: SHUFFLED, weights: weights0, postTransform: 'LOGISTIC' };
    expect(codeOf(() => decodeTreeEnsembleModel(buildV3Model({ ...base, classLabels: [0, 1, 2] })))).toBe('model_unsupported');
    expect(codeOf(() => decodeTreeEnsembleModel(buildV3Model({ ...base, postTransform: 'PROBIT' })))).toBe('model_unsupported');
    expect(codeOf(() => decodeTreeEnsembleModel(buildV3Model({ ...base, baseValues: [0.1, 0.2] })))).toBe('model_unsupported');
    expect(codeOf(() => decodeTreeEnsembleModel(buildV3Model({ ...base, opType: 'TreeEnsembleRegressor', aggregate: 'MAX', postTransform: 'NONE' })))).toBe(
      'model_unsupported',
    );
    expect(codeOf(() => decodeTreeEnsembleModel(buildV3Model({ ...base, opType: 'TreeEnsembleRegressor' })))).toBe('model_unsupported');
    const split = [...SHUFFLED.slice(0, 2), ...SHUFFLED.slice(5), ...SHUFFLED.slice(2, 5)];
    expect(codeOf(() => decodeTreeEnsembleModel(buildV3Model({ ...base, nodes: split })))).toBe('model_unsupported');
    // Both classes scored, but one leaf lacks a class-1 weight.
    const partial = [...weights0, ...weights0.slice(1).map((w) => ({ ...w, cls: 1 }))];
    expect(codeOf(() => decodeTreeEnsembleModel(buildV3Model({ ...base, weights: partial })))).toBe('model_unsupported');
  });

  it('turns corrupt bytes and broken trees into model_load_failed, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const code = codeOf(() => decodeTreeEnsembleModel(bytes));
        expect(['model_load_failed', 'model_unsupported']).toContain(code);
      }),
      { numRuns: 300 },
    );
    const weights0 = LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 0, w }));
    const dangling = SHUFFLED.map((n) => (n.id === 2 && n.tree === 0 ? { ...n, f: 9 } : n));
    expect(codeOf(() => decodeTreeEnsembleModel(buildV3Model({ opType: 'TreeEnsembleClassifier', nFeatures: 3, nodes: dangling, weights: weights0 })))).toBe(
      'model_load_failed',
    );
    const cyclic = SHUFFLED.map((n) => (n.id === 2 && n.tree === 0 ? { ...n, t: 4 } : n));
    expect(
      codeOf(() => decodeTreeEnsembleModel(buildV3Model({ opType: 'TreeEnsembleClassifier', nFeatures: 3, nodes: cyclic, weights: weights0 }))),
    ).not.toBeUndefined();
  });

  it('truncating a valid model anywhere gives a typed error', () => {
    const bytes = buildV3Model({
      opType: 'TreeEnsembleClassifier',
      nFeatures: 3,
      nodes: SHUFFLED,
      weights: LEAVES.map(([tree, node, w]) => ({ tree, node, cls: 0, w })),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
        const code = codeOf(() => decodeTreeEnsembleModel(bytes.subarray(0, cut)));
        expect(['model_load_failed', 'model_unsupported', undefined]).toContain(code);
      }),
      { numRuns: 200 },
    );
  });
});
