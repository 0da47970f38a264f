// A batch record's error is plain data (DecisionErrorData, a toJSON() value, or that parsed back
// from JSON): toProblemDetails gives it the problem details of the error it was made from.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { CREDITLIFT_ERROR_CODES, CreditliftError } from '../../src/errors/creditliftError.js';
import { toProblemDetails } from '../../src/errors/toProblemDetails.js';
import { ValidationError, type ValidationErrorCode } from '../../src/errors/validationError.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { PriorInvalidError } from '../../src/decision/priorInvalidError.js';
import { reviveError } from '../../src/parallel/workerErrorData.js';
import { toErrorData } from '../../src/decision/toErrorData.js';
import { exampleApplicants } from '../../src/examples/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(() => scorer.close());

const VALIDATION_CODES: readonly ValidationErrorCode[] = ['validation_failed', 'policy_invalid', 'catalog_invalid', 'data_invalid'];

describe('toProblemDetails takes an error as data', () => {
  it("a safeDecideBatch record's error gives the 422 with every issue that safeDecide's instance gives (was a 500 internal_error without issues)", async () => {
    const [record] = await scorer.safeDecideBatch([{}]);
    const single = await scorer.safeDecide({});
    if (record === undefined || record.ok || single.ok) throw new Error('expected both to fail');
    const fromInstance = toProblemDetails(single.error, { instance: 'req-1' });
    expect(fromInstance.status).toBe(422);
    expect(fromInstance.issues?.length).toBeGreaterThan(1);
    expect(toProblemDetails(record.error, { instance: 'req-1' })).toEqual(fromInstance);
    expect(toProblemDetails(JSON.parse(JSON.stringify(record.error)), { instance: 'req-1' })).toEqual(fromInstance);
  });

  it('any creditlift error as toJSON() data, live or through JSON, gives the same problem details as the error itself, with or without exposeServerErrors', () => {
    const issue = fc.record({
      path: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.nat(20)), { maxLength: 3 }),
      code: fc.constant('custom' as const),
      message: fc.string({ maxLength: 20 }),
    });
    const error = fc.oneof(
      fc
        .record({ code: fc.constantFrom(...CREDITLIFT_ERROR_CODES), message: fc.string({ maxLength: 40 }) })
        .map(({ code, message }) => new CreditliftError(code, message)),
      fc
        .record({
          code: fc.constantFrom(...VALIDATION_CODES),
          subject: fc.string({ minLength: 1, maxLength: 12 }),
          issues: fc.array(issue, { minLength: 1, maxLength: 4 }),
        })
        .map(({ code, subject, issues }) => new ValidationError(subject, issues, code)),
      fc.array(issue, { minLength: 1, maxLength: 3 }).map((issues) => new PolicyInvalidError(new ValidationError('PolicyConfig', issues))),
      fc.array(issue, { minLength: 1, maxLength: 3 }).map((issues) => new PriorInvalidError(issues)),
    );
    fc.assert(
      fc.property(error, fc.boolean(), (e, expose) => {
        const expected = toProblemDetails(e, { exposeServerErrors: expose });
        expect(toProblemDetails(e.toJSON(), { exposeServerErrors: expose })).toEqual(expected);
        expect(toProblemDetails(JSON.parse(JSON.stringify(e)), { exposeServerErrors: expose })).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("a refused prior decision's 422 names every field at fault, as an instance, as batch data and revived from a worker (its issues were dropped)", async () => {
    const applicant = exampleApplicants[0];
    if (applicant === undefined) throw new Error('no example applicant');
    const prior = await scorer.decide(applicant.applicant);
    const tampered = { ...prior, limit: prior.limit + 100_000 };
    const thrown = await scorer.reassess(tampered, { applicant: applicant.applicant, evidence: [] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(PriorInvalidError);
    const problem = toProblemDetails(thrown);
    expect(problem).toMatchObject({ status: 422, code: 'prior_invalid' });
    expect(problem.issues?.length).toBeGreaterThan(0);
    expect(problem.issues).toEqual((thrown as PriorInvalidError).issues);
    const data = toErrorData(thrown);
    expect(data.issues).toEqual((thrown as PriorInvalidError).issues);
    expect(toProblemDetails(JSON.parse(JSON.stringify(data)))).toEqual(problem);
    const revived = reviveError(data);
    expect(revived).toBeInstanceOf(PriorInvalidError);
    expect(toProblemDetails(revived)).toEqual(problem);
  });

  it('a 5xx as data tells the client no more than the instance does: its title as detail, no issues', () => {
    const data = new ValidationError('PolicyConfig', [{ path: ['/srv/policy.json'], code: 'custom', message: 'x' }], 'policy_invalid').toJSON();
    expect(toProblemDetails(data)).toMatchObject({ status: 500, code: 'policy_invalid', detail: 'The credit policy is invalid' });
    expect(toProblemDetails(data)).not.toHaveProperty('issues');
  });

  it('data creditlift did not make is an internal error: an unknown code, a missing message, malformed issues, an Error carrying a code', () => {
    const internal = { status: 500, code: 'internal_error', detail: 'An unexpected error occurred' };
    expect(toProblemDetails({ code: 'quota_exceeded', message: 'm' })).toMatchObject(internal);
    expect(toProblemDetails({ code: 'validation_failed' })).toMatchObject(internal);
    expect(toProblemDetails({ code: 'validation_failed', message: 'm', issues: 'all of them' })).toMatchObject(internal);
    expect(toProblemDetails({ code: 'validation_failed', message: 'm', issues: [{ path: 'income', code: 'custom', message: 'm' }] })).toMatchObject(internal);
    expect(toProblemDetails(Object.assign(new Error('m'), { code: 'validation_failed' }))).toMatchObject(internal);
    expect(toProblemDetails({ code: 'toString', message: 'm' })).toMatchObject(internal);
  });
});
