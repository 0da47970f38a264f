import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CertificateKindSpecInput } from '../src/catalog/certificateKindSpec.js';
import { defaultCatalog, resolveCatalog } from '../src/catalog/resolveCatalog.js';
import { ValidationError } from '../src/errors/validationError.js';
import type { FeatureDefinition } from '../src/features/featureDefinitions.js';
import { builtInFeatures, defineFeatureSet } from '../src/features/featureSet.js';
import { parseFeatureApplicant } from '../src/features/parseFeatureApplicant.js';
import { protectedCharacteristicOf } from '../src/text/protectedCharacteristic.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { fitTabularEncoding } from '../src/train/dataset/tabularEncoding.js';
import { baseApplicantInput } from './helpers/baseApplicant.js';

/** The base applicant with lender attributes the built-in schema does not know. */
const withAttributes = (attributes: unknown): never => ({ ...baseApplicantInput(), attributes }) as never;

// Outside tester findings19-rules2026 #2: the one protected-name rule ran on feature, column and
// model-input names only. Law: a name that names a protected characteristic is refused with
// `protected_characteristic` at its own path in every position that carries data into the model or
// a decision: a lender attribute (top-level or nested), a feature's source, a feature's name, a key
// a record leaves open, a certificate kind's id and either display name, and a training column.

// Terms of every characteristic, English and Chinese.
const TERMS = [
  'sex',
  'gender',
  'female',
  'male',
  'woman',
  'marital',
  'marriage',
  'spouse',
  'divorced',
  'religion',
  'religious',
  'muslim',
  'ethnicity',
  'ethnic',
  'race',
  'minzu',
  'nationality',
  'hukou',
  'pregnant',
  'maternity',
  'health',
  'disability',
  'disease',
  'medical',
  'genetic',
  'dna',
  'fingerprint',
  'blood_type',
  'face_id',
  'sexual_orientation',
  'political',
  'party_membership',
];
const CHINESE = ['性别', '男', '女', '婚姻状况', '婚否', '配偶', '宗教', '民族', '户籍', '怀孕', '健康', '残疾', '病史', '基因', '指纹', '血型', '党员'];
const PREFIXES = ['', 'is_', 'applicant_', 'x_', 'has_'];
const SUFFIXES = ['', '_code', '_flag', '_certificate', '_card', '_status'];

/** A lower snake-case protected name (a catalog id, a feature name). */
const snakeName = fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...TERMS), fc.constantFrom(...SUFFIXES)).map(([p, t, s]) => `${p}${t}${s}`);
/** A protected name in any spelling: case, separators, Chinese. */
const anyName = fc.oneof(
  snakeName,
  snakeName.map((n) => n.toUpperCase()),
  snakeName.map((n) => n.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())),
  fc.tuple(fc.constantFrom('', 'Personal.', 'applicant.'), fc.constantFrom(...TERMS)).map(([p, t]) => `${p}${t[0]!.toUpperCase()}${t.slice(1)}`),
  fc.tuple(fc.constantFrom('', 'x_', '申请人'), fc.constantFrom(...CHINESE), fc.constantFrom('', '_code', '情况')).map(([p, t, s]) => `${p}${t}${s}`),
);

const teacher = defaultCatalog.get('teacher_qualification') as CertificateKindSpecInput;
const N = builtInFeatures.length;
const feature = (name: string, source: string): FeatureDefinition =>
  ({
    name,
    description: 'x',
    unit: 'flag',
    sources: [source],
    monotone: 0,
    factor: 'profile',
    kind: 'numeric',
    dataCategory: 'lender_internal',
    reasons: { raisesRisk: { en: 'a', zhHans: 'a' }, lowersRisk: { en: 'b', zhHans: 'b' } },
    compute: () => 1,
  }) as FeatureDefinition;
const openRecord = defineFeatureSet({ attributes: { extra: z.record(z.string(), z.number()) }, features: [...builtInFeatures] });

/** Each position: what puts the name there, and the path its refusal must name. */
const POSITIONS: Record<
  string,
  { readonly snakeOnly?: boolean; readonly run: (name: string) => unknown; readonly path: (name: string) => (string | number)[] }
> = {
  'attribute key': { run: (n) => defineFeatureSet({ attributes: { [n]: z.number() }, features: [...builtInFeatures] }), path: (n) => ['attributes', n] },
  'nested attribute key': {
    run: (n) => defineFeatureSet({ attributes: { info: z.object({ [n]: z.number() }).optional() }, features: [...builtInFeatures] }),
    path: (n) => ['attributes', 'info', n],
  },
  'feature source': {
    run: (n) => defineFeatureSet({ attributes: { [n]: z.number().optional() }, features: [...builtInFeatures, feature('segment_a', `attributes.${n}`)] }),
    path: () => ['features', N, 'sources', 0],
  },
  'feature name': {
    snakeOnly: true,
    run: (n) => defineFeatureSet({ attributes: { x: z.number().optional() }, features: [...builtInFeatures, feature(n, 'attributes.x')] }),
    path: () => ['features', N, 'name'],
  },
  "a record's open key": {
    run: (n) => parseFeatureApplicant(withAttributes({ extra: { [n]: 1 } }), openRecord),
    path: (n) => ['attributes', 'extra', n],
  },
  'kind id': { snakeOnly: true, run: (n) => resolveCatalog([{ ...teacher, id: n, names: { en: 'Card', zhHans: '证书' } }]), path: () => [0, 'id'] },
  'kind names.en': { run: (n) => resolveCatalog([{ ...teacher, id: 'lender_card', names: { en: n, zhHans: '证书' } }]), path: () => [0, 'names', 'en'] },
  'kind names.zhHans': {
    run: (n) => resolveCatalog([{ ...teacher, id: 'lender_card', names: { en: 'Card', zhHans: n } }]),
    path: () => [0, 'names', 'zhHans'],
  },
  'training column': {
    run: (n) => fitTabularEncoding(parseCsv(`${n},income,bad\n1,1,1\n0,2,0\n1,3,0\n0,4,1\n`), { target: 'bad', positive: '1' }),
    path: (n) => ['columns', n],
  },
};

describe('law: a protected name is refused in every position that carries data into the model or a decision (findings19 #2)', () => {
  it('property: any protected name, in any position, is refused with protected_characteristic at its path', () => {
    const position = fc.constantFrom(...Object.keys(POSITIONS));
    const case_ = position.chain((p) => fc.tuple(fc.constant(p), POSITIONS[p]!.snakeOnly === true ? snakeName : anyName));
    fc.assert(
      fc.property(case_, ([p, name]) => {
        expect(protectedCharacteristicOf(name), `${name} is a protected name`).not.toBeNull();
        const { run, path } = POSITIONS[p]!;
        let thrown: unknown;
        try {
          run(name);
        } catch (e) {
          thrown = e;
        }
        expect(thrown, `${p}: "${name}" was accepted`).toBeInstanceOf(ValidationError);
        const issues = (thrown as ValidationError).issues;
        expect(
          issues.some((i) => i.code === 'protected_characteristic' && JSON.stringify(i.path) === JSON.stringify(path(name))),
          `${p}: "${name}" was not refused at ${path(name).join('.')} (issues: ${JSON.stringify(issues.map((i) => [i.code, i.path]))})`,
        ).toBe(true);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('the same positions accept ordinary names (the law is not "refuse everything")', () => {
    for (const [p, { run }] of Object.entries(POSITIONS)) expect(() => run('months_on_book'), p).not.toThrow();
  });
});
