import { differenceInYears } from 'date-fns/differenceInYears';
import { isValid } from 'date-fns/isValid';
import { parseIsoDate } from '../dates/parseIsoDate.js';
import { ValidationError } from '../errors/validationError.js';

/**
 * Age in completed years on `asOf` (both ISO dates), through date-fns: someone born on
 * 2006-03-15 is 18 on 2024-03-15 and 17 the day before.
 *
 * @throws ValidationError when either date does not parse.
 */
export function ageInYears(birthDate: string, asOf: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(asOf);
  if (!isValid(birth) || !isValid(on)) {
    const issues = [
      ...(isValid(birth) ? [] : [{ path: ['birthDate'], code: 'invalid_date' as const, message: 'not a valid ISO date' }]),
      ...(isValid(on) ? [] : [{ path: ['asOf'], code: 'invalid_date' as const, message: 'not a valid ISO date' }]),
    ];
    throw new ValidationError('Applicant', issues);
  }
  return differenceInYears(on, birth);
}
