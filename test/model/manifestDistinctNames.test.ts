import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { ImportSpec } from '../../src/model/import/importOnnxModel.js';
import { loadModel } from '../../src/model/loadModel.js';
import { MANIFEST_METADATA_KEY, ModelManifest } from '../../src/model/manifest.js';
import { encodeTreeEnsembleModel } from '../../src/model/onnx/encodeTreeEnsemble.js';
import { manifestBase } from '../helpers/manifestBase.js';

const base = manifestBase;
const column = (name: string) => ({ name, kind: 'numeric' as const, monotone: 0 as const });

/** The dotted paths of every column whose name an earlier column already has. */
function repeatedNamePaths(names: readonly string[]): string[] {
  return names.flatMap((n, i) => (names.indexOf(n) < i ? [`features.${i}.name`] : []));
}

describe('a model manifest names each input column once', () => {
  it('law: ModelManifest and ImportSpec refuse every repeated name at its own column, and accept distinct names', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 8 }), (names) => {
        const features = names.map(column);
        const want = repeatedNamePaths(names);
        for (const r of [ModelManifest.safeParse({ ...base, features }), ImportSpec.safeParse({ name: 'm', version: '1', features })]) {
          expect(r.success).toBe(want.length === 0);
          if (r.success) continue;
          const e = ValidationError.fromZod('ModelManifest', r.error);
          expect(e.fields).toEqual(want);
          expect(e.issues.every((i) => i.code === 'duplicate_feature')).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('loadModel refuses a model whose manifest feeds one feature to two columns, naming the repeated column', async () => {
    const m = await loadModel(defaultModelPath());
    const features = m.manifest.features.map((f, i) => (i === 1 ? { ...(m.manifest.features[0] as typeof f) } : f));
    const bytes = encodeTreeEnsembleModel({
      ensemble: m.ensemble,
      featureNames: features.map((f) => f.name),
      metadata: { [MANIFEST_METADATA_KEY]: JSON.stringify({ ...m.manifest, features }) },
    });
    await m.close();
    const e = await loadModel(bytes).then(
      async (loaded) => {
        await loaded.close();
        return undefined;
      },
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields).toEqual(['features.1.name']);
    expect((e as ValidationError).message).toMatch(/features\.1\.name/);
    expect((e as ValidationError).issues[0]?.message).toContain(features[0]!.name);
  });
});
