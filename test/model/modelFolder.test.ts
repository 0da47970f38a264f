// `creditlift train --out model` and `model import --out model` write a folder; the command line
// read it as its model.onnx, but loadModel and createScorer read the path as a file and failed with
// EISDIR on the README's own `createScorer({ model: 'model', features })` (findings19-rules2026 aside).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel } from '../../src/model/loadModel.js';

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
});
