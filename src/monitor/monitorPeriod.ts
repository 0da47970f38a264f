import { calendarDate, calendarDateOf, isoOfCalendarDate } from '../dates/calendarDate.js';
import { calendarDateOfDayNumber } from '../dates/calendarDateOfDayNumber.js';
import { dayNumberOf } from '../dates/dayNumber.js';
import { ValidationError } from '../errors/validationError.js';

/** The periods a monitor groups decisions by. */
export type MonitorPeriod = 'week' | 'month';

/**
 * The period an `asOf` date falls in: "2026-11" for months; the Monday that starts its ISO week
 * ("2026-11-23") for weeks, so labels sort as dates.
 *
 * `asOf` is a calendar date `YYYY-MM-DD`, as a Decision carries it; nothing else is read. A
 * date-time (`2026-02-01T00:00:00+08:00`), a basic (`20260201`) or week (`2026-W05-1`) form went
 * through date-fns on the server's local time, so the period it landed in moved with the TZ setting.
 *
 * @throws ValidationError (`data_invalid`, issue `invalid_format` at `asOf`) when `asOf` is not a
 *   calendar date `YYYY-MM-DD`; (`data_invalid`, issue `out_of_range` at `asOf`) when its period
 *   starts outside years 0000 to 9999 (the Monday of 0000-01-01 and 0000-01-02 is in year -1),
 *   which no label can spell
 */
export function periodOf(asOf: string, period: MonitorPeriod): string {
  const day = typeof asOf === 'string' ? calendarDateOf(asOf) : Number.NaN;
  if (Number.isNaN(day)) {
    const shown = typeof asOf === 'string' ? `"${asOf.slice(0, 32)}"` : typeof asOf;
    const message = `asOf ${shown} is not a calendar date YYYY-MM-DD (a date-time, week or basic form is not read: its day would depend on a time zone)`;
    throw new ValidationError('monitor period', [{ path: ['asOf'], code: 'invalid_format', message }], 'data_invalid');
  }
  if (period === 'month') return isoOfCalendarDate(day).slice(0, 7);
  const n = dayNumberOf(day);
  // 1970-01-01 (day 0) was a Thursday, so (n + 3) mod 7 counts the days since Monday.
  const monday = calendarDateOfDayNumber(n - ((((n + 3) % 7) + 7) % 7));
  if (monday < FIRST_DAY) throw periodOutOfRange(asOf, period);
  return isoOfCalendarDate(monday);
}

/** 0000-01-01, the first day a `YYYY-MM-DD` label can spell. */
const FIRST_DAY = calendarDate(0, 1, 1);

function periodOutOfRange(asOf: string, period: MonitorPeriod): ValidationError {
  const message = `the ${period} of asOf "${asOf.slice(0, 32)}" starts outside years 0000 to 9999, so no YYYY-MM-DD label names it`;
  return new ValidationError('monitor period', [{ path: ['asOf'], code: 'out_of_range', message }], 'data_invalid');
}
