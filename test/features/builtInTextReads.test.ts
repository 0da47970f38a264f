import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../src/errors/validationError.js';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import type { FeatureContext } from '../../src/features/featureContext.js';
import { createFeatureEncoder } from '../../src/features/featureEncoder.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import type { CertificateEvidenceInput } from '../../src/schema/certificateEvidence.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// findings: a lender feature's view bound only `attributes`. The applicant's built-in text reached its
// compute unread: `identity.name` (a proxy for sex and ethnicity, and documented as never a model
// input), a certificate's `issuer`, the applicant's `id`, an upload's `kind`: a feature keying on
// `issuer: 'Uyghur Community Council'` or `id: 'female-0007'` fed the model an applicant's group. The
// applicant's and a holder's identity are now never given (`personal_identifier`, at the definition that
// names them and at any read); the other built-in text a lender feature reads is read for protected
// groups as it is read (`protected_characteristic`), as attribute text is.

type Ctx = FeatureContext<never>;
const reasons = { raisesRisk: { en: 'Low score with us', zhHans: '本机构评分较低' }, lowersRisk: { en: 'Good score with us', zhHans: '本机构评分良好' } };
const own = (name: string, sources: string[], compute: (ctx: Ctx) => unknown) => ({
  name,
  description: 'Our own signal',
  unit: 'points',
  sources,
  monotone: 0 as const,
  factor: 'certificates' as const,
  kind: 'numeric' as const,
  dataCategory: 'lender_internal',
  reasons,
  compute: compute as (ctx: Ctx) => number,
});
type Own = ReturnType<typeof own>;

const upload = (over: Partial<CertificateEvidenceInput> = {}): CertificateEvidenceInput => ({
  kind: 'ielts',
  issuer: 'British Council',
  credentialId: 'IELTS-2026-0001',
  holder: { name: 'Zhang Wei', idHash: 'a'.repeat(64) },
  issueDate: '2026-03-01',
  score: 7,
  verification: { method: 'issuer_api', confidence: 0.95 },
  documentHash: 'b'.repeat(64),
  ...over,
});

/** The feature's column for an applicant (`over` applied), or the issues it was refused with. */
function encode(f: Own, over: Record<string, unknown> = {}): number | [string, string, string][] {
  const features = defineFeatureSet({ features: [...builtInFeatures, f as never] });
  const encoder = createFeatureEncoder({ features: [{ name: f.name, kind: 'numeric', monotone: 0 }] }, features);
  const applicant = parseFeatureApplicant({ ...baseApplicantInput(), identity: { idHash: 'a'.repeat(64), name: 'Zhang Wei' }, ...over }, features);
  const row = new Float32Array(1);
  try {
    encoder.encode({ applicant, evidence: assessEvidence(applicant).items }, row);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues.map((i) => [i.code, i.path.join('.'), i.message]);
  }
  return row[0] as number;
}
const refusal = (f: Own, over: Record<string, unknown> = {}) => {
  const got = encode(f, over);
  if (typeof got === 'number') throw new Error(`expected a refusal, got ${got}`);
  expect(got).toHaveLength(1);
  return got[0] as [string, string, string];
};

describe("a lender feature is never given the applicant's or a holder's identity", () => {
  it.each([
    ['identity.name', (ctx: Ctx) => ctx.applicant.identity.name?.length],
    ['identity.idHash', (ctx: Ctx) => ctx.applicant.identity.idHash.length],
    ['evidence.0.holder.name', (ctx: Ctx) => ctx.applicant.evidence[0]?.holder.name?.length],
    ['identity.*', (ctx: Ctx) => Object.keys(ctx.applicant.identity).length],
  ])('reading applicant.%s is personal_identifier at features.<name>, caught or not', (shown, read) => {
    const evidence = [upload()];
    const [code, path, message] = refusal(
      own('who', [], (ctx) => read(ctx)),
      { evidence },
    );
    expect([code, path]).toEqual(['personal_identifier', 'features.who']);
    expect(message).toMatch(new RegExp(`^feature "who" (reads|lists every key of) applicant\\.${shown.replace(/[.*]/g, '\\$&')}: a personal identifier`));
    const swallowing = own('swallowing', [], (ctx) => {
      try {
        return read(ctx);
      } catch {
        return 1;
      }
    });
    expect(refusal(swallowing, { evidence }).slice(0, 2)).toEqual(['personal_identifier', 'features.swallowing']);
  });

  it('a definition whose sources name an identity is refused: personal_identifier at the source', () => {
    const err = validationErrorOf(() =>
      defineFeatureSet({
        features: [
          ...builtInFeatures,
          own('a', ['income.monthlyNet', 'identity.name'], () => 1) as never,
          own('b', ['identity'], () => 1) as never,
          own('c', ['evidence[0].holder.name', 'evidence.holder'], () => 1) as never,
        ],
      }),
    );
    const n = builtInFeatures.length;
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['personal_identifier', `features.${n}.sources.1`],
      ['personal_identifier', `features.${n + 1}.sources.0`],
      ['personal_identifier', `features.${n + 2}.sources.0`],
      ['personal_identifier', `features.${n + 2}.sources.1`],
    ]);
  });

  it('the rest of the applicant reads as before; a copy of it carries the identity as a view that refuses to be read', () => {
    expect(
      encode(
        own('rest', [], (ctx) => ctx.applicant.income.monthlyNet + Object.keys(ctx.applicant).length * 0 + ({ ...ctx.applicant }.evidence.length as number)),
        { evidence: [upload()] },
      ),
    ).toBe(600_001);
    expect(
      refusal(
        own('copy', [], (ctx) => ({ ...ctx.applicant }).identity.name?.length),
        {},
      )[0],
    ).toBe('personal_identifier');
    expect(
      refusal(
        own('json', [], (ctx) => JSON.stringify(ctx.applicant).length),
        {},
      )[0],
    ).toBe('personal_identifier');
  });
});

