import { describe, expect, it } from 'vitest';
import { Applicant, isProtectedKey, ValidationError } from '../src/index.js';

describe('ValidationError', () => {
  it('names every offending field, and calls a protected characteristic by its name', () => {
    const r = Applicant.safeParse({ id: '', asOf: 'not-a-date', gender: 'f' });
    expect(r.success).toBe(false);
    if (r.success) return;
    const err = ValidationError.fromZod('Applicant', r.error);
    expect(err.code).toBe('validation_failed');
    expect(err.fields).toEqual(expect.arrayContaining(['id', 'asOf', 'gender', 'birthDate', 'income']));
    expect(err.issues.find((i) => i.path[0] === 'gender')?.code).toBe('protected_characteristic');
  });

  it('calls a protected characteristic by its name under every name the feature guard knows (one matcher for inputs and features)', () => {
    const keys = ['isFemale', 'blood_group', 'Marital_Status', '民族', '婚否', 'genotype', 'religion_code'];
    const r = Applicant.safeParse({ id: 'a', asOf: '2026-11-01', ...Object.fromEntries(keys.map((k) => [k, 1])) });
    expect(r.success).toBe(false);
    if (r.success) return;
    const err = ValidationError.fromZod('Applicant', r.error);
    for (const k of keys) expect(err.issues.find((i) => i.path[0] === k)?.code, k).toBe('protected_characteristic');
    for (const k of ['income', 'household', 'international', 'mandate']) expect(isProtectedKey(k), k).toBe(false);
  });
});
