import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import type { FeatureDefinition } from '../../src/features/featureDefinitions.js';
import { builtInFeatures, builtInFeatureSet, defineFeatureSet, type FeatureSet } from '../../src/features/featureSet.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';

/** The base applicant with lender attributes the built-in schema does not know. */
const withAttributes = (attributes: unknown): never => ({ ...baseApplicantInput(), attributes }) as never;
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// Outside tester findings19-rules2026 #2(a): the protected-name check ran on a lender feature's name
// only. `defineFeatureSet({ attributes: { sex_male: ... } })` with a feature `segment_a` reading
// `attributes.sex_male` was accepted (so were attributes `婚姻状况` and `Personal.Female`); featurize
// wrote 400 rows, train fitted 20 trees, and the scorer declined men (PD 0.3368 against 0.1219) with
// the reason "Your segment". Every name that carries data to a lender feature is now read: attribute
// keys (nested, and a record's fixed keys), feature sources, and at parse time the keys a schema
// leaves open.

const N = builtInFeatures.length;

/** A lender feature reading `source`, named `name`, declared under `dataCategory`. */
const segment = (name: string, source: string, dataCategory = 'lender_internal'): FeatureDefinition =>
  ({
    name,
    description: 'Customer segment',
    unit: 'flag',
    sources: [source],
    monotone: 0,
    factor: 'platform_behaviour',
    kind: 'numeric',
    dataCategory,
    reasons: { raisesRisk: { en: 'Your segment', zhHans: '客群' }, lowersRisk: { en: 'Your segment', zhHans: '客群' } },
    compute: () => 1,
  }) as FeatureDefinition;

const issuesOf = (f: () => unknown) => validationErrorOf(f).issues.map((i) => [i.code, i.path.join('.')]);

