import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/validationError.js';
import { exampleApplicants, exampleFor } from '../src/examples/index.js';
import type { ApplicantInput } from '../src/schema/applicant.js';
import { MAX_EVIDENCE_ITEMS } from '../src/schema/certificateEvidence.js';
import { parseApplicant, safeParseApplicant } from '../src/schema/parseApplicant.js';

const valid = (): ApplicantInput => structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;

function errorOf(input: unknown): ValidationError {
  const r = safeParseApplicant(input);
  if (r.ok) throw new Error('expected invalid input');
  return r.error;
}

const codesAt = (err: ValidationError, path: string): string[] => err.issues.filter((i) => i.path.join('.') === path).map((i) => i.code);

describe('parseApplicant', () => {
  it('accepts every example applicant and applies defaults', () => {
    for (const ex of exampleApplicants) expect(parseApplicant(ex.applicant).id).toBe(ex.id);
    // Without the certificate it uploads in the demo, the rural household gives no optional field.
    const { evidence, ...withoutEvidence } = exampleFor('rural_household').applicant;
    expect(evidence).toHaveLength(1);
    const a = parseApplicant(withoutEvidence);
    expect(a.bureau.currentDaysPastDue).toBe(0);
    expect(a.controls).toEqual({});
    expect(a.evidence).toEqual([]);
  });

  it('throws a ValidationError listing every problem at once, each with its path', () => {
    const input = { ...valid(), asOf: '2026-13-01', income: { monthlyNet: 1.5, source: 'payroll' }, gender: 'f' } as Record<string, unknown>;
    delete input.birthDate;
    expect(() => parseApplicant(input)).toThrow(ValidationError);
    const err = errorOf(input);
    expect(err.code).toBe('validation_failed');
    expect(err.subject).toBe('Applicant');
    expect(err.fields).toEqual(expect.arrayContaining(['asOf', 'birthDate', 'income.monthlyNet', 'gender']));
    expect(codesAt(err, 'gender')).toEqual(['protected_characteristic']);
  });

  it('lists issues in path order', () => {
    const err = errorOf({ ...valid(), id: '', residence: { cityTier: 9, region: 'south' }, asOf: 'x' });
    const paths = err.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual([...paths].sort());
  });

  it('safeParseApplicant returns ok with the value, or the error', () => {
    const ok = safeParseApplicant(valid());
    expect(ok.ok && ok.value.id).toBe('ex-new-graduate');
    const bad = safeParseApplicant(null);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toBeInstanceOf(ValidationError);
  });

  it('reports anything that is not an object as a ValidationError', () => {
    for (const input of [null, undefined, 42, 'applicant', [], true]) expect(() => parseApplicant(input)).toThrow(ValidationError);
  });
});

describe('parseApplicant: evidence count', () => {
  const ev = () => valid().evidence?.[0];

  it(`accepts exactly ${MAX_EVIDENCE_ITEMS} evidence items`, () => {
    const e = ev();
    expect(parseApplicant({ ...valid(), evidence: Array.from({ length: MAX_EVIDENCE_ITEMS }, () => e) }).evidence).toHaveLength(MAX_EVIDENCE_ITEMS);
  });

  it(`refuses more than ${MAX_EVIDENCE_ITEMS} with too_many_evidence_items at path evidence, still reporting other problems`, () => {
    const err = errorOf({ ...valid(), asOf: 'soon', evidence: Array.from({ length: MAX_EVIDENCE_ITEMS + 1 }, () => ev()) });
    expect(codesAt(err, 'evidence')).toEqual(['too_many_evidence_items']);
    expect(err.fields).toContain('asOf');
  });

  it('refuses a million items by their count alone, without reading a single item', () => {
    let reads = 0;
    const huge = new Array<unknown>(1_000_000);
    Object.defineProperty(huge, 0, { get: () => ((reads += 1), {}), enumerable: true });
    const err = errorOf({ ...valid(), evidence: huge });
    expect(reads).toBe(0);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ path: ['evidence'], code: 'too_many_evidence_items' });
  });
});

