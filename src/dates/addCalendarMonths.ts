import { type CalendarDate, calendarDate, dayOf, daysInMonth, monthOf, yearOf } from './calendarDate.js';

/**
 * date-fns `addMonths` on a calendar date: the same day `months` later (earlier when negative), or
 * the last day of that month when it is shorter (2024-01-31 + 1 month = 2024-02-29). `addYears(d, n)`
 * is `addCalendarMonths(d, 12 * n)`, as in date-fns. Property-tested equal to date-fns.
 *
 * @param months a whole number of months
 * @example addCalendarMonths(calendarDateOf('2023-01-31'), 1) // 20230228
 */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  if (months === 0) return date;
  const index = yearOf(date) * 12 + monthOf(date) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return calendarDate(year, month, Math.min(dayOf(date), daysInMonth(year, month)));
}
