import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import type { FeatureDefinition } from '../../src/features/featureDefinitions.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// A lender attribute of free text (`z.string()`, no enum) declares no values, so nothing read what an
// applicant put in it: `business_description: 'female-led cooperative'` or '已婚' reached the lender's
// feature that reads it (its `sources`) and from there the model. Such text is now read when the
// applicant is parsed, wherever a feature of the set names it (or an object holding it) among its
// sources: refused with protected_characteristic at the attribute's path, naming the feature. Text no
// feature reads (a branch note, a reference) and the built-in identifiers (id, names, issuer,
// credential number), which the engine uses only to match and never as a model input or in an
// explanation, are left alone.

/** A lender feature over `sources`, numeric (the text's length: a model input derived from it). */
const reading = (name: string, sources: string[]): FeatureDefinition =>
  ({
    name,
    description: 'Business profile',
    unit: 'characters',
    sources,
    monotone: 0,
    factor: 'profile',
    kind: 'numeric',
    dataCategory: 'lender_internal',
    reasons: { raisesRisk: { en: 'Your business profile', zhHans: '经营情况' }, lowersRisk: { en: 'Your business profile', zhHans: '经营情况' } },
    compute: (ctx: { applicant: { attributes: { business_description?: string } } }) => ctx.applicant.attributes.business_description?.length ?? Number.NaN,
  }) as FeatureDefinition;

const features = defineFeatureSet({
  attributes: {
    business_description: z.string().max(500).optional(),
    business: z.object({ summary: z.string(), tags: z.array(z.string()) }).optional(),
    branch_note: z.string().optional(),
  },
  features: [...builtInFeatures, reading('business_profile', ['attributes.business_description']), reading('business_tags', ['attributes.business'])],
});

const applicant = (attributes: Record<string, unknown>, overrides: Record<string, unknown> = {}): never =>
  ({ ...baseApplicantInput(), ...overrides, attributes }) as never;
const issuesOf = (f: () => unknown) => validationErrorOf(f).issues.map((i) => [i.code, i.path.join('.')]);

describe('free text a lender feature reads is refused when it names a protected group', () => {
  it('"female-led cooperative" in attributes.business_description, read by business_profile, is refused at its path', () => {
    const err = validationErrorOf(() => parseFeatureApplicant(applicant({ business_description: 'female-led cooperative' }), features));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['protected_characteristic', 'attributes.business_description']]);
    const message = err.issues[0]?.message ?? '';
    expect(message).toContain('"female-led cooperative"');
    expect(message).toContain('(sex: "female")');
    expect(message).toContain('feature "business_profile"');
  });

  it.each([
    ['已婚，有两个孩子', 'marital_status'],
    ['Muslim-owned halal restaurant', 'religion'],
    ['Run by a Uyghur family', 'ethnicity'],
  ])('%j is refused (%s)', (text, characteristic) => {
    const err = validationErrorOf(() => parseFeatureApplicant(applicant({ business_description: text }), features));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.message).toContain(`(${characteristic}: `);
  });

  it('a source naming an object reads every string under it, arrays included, each at its own path', () => {
    expect(
      issuesOf(() => parseFeatureApplicant(applicant({ business: { summary: 'Noodle shop, pregnant owner', tags: ['catering', 'woman-owned'] } }), features)),
    ).toEqual([
      ['protected_characteristic', 'attributes.business.summary'],
      ['protected_characteristic', 'attributes.business.tags.1'],
    ]);
  });

  it('every problem is listed at once, beside the built-in fields', () => {
    const err = validationErrorOf(() =>
      parseFeatureApplicant(applicant({ business_description: 'divorced', business: { summary: 'ok', tags: ['lesbian-run'] } }, { birthDate: 'x' }), features),
    );
    expect(err.fields).toEqual(['birthDate', 'attributes.business_description', 'attributes.business.tags.0']);
  });

  it('text no feature reads is left alone (an identifier or note: attributes.branch_note "female customers desk")', () => {
    const parsed = parseFeatureApplicant(applicant({ branch_note: 'female customers desk' }), features);
    expect((parsed.attributes as { branch_note?: string }).branch_note).toBe('female customers desk');
  });

  it('ordinary text passes: a name holding "male" as letters (Malena), womenswear, Menswear, Christiana Lane, maternity insurance', () => {
    for (const text of ['Malena Trading Co.', 'womenswear shop', 'Menswear tailor', '12 Christiana Lane', 'pays maternity insurance', '女装店', '子女教育']) {
      const parsed = parseFeatureApplicant(applicant({ business_description: text }), features);
      expect((parsed.attributes as { business_description?: string }).business_description).toBe(text);
    }
  });

  it("an employer named for whom it serves passes: Maternity and Child Health Hospital, 妇幼保健院, Women's Federation; a statement beside it is refused", () => {
    for (const text of ['Shenzhen Maternity and Child Health Hospital', '深圳市妇幼保健院', "All-China Women's Federation", '广西壮族自治区人民医院']) {
      const parsed = parseFeatureApplicant(applicant({ business_description: text }), features);
      expect((parsed.attributes as { business_description?: string }).business_description).toBe(text);
    }
    for (const [text, term] of [
      ['on maternity leave from the Maternity and Child Health Hospital', 'maternity'],
      ['已怀孕，妇幼保健院护士', '怀孕'],
    ] as const)
      expect(validationErrorOf(() => parseFeatureApplicant(applicant({ business_description: text }), features)).issues[0]?.message).toContain(`"${term}"`);
  });

  it('featurizeBook lists such a record at its place (applicants.1, counted from 1), as every other refusal', () => {
    const outcomes = parseCsv('id,defaulted\ntest-0001,0\n');
    expect(
      issuesOf(() =>
        featurizeBook([applicant({ business_description: 'female-led cooperative' })], outcomes, { idColumn: 'id', target: 'defaulted', features }),
      ),
    ).toEqual([['protected_characteristic', 'applicants.1.attributes.business_description']]);
  });
});

describe('the scorer: decide, a batch and the built-in identifiers', () => {
  let scorer: Scorer<typeof features>;
  beforeAll(async () => {
    scorer = (await createScorer({ features, suggestionsPerDecision: 0 })) as never;
  });
  afterAll(() => scorer.close());

  it('decide refuses the record; decideBatch gives that record its own error and decides the others', async () => {
    const bad = applicant({ business_description: 'female-led cooperative' });
    await expect(scorer.decide(bad)).rejects.toBeInstanceOf(ValidationError);
    await expect(scorer.decide(bad)).rejects.toMatchObject({ issues: [{ code: 'protected_characteristic', path: ['attributes', 'business_description'] }] });
    const [first, second] = await scorer.decideBatch([bad, applicant({ business_description: 'noodle shop' })]);
    expect(first?.ok).toBe(false);
    expect(second?.ok).toBe(true);
  });

  it("identifiers are never read: an issuer 'All-China Women's Federation', a holder and applicant named Malena", async () => {
    const evidence = {
      kind: 'teacher_qualification',
      issuer: "All-China Women's Federation",
      credentialId: '20231100001',
      holder: { name: 'Malena Wu' },
      issueDate: '2023-07-01',
      verification: { method: 'government_registry', confidence: 0.95 },
      documentHash: 'b'.repeat(64),
    };
    const decision = await scorer.decide(applicant({}, { identity: { idHash: 'a'.repeat(64), name: 'Malena Wu' }, evidence: [evidence] }));
    expect(decision.evidence[0]?.status).toBe('accepted');
  });
});
