import { describe, expect, it } from 'vitest';
import { Applicant, ValidationError } from '../src/index.js';

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
});