describe("the applicant's built-in text a lender feature reads is read for protected groups", () => {
  const issuerLength = own('issuer_length', ['evidence.issuer'], (ctx) => ctx.applicant.evidence.reduce((n, e) => n + e.issuer.length, 0));
  it.each([
    ['Uyghur Community Council', 'ethnicity'],
    ['已婚妇女互助会', 'marital_status'],
    ['Female Founders Fund', 'sex'],
  ])('an issuer %j is protected_characteristic (%s) at features.<name>, naming the field', (issuer, characteristic) => {
    const [code, path, message] = refusal(issuerLength, { evidence: [upload(), upload({ issuer, credentialId: 'X-2' })] });
    expect([code, path]).toEqual(['protected_characteristic', 'features.issuer_length']);
    expect(message).toContain('applicant.evidence.1.issuer');
    expect(message).toContain(characteristic);
  });

  it('an issuer naming no group, or an institution named for whom it serves, reads as it is', () => {
    for (const issuer of ['British Council', 'Shenzhen Maternity and Child Health Hospital', '深圳市婚姻登记处', '北京市孕妇学校'])
      expect(encode(issuerLength, { evidence: [upload({ issuer })] })).toBe(issuer.length);
  });

  it("the applicant's id, an upload's kind, level and number, and an assessment's kind and number are read the same way", () => {
    expect(
      refusal(
        own('id', ['id'], (ctx) => ctx.applicant.id.length),
        { id: 'female-0007' },
      ).slice(0, 2),
    ).toEqual(['protected_characteristic', 'features.id']);
    expect(
      encode(
        own('id', ['id'], (ctx) => ctx.applicant.id.length),
        { id: 'test-0007' },
      ),
    ).toBe(9);
    const married = { evidence: [upload({ kind: 'married_couple_award', credentialId: 'M-1' })] };
    expect(
      refusal(
        own('kind', ['evidence'], (ctx) => ctx.applicant.evidence[0]?.kind.length),
        married,
      )[2],
    ).toContain('applicant.evidence.0.kind');
    expect(
      refusal(
        own('assessed', ['evidence'], (ctx) => ctx.evidence[0]?.kind.length),
        married,
      )[2],
    ).toContain('evidence.0.kind');
    const number = { evidence: [upload({ credentialId: 'WIDOWED-77' })] };
    expect(
      refusal(
        own('number', ['evidence'], (ctx) => ctx.evidence[0]?.credentialId.length),
        number,
      )[0],
    ).toBe('protected_characteristic');
    expect(
      refusal(
        own('level', ['evidence'], (ctx) => ctx.applicant.evidence[0]?.level?.length),
        { evidence: [upload({ level: 'pregnant' })] },
      )[0],
    ).toBe('protected_characteristic');
  });
});

describe('a lender feature keeps no applicant once its value is computed', () => {
  it('the applicant an encoder was given can be collected after encode returns', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const f = own('kept', ['attributes.score'], () => 1);
    const features = defineFeatureSet({ attributes: { score: z.number().optional() }, features: [...builtInFeatures, f as never] });
    const encoder = createFeatureEncoder({ features: [{ name: 'kept', kind: 'numeric', monotone: 0 }] }, features);
    const encodeOne = () => {
      const applicant = parseFeatureApplicant(baseApplicantInput(), features);
      encoder.encode({ applicant, evidence: [] }, new Float32Array(1));
      return new WeakRef(applicant);
    };
    const ref = encodeOne();
    // A WeakRef's target lives to the end of the job that made it.
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(ref.deref()).toBeUndefined();
  });
});
