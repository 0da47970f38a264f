import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { buildProbeRows } from '../../src/model/evaluatorProbeRows.js';
import { flattenFloat32Ensemble } from '../../src/model/float32Ensemble.js';
import { evaluateFloat32 } from '../../src/model/float32Evaluator.js';
import { allocateTree, NodeMode, type TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { evaluateEnsembleBatch } from '../../src/model/evaluateEnsemble.js';
import { loadModel } from '../../src/model/loadModel.js';
import { proveEvaluatorBitEqual } from '../../src/model/proveEvaluatorBitEqual.js';
import { buildV3Model } from '../fixtures/onnx/converterModels.js';
import { ensembleArb, featureValueArb } from '../fixtures/onnx/arbitraries.js';
import { tinyManifest, tinyModelBytes } from '../fixtures/onnx/tinyModel.js';

const bitsOf = (a: Float32Array): number[] => [...new Uint32Array(a.buffer, a.byteOffset, a.length)];

describe('loadModel chooses the evaluator of small runs', () => {
  it('auto: a random ensemble gets the proved JS evaluator, and every run size gives onnxruntime’s bits', async () => {
    await fc.assert(
      fc.asyncProperty(
        // LOGISTIC only: loadModel refuses a raw-score (NONE) output.
        ensembleArb({ postTransform: 'LOGISTIC', maxTrees: 8 }).chain((e) =>
          fc.tuple(fc.constant(e), fc.array(fc.array(featureValueArb, { minLength: e.nFeatures, maxLength: e.nFeatures }), { minLength: 1, maxLength: 24 })),
        ),
        async ([ensemble, rows]) => {
          const bytes = tinyModelBytes(tinyManifest(ensemble.nFeatures), ensemble);
          const [auto, forced] = await Promise.all([loadModel(bytes), loadModel(bytes, { evaluator: 'onnxruntime' })]);
          try {
            expect(auto.evaluator).toMatchObject({ kind: 'js-float32', reason: expect.stringContaining('bit-equal'), probe: { differingRows: 0 } });
            expect(auto.evaluator.maxRows).toBeGreaterThan(0);
            expect(forced.evaluator).toMatchObject({ kind: 'onnxruntime', reason: expect.stringContaining('forced'), maxRows: 0 });
            for (const n of [1, auto.evaluator.maxRows, rows.length]) {
              const data = Float32Array.from(rows.slice(0, n).flat());
              const k = Math.min(n, rows.length);
              expect(bitsOf(await auto.predict(data, k))).toEqual(bitsOf(await forced.predict(data, k)));
            }
          } finally {
            await Promise.all([auto.close(), forced.close()]);
          }
        },
      ),
      { numRuns: 12, seed: 4_2026 },
    );
  });

  it('a row whose expf is a near tie is scored by onnxruntime inside a JS run, with onnxruntime’s bits', async () => {
    // Margin -0.19126427... : Math.fround(Math.exp(0.1912...)) is one float32 off glibc's expf.
    const margin = -0.19126427173614502;
    const t = allocateTree(3);
    t.mode[0] = NodeMode.BRANCH_LEQ;
    t.feature[0] = 0;
    t.threshold[0] = 0;
    t.trueChild[0] = 1;
    t.falseChild[0] = 2;
    t.leafValue[1] = margin;
    t.leafValue[2] = 0.5;
    const ensemble: TreeEnsemble = { nFeatures: 1, trees: [t], baseValue: 0, postTransform: 'LOGISTIC' };
    const flat = flattenFloat32Ensemble(ensemble);
    if (!flat.ok) throw new Error(flat.reason);
    const uncertain: number[] = [];
    evaluateFloat32(flat.ensemble, Float32Array.of(-1, 1), 2, new Float32Array(2), uncertain);
    expect(uncertain).toEqual([0]);
    const bytes = tinyModelBytes(tinyManifest(1), ensemble);
    const [auto, forced] = await Promise.all([loadModel(bytes), loadModel(bytes, { evaluator: 'onnxruntime' })]);
    try {
      expect(auto.evaluator).toMatchObject({ kind: 'js-float32', probe: { differingRows: 0 } });
      expect(auto.evaluator.probe?.deferredRows).toBeGreaterThan(0);
      const rows = Float32Array.of(-1, 1);
      expect(bitsOf(await auto.predict(rows, 2))).toEqual(bitsOf(await forced.predict(rows, 2)));
      expect(Number.isNaN(await auto.predictOne([-1]))).toBe(false);
    } finally {
      await Promise.all([auto.close(), forced.close()]);
    }
  });

  it('falls back to onnxruntime, saying why, for a form the JS evaluator does not implement (SOFTMAX)', async () => {
    const manifest = JSON.stringify({ ...tinyManifest(1), inputName: 'input' });
    const model = await loadModel(
      buildV3Model({
        opType: 'TreeEnsembleClassifier',
        nFeatures: 1,
        nodes: [
          { tree: 0, id: 0, mode: 'BRANCH_LEQ', feature: 0, value: 2, t: 1, f: 2 },
          { tree: 0, id: 1, mode: 'LEAF' },
          { tree: 0, id: 2, mode: 'LEAF' },
        ],
        weights: [
          { tree: 0, node: 1, cls: 0, w: 0.25 },
          { tree: 0, node: 1, cls: 1, w: -0.5 },
          { tree: 0, node: 2, cls: 0, w: -0.25 },
          { tree: 0, node: 2, cls: 1, w: 0.75 },
        ],
        postTransform: 'SOFTMAX',
        inputShape: [undefined, 1],
        metadata: { 'creditlift.manifest': manifest },
      }),
    );
    try {
      expect(model.evaluator).toEqual({ kind: 'onnxruntime', reason: expect.stringContaining('post_transform SOFTMAX'), maxRows: 0 });
      expect(await model.predictOne([3])).toBeCloseTo(1 / (1 + Math.exp(-(0.75 + 0.25))), 6);
    } finally {
      await model.close();
    }
  });

  it('the proof refuses an evaluator that is off by a bit: the float64 evaluator fails on the default model', async () => {
    const model = await loadModel(defaultModelPath(), { evaluator: 'onnxruntime' });
    try {
      const { rows, nRows } = buildProbeRows(model.ensemble);
      const float64 = (r: Float32Array, n: number, out: Float32Array): void => out.set(evaluateEnsembleBatch(model.ensemble, r, n).probabilities);
      const proof = await proveEvaluatorBitEqual(float64, (r, n) => model.predict(r, n), rows, nRows, model.ensemble.nFeatures);
      expect(proof.bitEqual).toBe(false);
      expect(proof.differingRows).toBeGreaterThan(0);
      expect(proof.reason).toMatch(/probe rows differ; probe row \d+: float32 JS gave .* onnxruntime /);
      // One ulp on one row is enough to refuse.
      const reference = await model.predict(rows, nRows);
      const oneUlpOff = (_r: Float32Array, n: number, out: Float32Array): void => {
        out.set(reference.subarray(0, n));
        new Uint32Array(out.buffer)[n - 1]! += 1;
      };
      expect(await proveEvaluatorBitEqual(oneUlpOff, (r, n) => model.predict(r, n), rows, nRows, model.ensemble.nFeatures)).toMatchObject({
        bitEqual: false,
        differingRows: 1,
      });
    } finally {
      await model.close();
    }
  });

  it('an unknown evaluator option is a ValidationError naming the field', async () => {
    const err = await loadModel(tinyModelBytes(), { evaluator: 'js' as never }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual(['evaluator']);
  });
});

describe('createScorer modelEvaluator', () => {
  it('decisions are byte-identical with the JS evaluator and with onnxruntime forced', async () => {
    const applicants = exampleApplicants.map((e) => e.applicant);
    // No suggestions: one row per decide(), so the JS evaluator scores it. (With the default
    // suggestions, test/whatIfOutput.test.ts holds decisions to fixed digests under the default 'auto'.)
    for (const suggestionsPerDecision of [0]) {
      const jsModel = await loadModel(defaultModelPath());
      expect(jsModel.evaluator.kind).toBe('js-float32');
      const [auto, viaModel, forced] = await Promise.all([
        createScorer({ suggestionsPerDecision }),
        createScorer({ suggestionsPerDecision, model: jsModel }),
        createScorer({ suggestionsPerDecision, modelEvaluator: 'onnxruntime' }),
      ]);
      try {
        for (const a of applicants) {
          const want = JSON.stringify(await forced.decide(a));
          expect(JSON.stringify(await auto.decide(a))).toBe(want);
          expect(JSON.stringify(await viaModel.decide(a))).toBe(want);
        }
        expect(JSON.stringify(await auto.decideBatch(applicants))).toBe(JSON.stringify(await forced.decideBatch(applicants)));
      } finally {
        // Closing a scorer closes its model, the one passed in included.
        await Promise.all([auto.close(), viaModel.close(), forced.close()]);
      }
    }
  });

  it('is refused beside an already loaded model (whose evaluator was chosen by loadModel)', async () => {
    const model = await loadModel(tinyModelBytes());
    try {
      const err = await createScorer({ model, modelEvaluator: 'onnxruntime' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields).toEqual(['modelEvaluator']);
    } finally {
      await model.close();
    }
  });
});

// findings14-docs #6: the README said "about 540 rows" for the default model's probe after the
// retrain made it 490: the figure is now the probe's own, held here.
describe('README, "Small runs in JavaScript": the default model\'s probe size', () => {
  it('is the number of rows loadModel probes for the default model', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const model = await loadModel(defaultModelPath());
    try {
      expect(model.evaluator.probe?.differingRows).toBe(0);
      expect(readme).toContain(`seeded random rows; ${model.evaluator.probe?.rows} rows for the default model)`);
    } finally {
      await model.close();
    }
  });
});
