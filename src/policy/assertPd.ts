import { ValidationError } from '../errors/validationError.js';

/**
 * Checks that a probability of default is a finite number in [0, 1].
 * @throws ValidationError (subject `'pd'`) otherwise.
 */
export function assertPd(pd: unknown): asserts pd is number {
  if (typeof pd !== 'number' || !Number.isFinite(pd) || pd < 0 || pd > 1) {
    throw new ValidationError('pd', [
      { path: ['pd'], code: 'invalid_pd', message: 'PD must be a finite number in [0, 1]', expected: 'number in [0, 1]', received: typeof pd },
    ]);
  }
}
