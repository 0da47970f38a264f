import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScorer } from '../src/decision/createScorer.js';
import { ValidationError } from '../src/errors/validationError.js';
import type { FeatureDefinition } from '../src/features/featureDefinitions.js';
import { builtInFeatures, builtInFeatureSet, defineFeatureSet, type FeatureSet } from '../src/features/featureSet.js';
import { importOnnxModel } from '../src/model/import/importOnnxModel.js';
import { validationErrorOf } from './helpers/validationErrorOf.js';

// Outside tester findings5-rules #1: the scorer side took a lender feature named for a protected
// characteristic whatever dataCategory the lender gave it; the trainer's guard now applies here too.

const lenderFeature = (name: string, dataCategory = 'lender_internal'): FeatureDefinition<Record<string, number | undefined>> => ({
  name,
  description: 'x',
  unit: 'flag',
  sources: [`attributes.${name}`],
  monotone: 0,
  factor: 'profile',
  kind: 'numeric',
  dataCategory,
  reasons: { raisesRisk: { en: 'a', zhHans: 'a' }, lowersRisk: { en: 'b', zhHans: 'b' } },
  compute: (ctx) => ctx.applicant.attributes[name] ?? Number.NaN,
});

describe('a lender feature named for a protected characteristic is refused, whatever its dataCategory', () => {
  it.each([
    ['sex_male', 'sex'],
    ['isfemale', 'sex'],
    ['blood_group', 'biometric'],
    ['religion_code', 'religion'],
    ['ethnic_group', 'ethnicity'],
  ])('defineFeatureSet refuses %s (%s)', (name, characteristic) => {
    const err = validationErrorOf(() =>
      defineFeatureSet({ attributes: { [name]: z.number().optional() }, features: [...builtInFeatures, lenderFeature(name) as FeatureDefinition] }),
    );
    const issue = err.issues.find((i) => i.code === 'protected_characteristic');
    expect(issue?.path).toEqual(['features', builtInFeatures.length, 'name']);
    expect(issue?.message).toContain(`"${name}"`);
    expect(issue?.message).toContain(`(${characteristic})`);
  });

  it('defineFeatureSet keeps an ordinary lender feature', () => {
    const set = defineFeatureSet({
      attributes: { internal_behaviour_score: z.number().optional() },
      features: [...builtInFeatures, lenderFeature('internal_behaviour_score') as FeatureDefinition],
    });
    expect(set.byName.has('internal_behaviour_score')).toBe(true);
  });

  it('createScorer refuses a feature set built by hand (not through defineFeatureSet) that declares one', async () => {
    const definitions = [...builtInFeatureSet.definitions, lenderFeature('gender_code', 'lender_internal') as FeatureDefinition];
    const handMade: FeatureSet = { definitions, byName: new Map(definitions.map((d) => [d.name, d])), attributes: undefined };
    const err = await createScorer({ features: handMade }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    // Its name and its source `attributes.gender_code` (findings19-rules2026 #2: sources are read too).
    expect((err as ValidationError).issues).toEqual([
      expect.objectContaining({
        code: 'protected_characteristic',
        path: ['features', definitions.length - 1, 'name'],
        message: expect.stringContaining('"gender_code"'),
      }),
      expect.objectContaining({ code: 'protected_characteristic', path: ['features', definitions.length - 1, 'sources', 0] }),
    ]);
  });

  it('importOnnxModel refuses a spec whose feature names one, naming the feature', () => {
    const dir = join(import.meta.dirname, 'fixtures', 'xgboost');
    const spec = JSON.parse(readFileSync(join(dir, 'monotone_spec.json'), 'utf8')) as { features: { name: string }[] };
    spec.features[1]!.name = 'bloodgroup';
    spec.features[3]!.name = 'is_married';
    const err = validationErrorOf(() => importOnnxModel(new Uint8Array(readFileSync(join(dir, 'monotone_classifier.onnx'))), { spec }));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['protected_characteristic', 'features.1.name'],
      ['protected_characteristic', 'features.3.name'],
    ]);
    expect(err.issues[0]?.message).toContain('"bloodgroup"');
  });
});
