import { addCalendarDays } from './addCalendarDays.js';
import { addCalendarMonths } from './addCalendarMonths.js';
import { type CalendarDate, dayOf, monthOf } from './calendarDate.js';

/**
 * The day someone born on `birth` completes `years` years: the first day on which
 * {@link yearsBetween}(day, birth) is `years` (date-fns `differenceInYears`, as the age knock-out
 * counts). Someone born on 29 February turns 18 on 1 March of a common year, not on 28 February as
 * `addYears` would put it: the certificate age check took that day and accepted a tour-guide licence
 * issued on 2026-02-28 to someone the age check declined as 17 that day.
 *
 * @example birthdayAt(calendarDateOf('2008-02-29'), 18) // 20260301
 */
export function birthdayAt(birth: CalendarDate, years: number): CalendarDate {
  const day = addCalendarMonths(birth, 12 * years);
  return monthOf(birth) === 2 && dayOf(birth) === 29 && dayOf(day) === 28 ? addCalendarDays(day, 1) : day;
}
