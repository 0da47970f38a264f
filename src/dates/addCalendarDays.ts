import type { CalendarDate } from './calendarDate.js';
import { calendarDateOfDayNumber } from './calendarDateOfDayNumber.js';
import { dayNumberOf } from './dayNumber.js';

/**
 * date-fns `addDays` on a calendar date: the date `days` whole days later (earlier when negative),
 * with no Date, so no local midnight a time zone skipped (Pacific/Apia skipped 2011-12-30) can move it.
 *
 * @param days a whole number of days
 * @example addCalendarDays(calendarDateOf('2011-12-29'), 1) // 20111230
 */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return days === 0 ? date : calendarDateOfDayNumber(dayNumberOf(date) + days);
}

/** date-fns `differenceInCalendarDays(later, earlier)` on calendar dates: whole days from `earlier` to `later`, negative when `later` is earlier. */
export function daysBetweenCalendarDates(later: CalendarDate, earlier: CalendarDate): number {
  return dayNumberOf(later) - dayNumberOf(earlier);
}
