// `creditlift train --out model` and `model import --out model` write a folder; the command line
// read it as its model.onnx, but loadModel and createScorer read the path as a file and failed with
// EISDIR on the README's own `createScorer({ model: 'model', features })` (findings19-rules2026 aside).
// The pool read its model with a reader of its own and still failed so on `createScorerPool({ scorer:
// { model: folder } })` (findings26 F4): it now reads the path through loadModel's reader.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel } from '../../src/model/loadModel.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';

const folder = mkdtempSync(join(tmpdir(), 'creditlift-model-folder-'));
copyFileSync(defaultModelPath(), join(folder, 'model.onnx'));
const empty = mkdtempSync(join(tmpdir(), 'creditlift-model-empty-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe('a model folder', () => {
  it('loadModel reads the model.onnx of a folder, the same model as its file', async () => {
    const [fromFolder, fromFile] = await Promise.all([loadModel(folder), loadModel(join(folder, 'model.onnx'))]);
    expect(fromFolder.sha256).toBe(fromFile.sha256);
    await Promise.all([fromFolder.close(), fromFile.close()]);
  });

  it('createScorer({ model: folder }) decides as the default model does', async () => {
    const [a, b] = await Promise.all([createScorer({ model: folder, suggestionsPerDecision: 0 }), createScorer({ suggestionsPerDecision: 0 })]);
    const applicant = exampleFor('new_graduate').applicant;
    expect(await a.decide(applicant)).toEqual(await b.decide(applicant));
    await Promise.all([a.close(), b.close()]);
  });

  it('a folder without model.onnx is model_load_failed naming the file looked for', async () => {
    await expect(loadModel(empty)).rejects.toMatchObject({ code: 'model_load_failed', message: expect.stringContaining(join(empty, 'model.onnx')) });
  });

  it('createScorerPool({ scorer: { model: folder } }) decides as createScorer on the same folder does', async () => {
    const [pool, scorer] = await Promise.all([
      createScorerPool({ workers: 1, scorer: { model: folder, suggestionsPerDecision: 0 } }),
      createScorer({ model: folder, suggestionsPerDecision: 0 }),
    ]);
    try {
      const applicant = exampleFor('new_graduate').applicant;
      expect(await pool.decideBatch([applicant])).toEqual(await scorer.decideBatch([applicant]));
    } finally {
      await Promise.all([pool.close(), scorer.close()]);
    }
  }, 60_000);

  it('a pool given a folder without model.onnx is model_load_failed naming the file looked for, as loadModel says it', async () => {
    const pooled = await createScorerPool({ workers: 1, scorer: { model: empty } }).catch((e: unknown) => e);
    const loaded = await loadModel(empty).catch((e: unknown) => e);
    expect(pooled).toMatchObject({ code: 'model_load_failed', message: expect.stringContaining(join(empty, 'model.onnx')) });
    expect((pooled as Error).message).toBe((loaded as Error).message);
  });
});
