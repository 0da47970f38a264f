import { type CalendarDate, calendarDate } from './calendarDate.js';

/**
 * The calendar date `n` days after 1970-01-01 (before it when negative): the inverse of
 * `dayNumberOf`, so stepping by days (`addDays`, the Monday of a week) needs no Date and no zone.
 * Property-tested against `Date.UTC` and date-fns.
 *
 * @example calendarDateOfDayNumber(0) // 19700101
 */
export function calendarDateOfDayNumber(n: number): CalendarDate {
  // H. Hinnant's civil-from-days: count from 0000-03-01 so the leap day ends a year, split into
  // 400-year eras (146,097 days each), then years of the era, then days of the year.
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153); // March = 0 ... February = 11
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return calendarDate(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}
