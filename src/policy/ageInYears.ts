import { differenceInYears } from 'date-fns/differenceInYears';
import { isValid } from 'date-fns/isValid';
import { calendarDateOf } from '../dates/calendarDate.js';
import { parseIsoDate } from '../dates/parseIsoDate.js';
import { yearsBetween } from '../dates/yearsBetween.js';
import { ValidationError } from '../errors/validationError.js';

/**
 * Age in completed years on `asOf` (both ISO dates), as date-fns `differenceInYears` counts it:
 * someone born on 2006-03-15 is 18 on 2024-03-15 and 17 the day before.
 *
 * @throws ValidationError when either date does not parse.
 */
export function ageInYears(birthDate: string, asOf: string): number {
  // Every decision asks this. Two `YYYY-MM-DD` dates (all a parsed applicant has) take the integer
  // path, property-tested equal to date-fns and free of the process time zone (date-fns on local
  // midnights gave 76 instead of 77 for a birthday on 1949-05-01 under TZ=Asia/Shanghai, a day
  // whose midnight was skipped). Anything else parseISO reads keeps the date-fns path.
  const birthDay = calendarDateOf(birthDate);
  const onDay = calendarDateOf(asOf);
  if (!Number.isNaN(birthDay) && !Number.isNaN(onDay)) return yearsBetween(onDay, birthDay);
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
