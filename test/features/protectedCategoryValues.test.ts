import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import type { FeatureDefinition } from '../../src/features/featureDefinitions.js';
import { builtInFeatures, builtInFeatureSet, defineFeatureSet, type FeatureSet } from '../../src/features/featureSet.js';
import { importOnnxModel } from '../../src/model/import/importOnnxModel.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { fitTabularEncoding } from '../../src/train/dataset/tabularEncoding.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// findings: protected characteristics were checked by name only. A lender's categorical feature
// `segment` with categories `male` / `female` (or `婚姻` values such as `已婚`), an attribute
// `z.enum(['married', 'divorced'])`, a training column `segment` holding `female`, and an imported
// model's categorical input listing `pregnant` all passed and reached the model. Each is now refused
// with `protected_characteristic`, naming the feature (or attribute, or column) and the value.

const N = builtInFeatures.length;

/** A lender's categorical feature over `categories`, reading `attributes.<source>`. */
const categorical = (name: string, categories: string[], source = 'attributes.tier'): FeatureDefinition =>
  ({
    name,
    description: 'Customer segment',
    unit: 'category',
    sources: [source],
    monotone: 0,
    factor: 'platform_behaviour',
    kind: 'categorical',
    categories,
    dataCategory: 'lender_internal',
    reasons: { raisesRisk: { en: 'Your segment', zhHans: '客群' }, lowersRisk: { en: 'Your segment', zhHans: '客群' } },
    compute: () => categories[0],
  }) as FeatureDefinition;

/** The attribute `categorical` reads by default, declared: a source naming an undeclared one is refused. */
const tierAttribute = { tier: z.string().optional() };

const issuesOf = (f: () => unknown) => validationErrorOf(f).issues.map((i) => [i.code, i.path.join('.')]);

describe('a categorical feature whose categories name a protected group is refused, naming the feature and the value', () => {
  it('segment: male / female is refused at each category', () => {
    const err = validationErrorOf(() =>
      defineFeatureSet({ attributes: tierAttribute, features: [...builtInFeatures, categorical('segment', ['male', 'female', 'unknown'])] }),
    );
    expect(err.issues.map((i) => [i.code, i.path])).toEqual([
      ['protected_characteristic', ['features', N, 'categories', 0]],
      ['protected_characteristic', ['features', N, 'categories', 1]],
    ]);
    expect(err.issues[1]?.message).toContain('feature "segment"');
    expect(err.issues[1]?.message).toContain('"female"');
    expect(err.issues[1]?.message).toContain('(sex');
  });

  it.each([
    [['已婚', '未婚'], 'marital_status'],
    [['married', 'divorced'], 'marital_status'],
    [['pregnant', 'not_stated'], 'pregnancy'],
    [['han', 'uyghur'], 'ethnicity'],
    [['muslim', 'christian', 'none'], 'religion'],
    [['男', '女'], 'sex'],
  ])('categories %j are refused (%s)', (categories, characteristic) => {
    const err = validationErrorOf(() => defineFeatureSet({ attributes: tierAttribute, features: [...builtInFeatures, categorical('cohort', categories)] }));
    expect(err.issues.length).toBeGreaterThan(0);
    expect(err.issues.every((i) => i.code === 'protected_characteristic' && i.message.includes(`(${characteristic}`))).toBe(true);
  });

  it('ordinary categories pass: marketing, sizes M / L, grades A / B, a card tier, a repayment type, the built-in sets', () => {
    const set = defineFeatureSet({
      attributes: tierAttribute,
      features: [
        ...builtInFeatures,
        categorical('channel', ['marketing', 'referral', 'organic']),
        categorical('size_band', ['S', 'M', 'L']),
        categorical('grade', ['A', 'B', 'F']),
        categorical('card_tier', ['white', 'gold', 'black']),
        categorical('repayment_type', ['single', 'instalment']),
        categorical('employer_sector', ['health', 'education']),
      ],
    });
    expect(set.byName.has('channel')).toBe(true);
    expect(builtInFeatureSet.definitions.length).toBe(N);
  });

  it('segment: M / F alone passes (single letters are never read; documented): a name saying sex is refused by its name', () => {
    expect(defineFeatureSet({ attributes: tierAttribute, features: [...builtInFeatures, categorical('segment', ['M', 'F'])] }).byName.has('segment')).toBe(
      true,
    );
    expect(issuesOf(() => defineFeatureSet({ attributes: tierAttribute, features: [...builtInFeatures, categorical('gender', ['M', 'F'])] }))).toEqual([
      ['protected_characteristic', `features.${N}.name`],
    ]);
  });

  it('createScorer refuses a feature set built by hand with such a category', async () => {
    const definitions = [...builtInFeatureSet.definitions, categorical('segment', ['male', 'female'])];
    const handMade: FeatureSet = { definitions, byName: new Map(definitions.map((d) => [d.name, d])), attributes: undefined };
    const err = await createScorer({ features: handMade }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['protected_characteristic', `features.${N}.categories.0`],
      ['protected_characteristic', `features.${N}.categories.1`],
    ]);
  });
});

