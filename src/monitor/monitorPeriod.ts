import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { calendarDate, calendarDateOf, isoOfCalendarDate } from '../dates/calendarDate.js';
import { calendarDateOfDayNumber } from '../dates/calendarDateOfDayNumber.js';
import { dayNumberOf } from '../dates/dayNumber.js';
import { parseIsoDate } from '../dates/parseIsoDate.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';

/** The periods a monitor groups decisions by. */
export type MonitorPeriod = 'week' | 'month';

/**
 * The period an `asOf` date falls in: "2026-11" for months; the Monday that starts its ISO week
 * ("2026-11-23") for weeks, so labels sort as dates.
 *
 * @throws CreditliftError `data_invalid` when the date does not parse; a ValidationError
 *   (`data_invalid`, issue `out_of_range` at `asOf`) when its period starts outside years 0000 to
 *   9999 (the Monday of 0000-01-01 and 0000-01-02 is in year -1), which no label can spell
 */
export function periodOf(asOf: string, period: MonitorPeriod): string {
  // A `YYYY-MM-DD` date (what a decision carries) is counted as a calendar date: date-fns on its
  // local midnight put a day the process zone skipped into another period (Kiritimati, 1994-12-31).
  const day = calendarDateOf(asOf);
  if (!Number.isNaN(day)) {
    if (period === 'month') return isoOfCalendarDate(day).slice(0, 7);
    const n = dayNumberOf(day);
    // 1970-01-01 (day 0) was a Thursday, so (n + 3) mod 7 counts the days since Monday.
    const monday = calendarDateOfDayNumber(n - ((((n + 3) % 7) + 7) % 7));
    if (monday < FIRST_DAY) throw periodOutOfRange(asOf, period);
    return isoOfCalendarDate(monday);
  }
  const d = parseIsoDate(asOf);
  if (!isValid(d)) throw new CreditliftError('data_invalid', `asOf "${asOf.slice(0, 32)}" is not a valid ISO date`);
  const start = period === 'month' ? d : startOfISOWeek(d);
  const year = new Date(start).getFullYear();
  if (year < 0 || year > 9999) throw periodOutOfRange(asOf, period);
  return period === 'month' ? format(d, 'yyyy-MM') : format(start, 'yyyy-MM-dd');
}

/** 0000-01-01, the first day a `YYYY-MM-DD` label can spell. */
const FIRST_DAY = calendarDate(0, 1, 1);

function periodOutOfRange(asOf: string, period: MonitorPeriod): ValidationError {
  const message = `the ${period} of asOf "${asOf.slice(0, 32)}" starts outside years 0000 to 9999, so no YYYY-MM-DD label names it`;
  return new ValidationError('monitor period', [{ path: ['asOf'], code: 'out_of_range', message }], 'data_invalid');
}