describe('parseApplicant: cross-field rules', () => {
  it('birth_date_after_as_of', () => {
    expect(codesAt(errorOf({ ...valid(), birthDate: '2026-11-02' }), 'birthDate')).toEqual(['birth_date_after_as_of']);
  });

  it('birth_date_implausible: more than 120 years before asOf', () => {
    expect(codesAt(errorOf({ ...valid(), birthDate: '1900-01-01' }), 'birthDate')).toEqual(['birth_date_implausible']);
  });

  it('employment_start_after_as_of and employment_start_before_birth', () => {
    const after = errorOf({ ...valid(), employment: { type: 'salaried', industry: 'manufacturing', startDate: '2027-01-01' } });
    expect(codesAt(after, 'employment.startDate')).toEqual(['employment_start_after_as_of']);
    const before = errorOf({ ...valid(), employment: { type: 'salaried', industry: 'manufacturing', startDate: '2001-01-01' } });
    expect(codesAt(before, 'employment.startDate')).toEqual(['employment_start_before_birth']);
  });

  it('expiry_before_issue on the evidence item at fault', () => {
    const input = valid();
    const evidence = [...(input.evidence ?? [])];
    evidence[1] = { ...evidence[1]!, issueDate: '2024-10-20', expiryDate: '2024-10-19' };
    expect(codesAt(errorOf({ ...input, evidence }), 'evidence.1.expiryDate')).toEqual(['expiry_before_issue']);
  });

  it('reports cross-field problems together with schema problems', () => {
    const err = errorOf({ ...valid(), birthDate: '2030-01-01', income: 'lots', socialInsuranceMonths: -1 });
    expect(err.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['birth_date_after_as_of']));
    expect(err.fields).toEqual(expect.arrayContaining(['birthDate', 'income', 'socialInsuranceMonths']));
  });

  it('skips a cross-field rule whose fields are themselves invalid (the schema already says so)', () => {
    const err = errorOf({ ...valid(), birthDate: 'yesterday' });
    expect(codesAt(err, 'birthDate')).toEqual(['invalid_format']);
  });
});

describe('parseApplicant: unreadable input', () => {
  it('reports a throwing getter as unreadable_input at its own path, together with every other issue', () => {
    const input: Record<string, unknown> = { ...valid(), socialInsuranceMonths: -1 };
    Object.defineProperty(input, 'income', {
      get: () => {
        throw new TypeError('boom');
      },
      enumerable: true,
    });
    const err = errorOf(input);
    expect(err.issues.map((i) => [i.path.join('.'), i.code])).toEqual(
      expect.arrayContaining([
        ['income', 'unreadable_input'],
        ['socialInsuranceMonths', expect.any(String)],
      ]),
    );
    expect(err.issues.some((i) => i.path.length === 0)).toBe(false);
    expect(() => parseApplicant(input)).toThrow(ValidationError);
  });

  it('refuses a Map, Set, Date or class instance where a plain object is expected, at its path (a cap in a Map used to vanish)', () => {
    for (const controls of [
      new Map([['selfSetCap', 100]]),
      new Set([1]),
      new Date(0),
      new (class Controls {
        selfSetCap = 100;
      })(),
    ]) {
      const err = errorOf({ ...valid(), controls });
      expect(err.issues).toEqual([expect.objectContaining({ path: ['controls'], code: 'invalid_type', expected: 'plain object' })]);
    }
    expect(errorOf(new Map(Object.entries(valid()))).issues).toEqual([expect.objectContaining({ path: [], code: 'invalid_type' })]);
    // Null-prototype objects and objects from another realm are plain data.
    expect(parseApplicant(Object.assign(Object.create(null), valid())).id).toBe(valid().id);
  });

  it('reports a hole in a sparse array at its index, and a circular value, without walking forever', () => {
    const v = valid() as Record<string, unknown>;
    const evidence = (v.evidence as unknown[] | undefined) ?? [];
    const holey: unknown[] = [...evidence];
    holey.length = evidence.length + 1;
    expect(codesAt(errorOf({ ...v, evidence: holey }), `evidence.${evidence.length}`)).toEqual(['missing_element']);
    const loop: Record<string, unknown> = { ...v };
    loop.controls = loop;
    expect(codesAt(errorOf(loop), 'controls')).toEqual(['circular_reference']);
  });
});
