import { expect } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';

/** The ValidationError `f` throws, for a test to read its issues; fails the test when it returns or throws anything else. */
export function validationErrorOf(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}
