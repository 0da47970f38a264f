import { calendarDateOf } from '../dates/calendarDate.js';
import { yearsBetween } from '../dates/yearsBetween.js';
import { ValidationError } from '../errors/validationError.js';

/**
 * Age in completed years on `asOf` (both calendar dates `YYYY-MM-DD`), as date-fns
 * `differenceInYears` counts it: someone born on 2006-03-15 is 18 on 2024-03-15 and 17 the day before.
 *
 * @throws ValidationError (issue `invalid_date` at `birthDate` and/or `asOf`) when either is not a
 *   calendar date `YYYY-MM-DD`: a date-time, week or basic form is refused, never read in local time
 */
export function ageInYears(birthDate: string, asOf: string): number {
  // Integer calendar dates, property-tested equal to date-fns and free of the process time zone
  // (date-fns on local midnights gave 76 instead of 77 for a birthday on 1949-05-01 under
  // TZ=Asia/Shanghai, a day whose midnight was skipped). Other ISO forms took a date-fns path in
  // local time, so `bookSegments` put an asOf of 2026-11-01T23:00:00-05:00 in another age band
  // under America/New_York than under UTC.
  const birthDay = typeof birthDate === 'string' ? calendarDateOf(birthDate) : Number.NaN;
  const onDay = typeof asOf === 'string' ? calendarDateOf(asOf) : Number.NaN;
  if (Number.isNaN(birthDay) || Number.isNaN(onDay)) {
    const message = 'not a calendar date YYYY-MM-DD';
    throw new ValidationError('Applicant', [
      ...(Number.isNaN(birthDay) ? [{ path: ['birthDate'], code: 'invalid_date' as const, message }] : []),
      ...(Number.isNaN(onDay) ? [{ path: ['asOf'], code: 'invalid_date' as const, message }] : []),
    ]);
  }
  return yearsBetween(onDay, birthDay);
}
