import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetCompiledTreeShap } from '../../src/explain/treeShap/compiledTreeShapMemo.js';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';
import { type LoadedModel, loadModel, type LoadModelOptions } from '../../src/model/loadModel.js';
import type { ModelManifest } from '../../src/model/manifest.js';
import { forgetModelProofs } from '../../src/model/modelProofMemo.js';
import { serveScorer } from '../../src/parallel/serveScorer.js';
import type { FromWorkerMessage, ToWorkerMessage } from '../../src/parallel/workerMessages.js';
import { acceptWorkerModelProofs, knownWorkerModelProofs, type WorkerModelProofs } from '../../src/parallel/workerModelProofs.js';
import { tinyManifest, tinyModelBytes } from '../fixtures/onnx/tinyModel.js';

// Cheap on purpose: the tiny model, loaded in this process; a worker's own path (serveScorer) is
// driven through an in-memory channel rather than a process.
const opened: LoadedModel[] = [];
async function load(bytes: Uint8Array, options?: LoadModelOptions): Promise<LoadedModel> {
  const model = await loadModel(bytes, options);
  opened.push(model);
  return model;
}
afterAll(async () => {
  await Promise.all(opened.map((m) => m.close()));
  // The forged proofs must not outlive this file: files share this process (isolate: false).
  forgetModelProofs();
  forgetCompiledTreeShap();
});
beforeEach(() => {
  forgetModelProofs();
  forgetCompiledTreeShap();
});

/** The tiny model claiming f0 rises and f2 rises with the PD: its tree 1 makes f2 lower it, so loadModel refuses it. */
function breakingBytes(): Uint8Array {
  const m: ModelManifest = tinyManifest();
  return tinyModelBytes({ ...m, features: m.features.map((f, i) => (i === 0 || i === 2 ? { ...f, monotone: 1 } : f)) });
}

/** A proof no process made: the bytes keep their directions, and the evaluator says `reason`. */
function forged(sha256: string, option: 'auto' | 'onnxruntime' = 'auto'): WorkerModelProofs {
  return { sha256, monotone: true, evaluators: [{ option, info: { kind: 'onnxruntime', reason: 'handed', maxRows: 0 } }], treeShap: [] };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Runs serveScorer's init over an in-memory channel; resolves with the first message it sends. */
function initWorker(bytes: Uint8Array, proofs: WorkerModelProofs): Promise<FromWorkerMessage> {
  return new Promise((resolve) => {
    let listener: ((msg: ToWorkerMessage) => void) | undefined;
    serveScorer({ onMessage: (l) => (listener = l), send: resolve, close: () => undefined });
    listener?.({ type: 'init', scorer: { model: bytes, suggestionsPerDecision: 0 }, proofs });
  });
}

describe('a pool worker takes the proofs it is handed only for its own bytes and evaluator option', () => {
  it('proofs about other bytes are not taken: the worker checks its own, and refuses bytes that break their directions', async () => {
    const bytes = breakingBytes();
    expect(acceptWorkerModelProofs(forged(sha256Hex(tinyModelBytes())), sha256Hex(bytes))).toBe(false);
    expect(await refusal(load(bytes))).toMatchObject({ code: 'model_monotonicity_violated' });
    // Through the worker's own init: the same refusal.
    const sent = await initWorker(bytes, forged(sha256Hex(tinyModelBytes())));
    expect(sent).toMatchObject({ type: 'init_failed', error: { code: 'model_monotonicity_violated' } });
  });

  it('proofs about these bytes are taken in place of its own (the control: they are what the check above refused)', async () => {
    const bytes = breakingBytes();
    expect(acceptWorkerModelProofs(forged(sha256Hex(bytes)), sha256Hex(bytes))).toBe(true);
    expect((await load(bytes)).evaluator.reason).toBe('handed');
  });

  it('an evaluator choice proved under another option is not taken: the worker proves its own', async () => {
    const bytes = tinyModelBytes();
    acceptWorkerModelProofs(forged(sha256Hex(bytes), 'onnxruntime'), sha256Hex(bytes));
    const auto = await load(bytes);
    expect(auto.evaluator).toMatchObject({ kind: 'js-float32' });
    expect(auto.evaluator.reason).not.toBe('handed');
    expect((await load(bytes, { evaluator: 'onnxruntime' })).evaluator.reason).toBe('handed');
  });

  it('a handed float32 choice scores with a layout rebuilt from the bytes: onnxruntime’s exact bits', async () => {
    const bytes = tinyModelBytes();
    const proving = await load(bytes);
    const proofs = knownWorkerModelProofs(proving.sha256) as WorkerModelProofs;
    expect(proofs.monotone).toBe(true);
    expect(proofs.evaluators.map((e) => e.option)).toEqual(['auto']);
    forgetModelProofs();
    acceptWorkerModelProofs(structuredClone(proofs), sha256Hex(bytes));
    const handed = await load(bytes);
    expect(handed.evaluator).toEqual(proving.evaluator);
    const reference = await load(bytes, { evaluator: 'onnxruntime' });
    for (const row of [
      [0.6, 0, 0],
      [0.2, 1, -3],
      [Number.NaN, 0.5, 2],
    ]) {
      expect(await handed.predictOne(row)).toBe(await reference.predictOne(row));
    }
  });
});