describe('an attribute or a feature source naming a protected characteristic is refused (findings19 #2a)', () => {
  it.each([['sex_male'], ['婚姻状况'], ['Personal.Female']])(
    'the tester\'s set: attribute "%s" read by a feature named segment_a is refused at the attribute and the source',
    (key) => {
      const err = validationErrorOf(() =>
        defineFeatureSet({ attributes: { [key]: z.number().int().min(0).max(1) }, features: [...builtInFeatures, segment('segment_a', `attributes.${key}`)] }),
      );
      expect(err.subject).toBe('FeatureSet');
      expect(err.issues.map((i) => [i.code, i.path])).toEqual([
        ['protected_characteristic', ['features', N, 'sources', 0]],
        ['protected_characteristic', ['attributes', key]],
      ]);
      expect(err.issues[1]?.message).toContain(`attribute "${key}"`);
    },
  );

  it('an attribute no feature reads is refused too: it is still taken from every applicant', () => {
    expect(issuesOf(() => defineFeatureSet({ attributes: { gender: z.string().optional() }, features: [...builtInFeatures] }))).toEqual([
      ['protected_characteristic', 'attributes.gender'],
    ]);
  });

  it('a nested key, a key under optional / array / union, and the fixed keys of a record are refused at their paths', () => {
    const attributes = {
      household_info: z.object({ spouse_income: z.number(), size: z.number() }).optional(),
      people: z.array(z.object({ ethnic_group: z.string() })),
      either: z.union([z.object({ religion_code: z.number() }), z.number()]),
      counts: z.record(z.enum(['male', 'other']), z.number()),
      months_on_book: z.number(),
    };
    expect(issuesOf(() => defineFeatureSet({ attributes, features: [...builtInFeatures] }))).toEqual([
      ['protected_characteristic', 'attributes.household_info.spouse_income'],
      ['protected_characteristic', 'attributes.people.ethnic_group'],
      ['protected_characteristic', 'attributes.either.religion_code'],
      ['protected_characteristic', 'attributes.counts.male'],
    ]);
  });

  it('a lazy schema that holds itself is read once, without end', () => {
    type Node = { label: number; children?: Node[] | undefined; gender?: string | undefined };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ label: z.number(), children: z.array(node).optional(), gender: z.string().optional() }));
    expect(issuesOf(() => defineFeatureSet({ attributes: { tree: node }, features: [...builtInFeatures] }))).toEqual([
      ['protected_characteristic', 'attributes.tree.gender'],
    ]);
  });

  it('ordinary attributes, nested keys and sources are kept', () => {
    const set = defineFeatureSet({
      attributes: { months_on_book: z.number(), account: z.object({ tier: z.enum(['gold', 'silver']), children_count: z.number() }) },
      features: [...builtInFeatures, segment('months_on_book', 'attributes.months_on_book')],
    });
    expect(set.byName.has('months_on_book')).toBe(true);
  });

  it('a key a record leaves open is refused when an applicant is parsed, at its path; ordinary keys pass', () => {
    const set = defineFeatureSet({ attributes: { extra: z.record(z.string(), z.number()) }, features: [...builtInFeatures] });
    expect(parseFeatureApplicant(withAttributes({ extra: { months_on_book: 3 } }), set).attributes).toEqual({
      extra: { months_on_book: 3 },
    });
    const err = validationErrorOf(() => parseFeatureApplicant(withAttributes({ extra: { sex_male: 1, tenure: 2, 婚否: 0 } }), set));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['protected_characteristic', 'attributes.extra.sex_male'],
      ['protected_characteristic', 'attributes.extra.婚否'],
    ]);
    // z.any() holds whatever it is given, however deep.
    const anySet = defineFeatureSet({ attributes: { blob: z.any() }, features: [...builtInFeatures] });
    expect(issuesOf(() => parseFeatureApplicant(withAttributes({ blob: { list: [{ isFemale: true }] } }), anySet))).toEqual([
      ['protected_characteristic', 'attributes.blob.list.0.isFemale'],
    ]);
  });

  it('a scorer refuses such an open key on decide, as a typed error naming it', async () => {
    const set = defineFeatureSet({ attributes: { extra: z.record(z.string(), z.number()).optional() }, features: [...builtInFeatures] });
    const scorer = await createScorer({ features: set });
    try {
      const d = await scorer.decide(withAttributes({ extra: { tenure: 3 } }));
      expect(d.outcome).toBeDefined();
      const e = await scorer.decide(withAttributes({ extra: { gender_code: 1 } })).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => [i.code, i.path.join('.')])).toEqual([['protected_characteristic', 'attributes.extra.gender_code']]);
    } finally {
      await scorer.close();
    }
  });

  it('a feature set built by hand is held to the same rules by createScorer and featurizeBook', async () => {
    const definitions = [...builtInFeatureSet.definitions, segment('segment_a', 'attributes.sex_male')];
    const handMade: FeatureSet = {
      definitions,
      byName: new Map(definitions.map((d) => [d.name, d])),
      attributes: z.strictObject({ sex_male: z.number() }),
    };
    const e = await createScorer({ features: handMade }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    const expected = [
      ['protected_characteristic', `features.${N}.sources.0`],
      ['protected_characteristic', 'attributes.sex_male'],
    ];
    expect((e as ValidationError).issues.map((i) => [i.code, i.path.join('.')])).toEqual(expected);
    const outcomes = parseCsv('id,defaulted\napp-1,0\n');
    expect(issuesOf(() => featurizeBook([withAttributes({ sex_male: 1 })], outcomes, { idColumn: 'id', target: 'defaulted', features: handMade }))).toEqual(
      expected,
    );
  });
});

describe('a lender feature that reads as social-media data must declare social_media (findings19 #2c)', () => {
  it('weibo_followers as lender_internal, or a feature reading attributes.creator_fans declared certificates, is data_category_mismatch', () => {
    expect(
      issuesOf(() =>
        defineFeatureSet({
          attributes: { weibo_followers: z.number(), creator_fans: z.number() },
          features: [...builtInFeatures, segment('weibo_followers', 'attributes.weibo_followers'), segment('reach', 'attributes.creator_fans', 'certificates')],
        }),
      ),
    ).toEqual([
      ['data_category_mismatch', `features.${N}.dataCategory`],
      ['data_category_mismatch', `features.${N + 1}.dataCategory`],
    ]);
  });

  it('declared social_media, it is accepted (a profile that bans it then refuses the model)', () => {
    const set = defineFeatureSet({
      attributes: { weibo_followers: z.number() },
      features: [...builtInFeatures, segment('weibo_followers', 'attributes.weibo_followers', 'social_media')],
    });
    expect(set.byName.get('weibo_followers')?.dataCategory).toBe('social_media');
  });
});
