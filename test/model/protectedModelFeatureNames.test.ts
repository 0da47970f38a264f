import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runModelCommand } from '../../src/cli/modelCommand.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { loadModel } from '../../src/model/loadModel.js';
import type { ModelManifest } from '../../src/model/manifest.js';
import { readModelFolder } from '../../src/train/modelCard/readModelFolder.js';
import { renderTrainedModelCard } from '../../src/train/modelCard/renderTrainedModelCard.js';
import { MANIFEST_METADATA_KEY } from '../../src/model/manifest.js';
import { encodeTreeEnsembleModel } from '../../src/model/onnx/encodeTreeEnsemble.js';
import { tinyEnsemble, tinyManifest } from '../fixtures/onnx/tinyModel.js';

// `train` and `model import` refuse an input whose name reads as a protected characteristic
// (`sex_male`, `Personal.Female`, 婚否), but a hand-built manifest (or a model made before they did)
// could hold one, and loadModel read it as valid and scored with it. Now loadModel, and with it
// createScorer, predict and monitor, refuses such a model (protected_characteristic at
// features.N.name, naming the feature and the characteristic); readModelFolder keeps it readable so
// its card says so, and `model card` warns on stderr.

const work = mkdtempSync(join(tmpdir(), 'creditlift-protected-names-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The tiny model's manifest with the feature at `column` named `name`. */
function withName(name: string, column = 0): ModelManifest {
  const m = tinyManifest();
  return { ...m, features: m.features.map((f, j) => (j === column ? { ...f, name } : f)) };
}

/** The tiny model with `manifest` embedded and its input columns named as the manifest names them (a consistent hand-built model). */
function tinyModelBytes(manifest: ModelManifest): Uint8Array {
  const featureNames = manifest.features.map((f) => f.name);
  return encodeTreeEnsembleModel({ ensemble: tinyEnsemble(), featureNames, metadata: { [MANIFEST_METADATA_KEY]: JSON.stringify(manifest) } });
}

async function refusal(bytes: Uint8Array): Promise<unknown> {
  return loadModel(bytes).then(
    async (model) => {
      await model.close();
      return undefined;
    },
    (e: unknown) => e,
  );
}

describe('loadModel refuses a model whose feature names read as protected characteristics', () => {
  it.each([
    ['sex_male', 0, 'sex'],
    ['Personal.Female', 1, 'sex'],
    ['婚否', 2, 'marital_status'],
    ['blood_group', 2, 'biometric'],
  ])('%j in column %i is refused at features.N.name (%s)', async (name, column, characteristic) => {
    const e = await refusal(tinyModelBytes(withName(name, column)));
    expect(e).toBeInstanceOf(ValidationError);
    const err = e as ValidationError;
    expect(err.subject).toBe('ModelManifest');
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['protected_characteristic', `features.${column}.name`]]);
    expect(err.issues[0]?.message).toContain(`"${name}"`);
    expect(err.issues[0]?.message).toContain(`(${characteristic})`);
  });

  it('one error names every protected name and category at once', async () => {
    const m = withName('gender', 0);
    const both: ModelManifest = {
      ...m,
      features: m.features.map((f, j) =>
        j === 2 ? { ...f, kind: 'categorical' as const, categories: ['married', 'other'] } : j === 1 ? { ...f, name: 'religion_code' } : f,
      ),
    };
    const err = (await refusal(tinyModelBytes(both))) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i) => i.path.join('.'))).toEqual(['features.0.name', 'features.1.name', 'features.2.categories.0']);
  });

  it('createScorer on such a model is refused the same way', async () => {
    const path = join(work, 'scorer.onnx');
    writeFileSync(path, tinyModelBytes(withName('sex_male')));
    await expect(createScorer({ model: path })).rejects.toMatchObject({ issues: [{ code: 'protected_characteristic', path: ['features', 0, 'name'] }] });
  });

  it('ordinary names load: income, a transfer count, an age band, an employment field', async () => {
    for (const name of ['income_rmb', 'international_transfers', 'age_band', 'employment_months']) {
      const model = await loadModel(tinyModelBytes(withName(name)));
      expect(model.manifest.features[0]?.name).toBe(name);
      await model.close();
    }
  });
});

describe('readModelFolder keeps such a model readable; its card and `model card` say loadModel refuses it', () => {
  function folderWith(name: string, manifest: ModelManifest): string {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'model.onnx'), tinyModelBytes(manifest));
    return dir;
  }

  it('the card names the feature and says the model is refused', () => {
    const card = renderTrainedModelCard(readModelFolder(folderWith('card', withName('sex_male'))));
    expect(card).toContain(
      "Read again over this model's 3 feature names by the same rule: **`sex_male` reads as sex**: loadModel and createScorer refuse this model (`protected_characteristic`); retrain without it.",
    );
  });

  it('creditlift model card prints the card and warns on stderr, one line per name', () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runModelCommand(['card', folderWith('cli', withName('婚否', 1))], { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });
    expect(code).toBe(0);
    expect(out.join('')).toContain('**`婚否` reads as marital status**');
    expect(err.join('')).toBe(
      'warning: feature "婚否" names a protected characteristic (marital_status) and is never a model input: loadModel and createScorer refuse this model\n',
    );
  });
});
