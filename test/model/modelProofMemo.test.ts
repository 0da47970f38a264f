import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { forgetCompiledTreeShap } from '../../src/explain/treeShap/compiledTreeShapMemo.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { provenPartialEvaluator } from '../../src/model/float32PartialEvaluator.js';
import { type LoadedModel, loadModel, type LoadModelOptions } from '../../src/model/loadModel.js';
import { forgetModelProofs } from '../../src/model/modelProofMemo.js';
import type { ModelManifest } from '../../src/model/manifest.js';
import type { TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { tinyEnsemble, tinyManifest, tinyModelBytes } from '../fixtures/onnx/tinyModel.js';

const opened: LoadedModel[] = [];
async function load(bytes: Uint8Array, options?: LoadModelOptions): Promise<LoadedModel> {
  const model = await loadModel(bytes, options);
  opened.push(model);
  return model;
}
afterAll(async () => {
  await Promise.all(opened.map((m) => m.close()));
});
beforeEach(() => {
  forgetModelProofs();
  forgetCompiledTreeShap();
});

/** The tiny ensemble with its first tree's threshold moved from 0.5 to 0.75. */
function movedThreshold(): TreeEnsemble {
  const e = tinyEnsemble();
  e.trees[0]!.threshold[0] = 0.75;
  return e;
}

function withMonotone(f2: -1 | 1): ModelManifest {
  const m = tinyManifest();
  return { ...m, features: m.features.map((f, i) => (i === 0 ? { ...f, monotone: 1 } : i === 2 ? { ...f, monotone: f2 } : f)) };
}

describe('what loadModel proves is proved once per process per model bytes and option', () => {
  it('a second load of the same bytes shares the first one’s proof (the same frozen evaluator info)', async () => {
    const bytes = tinyModelBytes();
    const first = await load(bytes);
    const second = await load(bytes);
    expect(first.evaluator.kind).toBe('js-float32');
    expect(second.evaluator).toBe(first.evaluator);
    expect(Object.isFrozen(second.evaluator)).toBe(true);
  });

  it('two models that differ in one threshold each get their own proof: the second scores its own trees, as onnxruntime does', async () => {
    const a = await load(tinyModelBytes());
    const b = await load(tinyModelBytes(tinyManifest(), movedThreshold()));
    expect(b.evaluator).not.toBe(a.evaluator);
    expect(b.evaluator.kind).toBe('js-float32');
    expect(provenPartialEvaluator(b)?.ensemble.threshold).not.toEqual(provenPartialEvaluator(a)?.ensemble.threshold);
    const reference = await load(tinyModelBytes(tinyManifest(), movedThreshold()), { evaluator: 'onnxruntime' });
    const row = [0.6, 0, 0]; // between the two thresholds: the trees disagree here
    const [pa, pb, pRef] = await Promise.all([a.predictOne(row), b.predictOne(row), reference.predictOne(row)]);
    expect(pb).toBe(pRef);
    expect(pb).not.toBe(pa);
  });

  it('the same bytes under another evaluator option get that option’s choice, in either order', async () => {
    const bytes = tinyModelBytes();
    expect((await load(bytes)).evaluator.kind).toBe('js-float32');
    expect((await load(bytes, { evaluator: 'onnxruntime' })).evaluator.kind).toBe('onnxruntime');
    expect((await load(bytes)).evaluator.kind).toBe('js-float32');
  });

  it('bytes loaded with allowMonotoneViolations are still refused without it; a keeping twin loaded first lets no breaking one through', async () => {
    const breaking = tinyModelBytes(withMonotone(1)); // f2 falls in tree 1
    expect((await load(breaking, { allowMonotoneViolations: true })).id).toBe('tiny-credit@0.0.1');
    expect(
      await loadModel(breaking).then(
        () => undefined,
        (e: unknown) => e,
      ),
    ).toMatchObject({ code: 'model_monotonicity_violated' });
    await load(tinyModelBytes(withMonotone(-1)));
    expect(
      await loadModel(breaking).then(
        () => undefined,
        (e: unknown) => e,
      ),
    ).toMatchObject({ code: 'model_monotonicity_violated' });
  });

  it('a scorer built warm decides byte for byte as one built cold, over the example applicants, with and without suggestions', async () => {
    const bytes = new Uint8Array(readFileSync(defaultModelPath()));
    for (const suggestionsPerDecision of [3, 0]) {
      forgetModelProofs();
      forgetCompiledTreeShap();
      const coldModel = await load(bytes);
      const cold = await createScorer({ model: coldModel, suggestionsPerDecision });
      const warmModel = await load(bytes);
      expect(warmModel.evaluator).toBe(coldModel.evaluator);
      const warm = await createScorer({ model: warmModel, suggestionsPerDecision });
      const applicants = exampleApplicants.map((e) => e.applicant);
      const [c, w] = [await cold.decideBatch(applicants), await warm.decideBatch(applicants)];
      expect(c.every((r) => r.ok)).toBe(true);
      expect(JSON.stringify(w)).toBe(JSON.stringify(c));
      await Promise.all([cold.close(), warm.close()]);
    }
  });
});
