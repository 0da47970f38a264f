import { type CalendarDate, dayOf, monthOf, yearOf } from './calendarDate.js';

/**
 * Days from 1970-01-01 to a (year, month, day) of the proleptic Gregorian calendar, the count
 * `Date.UTC(...) / 86_400_000` gives, with no Date. `month` may lie outside 1-12 and `day` outside
 * the month: they roll over as `new Date(year, month - 1, day)` does (the 30th of February is the
 * 1st or 2nd of March), which is how date-fns' `setMonth`/`setDate` steps behave.
 */
export function dayNumberOfParts(year: number, month: number, day: number): number {
  // Roll the month into the year first, then count from 1 March so the leap day ends a year
  // (H. Hinnant's days-from-civil): whole 400-year eras, then years, then days.
  const m0 = month - 1;
  const yearOffset = Math.floor(m0 / 12);
  const y = year + yearOffset - (m0 - yearOffset * 12 < 2 ? 1 : 0);
  const mp = (m0 - yearOffset * 12 + 10) % 12; // March = 0 ... February = 11
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** Days from 1970-01-01 to a calendar date (negative before): `subDays` and day gaps become integer arithmetic. */
export function dayNumberOf(date: CalendarDate): number {
  return dayNumberOfParts(yearOf(date), monthOf(date), dayOf(date));
}
