// Outside tester round 11, F9: `toProblemDetails(error, null)` threw a TypeError, and `{ instance: 42 }`
// put a number in `instance`, which RFC 9457 and the ProblemDetails type say is a string.
import { describe, expect, it } from 'vitest';
import { toProblemDetails } from '../../src/errors/toProblemDetails.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

const error = new ValidationError('Applicant', [{ path: ['income'], code: 'invalid_type', message: 'required' }]);

describe('toProblemDetails options', () => {
  it('null options are no options, as undefined are', () => {
    expect(toProblemDetails(error, null as never)).toEqual(toProblemDetails(error));
  });

  it('an instance that is not a string, or options that are not an object, are refused naming the field, never sent', () => {
    for (const instance of [42, {}, ['a'], true, null]) {
      const e = validationErrorOf(() => toProblemDetails(error, { instance } as never));
      expect(e.issues.map((i) => i.path.join('.'))).toEqual(['instance']);
    }
    expect(validationErrorOf(() => toProblemDetails(error, { exposeServerErrors: 'yes' } as never)).issues.map((i) => i.path.join('.'))).toEqual([
      'exposeServerErrors',
    ]);
    expect(validationErrorOf(() => toProblemDetails(error, { instance: 1, exposeServerErrors: 1 } as never)).issues).toHaveLength(2);
    expect(validationErrorOf(() => toProblemDetails(error, 'req-1' as never)).issues.map((i) => i.path.join('.'))).toEqual(['']);
    expect(toProblemDetails(error, { instance: 'req-1' }).instance).toBe('req-1');
  });
});
