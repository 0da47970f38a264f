import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { MAX_ISSUES, ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { reviveError, toWorkerErrorData } from '../../src/parallel/workerErrorData.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { baseApplicant } from '../helpers/baseApplicant.js';
import { expectKeyCut } from '../helpers/expectKeyCut.js';

function policyError(): PolicyInvalidError {
  try {
    resolvePolicy({ pricing: { aprCap: 0.5 }, limits: { roundingStep: -1 } } as never);
  } catch (e) {
    if (e instanceof PolicyInvalidError) return e;
    throw e;
  }
  throw new Error('expected a policy error');
}

describe('one error model', () => {
  it('a policy error is a ValidationError with code policy_invalid, its issues and fields', () => {
    const e = policyError();
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toBeInstanceOf(CreditliftError);
    expect(e.code).toBe('policy_invalid');
    expect(e.issues.length).toBeGreaterThanOrEqual(2);
    expect(e.toJSON()).toMatchObject({ name: 'PolicyInvalidError', code: 'policy_invalid', subject: 'PolicyConfig' });
    expect(e.toJSON().issues).toHaveLength(e.issues.length);
  });

  it('instanceof holds across two copies of the classes (as when the ESM and CJS builds are both loaded)', async () => {
    // A query string makes Vite load a second, separate copy of each module.
    const copyOf = (path: string): Promise<unknown> => import(`${path}?copy`);
    const copy = (await copyOf('../../src/policy/policyInvalidError.js')) as typeof import('../../src/policy/policyInvalidError.js');
    const copyValidation = (await copyOf('../../src/errors/validationError.js')) as typeof import('../../src/errors/validationError.js');
    expect(copy.PolicyInvalidError).not.toBe(PolicyInvalidError);
    const foreign = new copy.PolicyInvalidError(new copyValidation.ValidationError('PolicyConfig', [{ path: ['x'], code: 'custom', message: 'bad' }]));
    expect(Object.getPrototypeOf(foreign)).not.toBe(PolicyInvalidError.prototype);
    expect(foreign instanceof PolicyInvalidError).toBe(true);
    expect(foreign instanceof ValidationError).toBe(true);
    expect(foreign instanceof CreditliftError).toBe(true);
    // And the other way round; a plain validation error is not a policy error.
    expect(new ValidationError('x', []) instanceof copy.PolicyInvalidError).toBe(false);
    expect(new CreditliftError('internal_error', 'x') instanceof copyValidation.ValidationError).toBe(false);
    expect(new Error('x') instanceof CreditliftError).toBe(false);
    expect((null as unknown as object) instanceof CreditliftError).toBe(false);
  });

  it("a caller's own subclass keeps the ordinary instanceof", () => {
    class MyError extends CreditliftError {}
    expect(new MyError('internal_error', 'x')).toBeInstanceOf(MyError);
    expect(new CreditliftError('internal_error', 'x') instanceof MyError).toBe(false);
    expect(new MyError('internal_error', 'x')).toBeInstanceOf(CreditliftError);
  });

  // 2 MB here; the 20 MB case (8 s of parsing) is in test/deep/errorModelHugeKey.test.ts.
  it('a 2 MB unknown key is cut to 64 characters wherever it is echoed; the error stays small', () => {
    expectKeyCut(2 * 1024 * 1024);
  });

  it('past MAX_ISSUES the rest are counted, not listed; the message names ten fields and how many more', () => {
    const extra = Object.fromEntries(Array.from({ length: MAX_ISSUES + 500 }, (_, i) => [`x${i}`, i]));
    const r = safeParseApplicant({ ...baseApplicant(), ...extra });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues).toHaveLength(MAX_ISSUES + 1);
    expect(r.error.issues.at(-1)).toMatchObject({ code: 'too_many_issues', message: 'and 500 more issue(s) not listed' });
    expect(r.error.message).toMatch(/: 1500 problem\(s\) at x\d+(, x\d+){9} and 990 more$/);
    expect(r.error.fields).toHaveLength(MAX_ISSUES);
  });

  it('crossing a thread keeps class, code, message, subject and every issue', () => {
    const e = policyError();
    const revived = reviveError(structuredClone(toWorkerErrorData(e)));
    expect(revived).toBeInstanceOf(PolicyInvalidError);
    expect((revived as PolicyInvalidError).toJSON()).toEqual(e.toJSON());
  });

  it('the pool rejects a bad policy with the PolicyInvalidError and every issue, as in process', async () => {
    const err = await createScorerPool({ workers: 1, scorer: { policyOverrides: { pricing: { aprCap: 0.5 }, limits: { roundingStep: -1 } } as never } }).then(
      (p) => p.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PolicyInvalidError);
    expect((err as PolicyInvalidError).toJSON()).toEqual(policyError().toJSON());
  });
});
