/**
 * The calendar date `days` days (0 or more) before `iso`, a valid `YYYY-MM-DD` date, stepped back
 * month by month on the calendar: no Date, so no local midnight a time zone skipped can move it
 * (date-fns' `subDays` on a local midnight dated a certificate 29 days back in Pacific/Kiritimati).
 * The playground is built from the public API only, hence its own few lines rather than src/dates.
 *
 * @returns the date, or undefined when it would fall before 0000-01-01 (no `YYYY-MM-DD` spells it)
 * @example isoDateDaysBefore('1995-01-30', 30) // '1994-12-31'
 */
export function isoDateDaysBefore(iso: string, days: number): string | undefined {
  let year = Number(iso.slice(0, 4));
  let month = Number(iso.slice(5, 7));
  let day = Number(iso.slice(8, 10)) - days;
  while (day < 1) {
    month -= 1;
    if (month < 1) {
      month = 12;
      year -= 1;
    }
    day += daysInMonth(year, month);
  }
  if (year < 0) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
