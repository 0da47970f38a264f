import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runModelCommand } from '../../src/cli/modelCommand.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { loadModel } from '../../src/model/loadModel.js';
import type { ModelManifest } from '../../src/model/manifest.js';
import { readModelFolder } from '../../src/train/modelCard/readModelFolder.js';
import { renderTrainedModelCard } from '../../src/train/modelCard/renderTrainedModelCard.js';
import { tinyManifest, tinyModelBytes } from '../fixtures/onnx/tinyModel.js';

// A model trained or imported before category values were read could have learnt a categorical
// input whose categories name a protected group (`segment` over `male` / `female`, 已婚 / 未婚): its
// manifest carries the vocabulary (features[].categories, the category for each code). loadModel read
// it as valid and scored with it (`creditlift predict` wrote its probabilities). Now loadModel, and
// with it createScorer, predict and monitor, refuses such a model (protected_characteristic at
// features.N.categories.K, naming the feature and the value); readModelFolder, which reads a folder to
// describe it, keeps it readable and the card names every such category, `model card` warning on stderr.

const work = mkdtempSync(join(tmpdir(), 'creditlift-protected-model-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The tiny model's manifest with f0 categorical over `categories`. */
function withCategories(categories: string[], column = 0): ModelManifest {
  const m = tinyManifest();
  return { ...m, features: m.features.map((f, j) => (j === column ? { ...f, kind: 'categorical' as const, categories } : f)) };
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

function folderWith(name: string, manifest: ModelManifest): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'model.onnx'), tinyModelBytes(manifest));
  return dir;
}

describe('loadModel refuses a model whose category vocabulary names a protected group', () => {
  it('f0 over male / female / unknown is refused at each protected category, naming the feature and the value', async () => {
    const e = await refusal(tinyModelBytes(withCategories(['male', 'female', 'unknown'])));
    expect(e).toBeInstanceOf(ValidationError);
    const err = e as ValidationError;
    expect(err.subject).toBe('ModelManifest');
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['protected_characteristic', 'features.0.categories.0'],
      ['protected_characteristic', 'features.0.categories.1'],
    ]);
    expect(err.issues[1]?.message).toContain('feature "f0"');
    expect(err.issues[1]?.message).toContain('"female"');
    expect(err.issues[1]?.message).toContain('(sex: "female")');
  });

  it.each([
    [['已婚', '未婚'], 'marital_status'],
    [['han', 'uyghur'], 'ethnicity'],
    [['buddhist', 'none'], 'religion'],
  ])('categories %j are refused (%s), in any column', async (categories, characteristic) => {
    const e = (await refusal(tinyModelBytes(withCategories(categories, 2)))) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues.length).toBeGreaterThan(0);
    expect(e.issues.every((i) => i.code === 'protected_characteristic' && String(i.path[1]) === '2' && i.message.includes(`(${characteristic}: `))).toBe(true);
  });

  it('ordinary categories load: sizes M / F, grades, a card tier, a sector', async () => {
    for (const categories of [
      ['M', 'F'],
      ['A', 'B', 'F'],
      ['white', 'gold', 'black'],
      ['health', 'education'],
    ]) {
      const model = await loadModel(tinyModelBytes(withCategories(categories)));
      expect(model.manifest.features[0]?.categories).toEqual(categories);
      await model.close();
    }
  });
});

describe('readModelFolder keeps such a model readable for its card, which names every protected category', () => {
  it('the card names f0 and its values; an ordinary model says none', () => {
    const card = renderTrainedModelCard(readModelFolder(folderWith('protected', withCategories(['male', 'female', 'unknown']))));
    expect(card).toContain(
      "Read again over this model's category values by the category rule: **`f0` codes `male` (sex), `f0` codes `female` (sex)**: loadModel and createScorer refuse this model (`protected_characteristic`); retrain without them.",
    );
    const plain = renderTrainedModelCard(readModelFolder(folderWith('plain', withCategories(['M', 'F']))));
    expect(plain).toContain("Read again over this model's category values by the category rule: none names a protected group.");
  });

  it('creditlift model card prints the card and warns on stderr, one line per category', () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runModelCommand(['card', folderWith('cli', withCategories(['已婚', 'other']))], {
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
    });
    expect(code).toBe(0);
    expect(out.join('')).toContain('**`f0` codes `已婚` (marital status)**');
    expect(err.join('')).toBe(
      'warning: feature "f0" codes the category "已婚", which names a protected characteristic (marital_status: "已婚"): loadModel and createScorer refuse this model\n',
    );
  });
});
