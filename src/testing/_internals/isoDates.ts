import fc from 'fast-check';
import { addCalendarDays, daysBetweenCalendarDates } from '../../dates/addCalendarDays.js';
import { addCalendarMonths } from '../../dates/addCalendarMonths.js';
import { birthdayAt } from '../../dates/birthdayAt.js';
import { calendarDateOf, isoOfCalendarDate } from '../../dates/calendarDate.js';

// Calendar dates in whole days and months, never date-fns on local midnights: in a zone that skipped
// a day (Pacific/Apia 2011-12-30, Pacific/Kiritimati 1994-12-31) those moved, so a seed drew other
// dates there than on another machine. Under UTC these give what date-fns gave, so seeds replay as before.

/** The ISO date `days` calendar days after `iso` (negative: before). */
export function shiftIsoDate(iso: string, days: number): string {
  return isoOfCalendarDate(addCalendarDays(calendarDateOf(iso), days));
}

/** The ISO date `years` calendar years after `iso` (negative: before), 29 February becoming 28 February in a common year (date-fns `addYears`). */
export function addYearsToIsoDate(iso: string, years: number): string {
  return isoOfCalendarDate(addCalendarMonths(calendarDateOf(iso), 12 * years));
}

/** The ISO date someone born on `birthIso` completes `years` years (29 February: 1 March in a common year), as the engine's age checks count. */
export function birthdayOnIsoDate(birthIso: string, years: number): string {
  return isoOfCalendarDate(birthdayAt(calendarDateOf(birthIso), years));
}

/** Calendar days from `from` to `to` (both ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return daysBetweenCalendarDates(calendarDateOf(to), calendarDateOf(from));
}

/**
 * ISO dates from `from` to `to` inclusive, drawn as a day offset so that shrinking moves towards
 * `shrinkTowards` (default `to`, the most recent date, which is usually the plainest case).
 */
export function isoDateBetween(from: string, to: string, shrinkTowards: 'from' | 'to' = 'to'): fc.Arbitrary<string> {
  const span = daysBetween(from, to);
  if (span < 0) throw new RangeError(`empty date range ${from}..${to}`);
  return shrinkTowards === 'to'
    ? fc.integer({ min: 0, max: span }).map((back) => shiftIsoDate(to, -back))
    : fc.integer({ min: 0, max: span }).map((forward) => shiftIsoDate(from, forward));
}
