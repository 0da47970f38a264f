import { ValidationError } from '../errors/validationError.js';

/** The option keys each deciding call reads. */
export const DECIDE_OPTION_KEYS = ['limitHistory', 'signal'] as const;
export const BATCH_OPTION_KEYS = ['limitHistory', 'limitHistories', 'signal'] as const;
export const SUGGEST_OPTION_KEYS = ['top', 'limitHistory', 'signal'] as const;
export const REASSESS_OPTION_KEYS = ['signal'] as const;
export const REASSESS_UPDATE_KEYS = ['applicant', 'evidence', 'asOf'] as const;

/**
 * Refuses options that are not an object, or that carry a key the call does not read. A misspelled
 * `limitHistroy` used to be ignored, so the customer's raises were not counted and the step limits'
 * window let the line rise again; the types catch it in TypeScript, this catches it at run time.
 *
 * @throws ValidationError naming every unknown key (`unrecognized_key`)
 */
export function checkOptionKeys(options: unknown, known: readonly string[], subject: string): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(subject, [{ path: [], code: 'invalid_type', message: 'expected an object of options', expected: 'object' }]);
  }
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new ValidationError(
      subject,
      unknown.map((k) => ({ path: [k], code: 'unrecognized_key' as const, message: `unknown option "${k}" (known: ${known.join(', ')})` })),
    );
  }
}
