import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { createFeatureEncoder, featureMismatches } from '../../src/features/featureEncoder.js';
import { FeatureMismatchError } from '../../src/features/featureMismatchError.js';
import { ImportSpec } from '../../src/model/import/importOnnxModel.js';
import { ModelManifest, type ManifestFeature } from '../../src/model/manifest.js';
import { manifestBase } from '../helpers/manifestBase.js';

const base = manifestBase;

/** A column of each shape a spec can hold: numeric, categorical with its codes, categorical without. */
const shapes = ['numeric', 'categorical', 'categorical without categories'] as const;
function column(shape: (typeof shapes)[number], i: number): ManifestFeature {
  if (shape === 'numeric') return { name: `f${i}`, kind: 'numeric', monotone: 0 };
  if (shape === 'categorical') return { name: `f${i}`, kind: 'categorical', categories: ['a', 'b'], monotone: 0 };
  return { name: `f${i}`, kind: 'categorical', monotone: 0 };
}

describe('a categorical model column states its category codes', () => {
  it('law: ModelManifest and ImportSpec refuse every categorical column without categories, each at its own path', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...shapes), { minLength: 1, maxLength: 8 }), (picked) => {
        const features = picked.map(column);
        const want = picked.flatMap((s, i) => (s === 'categorical without categories' ? [`features.${i}.categories`] : []));
        for (const r of [ModelManifest.safeParse({ ...base, features }), ImportSpec.safeParse({ name: 'm', version: '1', features })]) {
          expect(r.success).toBe(want.length === 0);
          if (r.success) continue;
          const e = ValidationError.fromZod('ModelManifest', r.error);
          expect(e.fields).toEqual(want);
          for (const issue of e.issues) {
            expect(issue.code).toBe('missing_categories');
            expect(issue.message).toMatch(/"f\d+"/);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the encoder refuses a categorical column without categories rather than coding it in the feature order (a guess)', () => {
    // A manifest built in code, never parsed: the encoder is the last line.
    const manifest = {
      features: [
        { name: 'employment_type', kind: 'categorical', monotone: 0 },
        { name: 'region', kind: 'categorical', monotone: 0 },
        { name: 'age_years', kind: 'numeric', monotone: 0 },
      ] as ManifestFeature[],
    };
    expect(featureMismatches(manifest).map((m) => [m.feature, m.code])).toEqual([
      ['employment_type', 'missing_categories'],
      ['region', 'missing_categories'],
    ]);
    expect(() => createFeatureEncoder(manifest)).toThrow(FeatureMismatchError);
    expect(() => createFeatureEncoder(manifest)).toThrow(/employment_type[\s\S]*region/);
  });
});
