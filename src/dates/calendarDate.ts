/**
 * A calendar date as one integer, `year * 10_000 + month * 100 + day` (2024-03-15 is 20_240_315).
 *
 * Why an integer: a decision compares and steps the same few dates (asOf, birth, issue and expiry
 * dates, the ledger's) for every scenario it scores, and doing that with date-fns cost about 4% of
 * a batched decision plus the Date objects each call allocates (GC was 14%). Packed this way a date
 * orders as the calendar does (`a > b` is date-fns `isAfter` of the two midnights), carries its
 * (year, month, day) triple for month arithmetic, and allocates nothing. The functions in this
 * folder that work on it are each property-tested equal to the date-fns function they stand in for
 * (test/dates/calendarArithmetic.test.ts), which stays the reference.
 *
 * It is also what makes a decision independent of the process time zone: a date-fns date is a
 * local midnight, and in a zone whose clocks jumped at midnight (Asia/Shanghai in the 1940s) that
 * midnight does not exist, so date-fns comparisons near it moved with the server's TZ setting.
 * A calendar date has no time of day and no zone.
 */
export type CalendarDate = number;

const ZERO = 48; // '0'
const DASH = 45; // '-'

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

/** True for a leap year of the proleptic Gregorian calendar (the one `Date` and date-fns use). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-12) of a year: 28 to 31. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The calendar date an ISO `YYYY-MM-DD` string names, read straight from its characters (no Date,
 * no cache, no allocation); NaN for anything else, including a day the month does not have
 * (`2023-02-29`), exactly where date-fns `parseISO` gives an Invalid Date. Other ISO forms that
 * `parseISO` reads (week dates, date-times) are NaN here: callers take those through date-fns.
 *
 * @example calendarDateOf('2024-02-29') // 20240229
 */
export function calendarDateOf(iso: string): CalendarDate {
  if (iso.length !== 10 || iso.charCodeAt(4) !== DASH || iso.charCodeAt(7) !== DASH) return Number.NaN;
  const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const month = digit(iso, 5) * 10 + digit(iso, 6);
  const day = digit(iso, 8) * 10 + digit(iso, 9);
  // NaN from a non-digit fails every comparison below.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return Number.NaN;
  return year * 10_000 + month * 100 + day;
}

/** The date with these parts; `month` 1-12 and `day` within the month (not checked). */
export function calendarDate(year: number, month: number, day: number): CalendarDate {
  return year * 10_000 + month * 100 + day;
}

/** Year of a calendar date. */
export function yearOf(date: CalendarDate): number {
  return Math.floor(date / 10_000);
}

/** Month of a calendar date, 1-12. */
export function monthOf(date: CalendarDate): number {
  return Math.floor(date / 100) % 100;
}

/** Day of the month of a calendar date, 1-31. */
export function dayOf(date: CalendarDate): number {
  return date % 100;
}

/** A calendar date written as ISO `YYYY-MM-DD` (years 0-9999), as date-fns `format(d, 'yyyy-MM-dd')` writes its midnight. */
export function isoOfCalendarDate(date: CalendarDate): string {
  return `${String(yearOf(date)).padStart(4, '0')}-${String(monthOf(date)).padStart(2, '0')}-${String(dayOf(date)).padStart(2, '0')}`;
}
