// defineFeatureSet refused a feature's schema faults first and returned: its `compute: 42`, its
// missing dataCategory and reasons, an undeclared attribute source, a duplicate name were told only
// once the schema faults were fixed, one round at a time. Now one ValidationError names every fault.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { lenderScoreFeature } from '../helpers/lenderScoreFeature.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

const good = lenderScoreFeature();

const faultsOf = (spec: unknown): string[][] => validationErrorOf(() => defineFeatureSet(spec as never)).issues.map((i) => [i.path.join('.'), i.code]);

describe('defineFeatureSet names every fault of a feature at once', () => {
  it('a bad name, no dataCategory, compute: 42 and an undeclared attribute source: all four in one error', () => {
    const { dataCategory: _, ...noCategory } = good;
    const bad = { ...noCategory, name: 'Lender Score', compute: 42, sources: ['attributes.scroe'] };
    expect(faultsOf({ attributes: { score: z.number() }, features: [...builtInFeatures, bad] }).sort()).toEqual(
      [
        [`features.${builtInFeatures.length}.name`, 'invalid_format'],
        [`features.${builtInFeatures.length}.compute`, 'invalid_type'],
        [`features.${builtInFeatures.length}.sources.0`, 'undeclared_attribute'],
        [`features.${builtInFeatures.length}.dataCategory`, 'missing_data_category'],
      ].sort(),
    );
  });

  it('schema faults beside a duplicate name, missing reasons and categories, and a monotone categorical', () => {
    const { reasons: _, ...noReasons } = good;
    const faults = faultsOf({
      attributes: { score: z.number() },
      features: [good, { ...noReasons, unit: '', kind: 'categorical', monotone: 1, compute: 'no' }],
    });
    expect(faults.sort()).toEqual(
      [
        ['features.1.unit', 'too_small'],
        ['features.1.name', 'duplicate_feature'],
        ['features.1.compute', 'invalid_type'],
        ['features.1.categories', 'missing_categories'],
        ['features.1.monotone', 'monotone_on_categorical'],
        ['features.1.reasons', 'missing_reasons'],
      ].sort(),
    );
  });

  it('malformed fields are named once, by the schema, and the rest still checked (no throw on odd values)', () => {
    const faults = faultsOf({
      features: [{ ...good, name: 7, sources: [1, 'attributes.nope'], dataCategory: 5, kind: 'other', categories: [3], reasons: 'x', compute: null }, 42, null],
    });
    expect(faults.map((f) => f[0]).sort()).toEqual(
      [
        'features.0.name',
        'features.0.sources.0',
        'features.0.sources.1',
        'features.0.dataCategory',
        'features.0.kind',
        'features.0.categories.0',
        'features.0.reasons',
        'features.0.compute',
        'features.1',
        'features.2',
      ].sort(),
    );
  });
});

describe('defineFeatureSet refuses attributes that are not zod schemas, beside the features’ faults', () => {
  // `attributes: { score: 42 }` was accepted (the strict object built over it fails only when an
  // applicant is parsed), as were `attributes: 5` and `attributes: [1]`.
  it('each attribute that is not a zod schema is named, with a feature fault in the same error', () => {
    expect(faultsOf({ attributes: { score: 42, tier: z.string(), band: 'gold' }, features: [{ ...good, compute: 42 }] }).sort()).toEqual(
      [
        ['attributes.score', 'invalid_type'],
        ['attributes.band', 'invalid_type'],
        ['features.0.compute', 'invalid_type'],
      ].sort(),
    );
  });

  it('attributes that are not an object of schemas are refused at attributes', () => {
    expect(faultsOf({ attributes: 5, features: builtInFeatures })).toEqual([['attributes', 'invalid_type']]);
    expect(faultsOf({ attributes: [z.number()], features: builtInFeatures })).toEqual([['attributes', 'invalid_type']]);
    expect(faultsOf({ attributes: null, features: builtInFeatures })).toEqual([['attributes', 'invalid_type']]);
  });
});
