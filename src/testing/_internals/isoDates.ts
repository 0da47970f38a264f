import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import fc from 'fast-check';

/** An ISO `YYYY-MM-DD` string of a date-fns date (local calendar, the same one parseISO reads). */
export function toIsoDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/** The ISO date `days` calendar days after `iso` (negative: before). */
export function shiftIsoDate(iso: string, days: number): string {
  return toIsoDate(addDays(parseISO(iso), days));
}

/** Calendar days from `from` to `to` (both ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
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
