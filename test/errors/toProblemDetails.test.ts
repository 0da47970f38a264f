import { describe, expect, it } from 'vitest';
import { CREDITLIFT_ERROR_CODES, CreditliftError } from '../../src/errors/creditliftError.js';
import { PROBLEM_STATUS, toProblemDetails } from '../../src/errors/toProblemDetails.js';
import { ValidationError } from '../../src/errors/validationError.js';

describe('toProblemDetails (RFC 9457)', () => {
  it('every error code has an HTTP status: 4xx for the caller, 5xx for the service', () => {
    for (const code of CREDITLIFT_ERROR_CODES) {
      const p = toProblemDetails(new CreditliftError(code, 'm'));
      expect(p.status).toBe(PROBLEM_STATUS[code].status);
      expect(p.type).toBe(`urn:creditlift:error:${code}`);
      expect(p.code).toBe(code);
    }
    expect(PROBLEM_STATUS.validation_failed.status).toBe(422);
    expect(PROBLEM_STATUS.internal_error.status).toBe(500);
  });

  it('a validation error keeps every issue and its message; the instance is carried', () => {
    const e = new ValidationError('Applicant', [{ path: ['income', 'monthlyNet'], code: 'invalid_type', message: 'expected number' }]);
    const p = toProblemDetails(e, { instance: 'req-7' });
    expect(p).toEqual({
      type: 'urn:creditlift:error:validation_failed',
      title: 'The input is invalid',
      status: 422,
      detail: e.message,
      instance: 'req-7',
      code: 'validation_failed',
      issues: e.issues,
    });
  });

  it('anything else is a 500 internal_error whose detail leaks nothing', () => {
    const p = toProblemDetails(new TypeError('secret path /srv/app/x.js'));
    expect(p).toMatchObject({ status: 500, code: 'internal_error', detail: 'An unexpected error occurred' });
    expect(JSON.stringify(p)).not.toContain('secret');
    expect(toProblemDetails('a string').status).toBe(500);
  });
});