describe("an attribute schema's declared values naming a protected group are refused at the attribute", () => {
  it('an enum, a literal, a nested enum and a union of literals', () => {
    const attributes = {
      segment: z.enum(['male', 'female', 'unknown']),
      status: z.literal('married').optional(),
      account: z.object({ cohort: z.enum(['gold', '已婚']) }).optional(),
      belief_group: z.union([z.literal('muslim'), z.literal('none')]).optional(),
      tier: z.enum(['gold', 'silver']),
    };
    const err = validationErrorOf(() => defineFeatureSet({ attributes, features: [...builtInFeatures] }));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['protected_characteristic', 'attributes.segment'],
      ['protected_characteristic', 'attributes.segment'],
      ['protected_characteristic', 'attributes.status'],
      ['protected_characteristic', 'attributes.account.cohort'],
      ['protected_characteristic', 'attributes.belief_group'],
    ]);
    expect(err.issues[1]?.message).toContain('attribute "segment"');
    expect(err.issues[1]?.message).toContain('"female"');
  });

  it('ordinary declared values pass', () => {
    const set = defineFeatureSet({
      attributes: { tier: z.enum(['gold', 'silver']), channel: z.literal('marketing').optional(), size: z.enum(['M', 'L']) },
      features: [...builtInFeatures],
    });
    expect(set.attributes).toBeDefined();
  });
});

describe('train refuses a column whose learned categories name a protected group', () => {
  const csv = (cells: string[]) => parseCsv(`income,segment,defaulted\n${cells.map((c, i) => `${1000 + i},${c},${i % 2}`).join('\n')}\n`);

  it('segment holding male / female is refused at the column, naming it and the values, and passes with --exclude', () => {
    const table = csv(['male', 'female', 'female', 'male', 'female', 'male']);
    const err = validationErrorOf(() => fitTabularEncoding(table, { target: 'defaulted', positive: '1' }));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['protected_characteristic', 'columns.segment.categories']]);
    expect(err.issues[0]?.message).toContain('"segment"');
    expect(err.issues[0]?.message).toMatch(/"male"|"female"/);
    expect(err.issues[0]?.message).toContain('--exclude segment');
    expect(fitTabularEncoding(table, { target: 'defaulted', positive: '1', exclude: ['segment'] }).nFeatures).toBe(1);
  });

  it('a Chinese marital status column and an ethnic group column are refused', () => {
    const marital = validationErrorOf(() => fitTabularEncoding(csv(['已婚', '未婚', '离异', '已婚']), { target: 'defaulted', positive: '1' }));
    expect(marital.issues[0]?.message).toContain('marital_status');
    const ethnic = validationErrorOf(() => fitTabularEncoding(csv(['汉族', '回族', '汉族', '藏族']), { target: 'defaulted', positive: '1' }));
    expect(ethnic.issues[0]?.message).toContain('ethnicity');
  });

  it('ordinary categories and M / F pass', () => {
    expect(fitTabularEncoding(csv(['marketing', 'referral', 'organic', 'marketing']), { target: 'defaulted', positive: '1' }).nFeatures).toBe(2);
    expect(fitTabularEncoding(csv(['M', 'F', 'M', 'F']), { target: 'defaulted', positive: '1' }).nFeatures).toBe(2);
  });
});

describe("importOnnxModel refuses a foreign model's categorical input listing a protected group", () => {
  it('at the category, naming the feature and the value', () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
    const spec = JSON.parse(readFileSync(join(dir, 'monotone_spec.json'), 'utf8')) as { features: Record<string, unknown>[] };
    spec.features[1] = { name: 'segment', kind: 'categorical', categories: ['standard', 'pregnant'], monotone: 0 };
    const err = validationErrorOf(() => importOnnxModel(new Uint8Array(readFileSync(join(dir, 'monotone_classifier.onnx'))), { spec }));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['protected_characteristic', 'features.1.categories.1']]);
    expect(err.issues[0]?.message).toContain('"pregnant"');
    expect(err.issues[0]?.message).toContain('"segment"');
  });
});
