import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { CREDITLIFT_ERROR_CODES, CreditliftError } from '../../src/errors/creditliftError.js';
import { PROBLEM_STATUS, toProblemDetails } from '../../src/errors/toProblemDetails.js';
import { ValidationError, type ValidationErrorCode } from '../../src/errors/validationError.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';

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

  it('a creditlift error with a code this copy does not know (a newer copy of the package) is an internal error, told nothing', () => {
    const e = new CreditliftError('quota_exceeded' as never, 'tenant /srv/acme over its quota');
    const p = toProblemDetails(e, { exposeServerErrors: true });
    expect(p).toEqual({
      type: 'urn:creditlift:error:internal_error',
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred',
      code: 'internal_error',
    });
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

  const secret = '/srv/secret-bank/models/prod-2026.onnx: Malformed protobuf at byte 1';
  const serverCodes = CREDITLIFT_ERROR_CODES.filter((code) => PROBLEM_STATUS[code].status >= 500);
  const clientCodes = CREDITLIFT_ERROR_CODES.filter((code) => PROBLEM_STATUS[code].status < 500);
  // The generic detail of a 5xx: its title (internal_error's as for any value creditlift did not make).
  const generic = (code: (typeof CREDITLIFT_ERROR_CODES)[number]) => (code === 'internal_error' ? 'An unexpected error occurred' : PROBLEM_STATUS[code].title);
  // The codes a ValidationError (with issues) carries.
  const withIssues = new Set<string>(['validation_failed', 'policy_invalid', 'catalog_invalid', 'data_invalid'] satisfies ValidationErrorCode[]);

  it('every 5xx code: the detail is its generic title and no issue is sent, whatever the message says', () => {
    expect(serverCodes.length).toBeGreaterThanOrEqual(10);
    for (const code of serverCodes) {
      const errors = [new CreditliftError(code, secret)];
      if (withIssues.has(code))
        errors.push(new ValidationError(secret, [{ path: ['/srv/secret'], code: 'invalid_value', message: secret }], code as ValidationErrorCode));
      for (const error of errors) {
        const p = toProblemDetails(error, { instance: 'r1' });
        expect(p, code).toEqual({
          type: `urn:creditlift:error:${code}`,
          title: PROBLEM_STATUS[code].title,
          status: PROBLEM_STATUS[code].status,
          detail: generic(code),
          instance: 'r1',
          code,
        });
        expect(JSON.stringify(p), code).not.toContain('secret');
      }
    }
  });

  it('every 5xx code: { exposeServerErrors: true } (internal callers) keeps the message and every issue', () => {
    for (const code of serverCodes) {
      if (withIssues.has(code)) {
        const issues = [{ path: ['pricing', 'aprCap'], code: 'invalid_value' as const, message: 'm' }];
        const p = toProblemDetails(new ValidationError('Policy', issues, code as ValidationErrorCode), { exposeServerErrors: true });
        expect(p.detail, code).toContain('pricing.aprCap');
        expect(p.issues, code).toEqual(issues);
      }
      expect(toProblemDetails(new CreditliftError(code, secret), { exposeServerErrors: true }).detail, code).toBe(secret);
    }
    // A value creditlift did not make stays generic even then: nobody vouched for its message.
    expect(toProblemDetails(new Error(secret), { exposeServerErrors: true }).detail).toBe('An unexpected error occurred');
  });

  it('every 4xx code keeps its message and every issue, with or without the option (the client needs them)', () => {
    expect(clientCodes.length).toBeGreaterThanOrEqual(5);
    for (const code of clientCodes) {
      const issues = [{ path: ['income', 'monthlyNet'], code: 'too_small' as const, message: 'm' }];
      for (const options of [{}, { exposeServerErrors: false }, { exposeServerErrors: true }]) {
        if (withIssues.has(code)) {
          const e = new ValidationError('Applicant', issues, code as ValidationErrorCode);
          const p = toProblemDetails(e, options);
          expect(p.detail, code).toBe(e.message);
          expect(p.issues, code).toEqual(issues);
        }
        expect(toProblemDetails(new CreditliftError(code, 'the client text'), options).detail).toBe('the client text');
      }
    }
  });

  it("a model that cannot be loaded or a bad policy: the 500 names neither the server's file path nor the policy's fields", async () => {
    const load = await createScorer({ model: '/srv/secret-bank/models/prod-2026.onnx' }).catch((e: unknown) => e);
    expect(load).toBeInstanceOf(CreditliftError);
    expect((load as Error).message).toContain('/srv/secret-bank');
    const p = toProblemDetails(load, { instance: 'r1' });
    expect(p).toMatchObject({ status: 500, code: 'model_load_failed', detail: 'The model could not be loaded' });
    expect(JSON.stringify(p)).not.toContain('/srv');
    expect(toProblemDetails(load, { exposeServerErrors: true }).detail).toContain('/srv/secret-bank');

    const policy = new PolicyInvalidError(new ValidationError('PolicyConfig', [{ path: ['pricing', 'aprCap'], code: 'too_big', message: 'at most 0.36' }]));
    const pp = toProblemDetails(policy);
    expect(pp).toMatchObject({ status: 500, code: 'policy_invalid', detail: 'The credit policy is invalid' });
    expect(pp).not.toHaveProperty('issues');
  });
});
