import { describe, expect, it, vi } from 'vitest';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { applicantServiceJsonSchema, certificateEvidenceServiceJsonSchema } from '../../src/schema/serviceJsonSchema.js';
import { fastifyAjv } from '../helpers/fastifyAjv.js';

const valid = exampleApplicants[0]!.applicant;
const clone = <T>(v: T): T => structuredClone(v);

describe("applicantServiceJsonSchema under fastify's ajv defaults", () => {
  const validate = fastifyAjv({ quiet: true }).compile(applicantServiceJsonSchema());

  it('with strictTypes off ajv logs nothing and every verdict and every body is as under its defaults (which log each typeless guard)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const strict = fastifyAjv().compile(applicantServiceJsonSchema());
      const logged = warn.mock.calls.length;
      expect(logged).toBeGreaterThan(0);
      const quiet = fastifyAjv({ quiet: true }).compile(applicantServiceJsonSchema());
      expect(warn.mock.calls.length).toBe(logged);
      const spoilt: unknown[] = [null, 14, 'x', [], {}];
      for (const { applicant } of exampleApplicants) {
        for (const [key, value] of Object.entries(applicant)) {
          for (const bad of ['14', 14, true, null, [value], { value }]) spoilt.push({ ...clone(applicant), [key]: bad });
        }
        spoilt.push(clone(applicant), { ...clone(applicant), gender: 'f' });
      }
      for (const body of spoilt) {
        const [a, b] = [clone(body), clone(body)];
        expect(quiet(a)).toBe(strict(b));
        expect(a).toEqual(b);
      }
    } finally {
      warn.mockRestore();
    }
  });

  it('compiles in the default (draft-07) ajv and accepts every example applicant unchanged', () => {
    for (const { applicant } of exampleApplicants) {
      const body = clone(applicant);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      // Defaults may be filled in; nothing the caller sent is changed.
      expect(body).toMatchObject(applicant);
    }
  });

  it('refuses an unknown key (e.g. gender) instead of deleting it', () => {
    const body = { ...clone(valid), gender: 'f' };
    expect(validate(body)).toBe(false);
    expect(body).toHaveProperty('gender', 'f');
    const nested = clone(valid) as Record<string, unknown>;
    nested.income = { ...(nested.income as object), bonus: 1 };
    expect(validate(nested)).toBe(false);
  });

  it('refuses what the defaults would coerce: "14" for a number, 14 for a string, [x] for x, true for a number, null', () => {
    const cases: [string, (b: Record<string, unknown>) => void][] = [
      ['string for integer', (b) => (b.socialInsuranceMonths = '14')],
      ['number for string', (b) => (b.id = 14)],
      ['array for number', (b) => (b.housingFundMonths = [14])],
      ['boolean for number', (b) => (b.housingFundMonths = true)],
      ['null for number', (b) => (b.socialInsuranceMonths = null)],
      ['string for boolean', (b) => ((b.bureau as Record<string, unknown>).hasFile = 'false')],
      ['scalar for array', (b) => (b.evidence = 'none')],
      ['number for enum', (b) => ((b.residence as Record<string, unknown>).region = 1)],
    ];
    for (const [name, spoil] of cases) {
      const body = clone(valid) as Record<string, unknown>;
      spoil(body);
      const before = JSON.stringify(body);
      expect(validate(body), name).toBe(false);
      expect(JSON.stringify(body), `${name}: the body was changed`).toBe(before);
    }
  });

  it('the evidence item schema compiles and refuses a coerced score', () => {
    const check = fastifyAjv({ quiet: true }).compile(certificateEvidenceServiceJsonSchema());
    const item = clone(valid.evidence?.[0]);
    expect(item).toBeDefined();
    expect(check(clone(item))).toBe(true);
    expect(check({ ...item, score: '6.5' })).toBe(false);
  });
});
