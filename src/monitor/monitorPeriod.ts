import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { calendarDateOf, isoOfCalendarDate } from '../dates/calendarDate.js';
import { calendarDateOfDayNumber } from '../dates/calendarDateOfDayNumber.js';
import { dayNumberOf } from '../dates/dayNumber.js';
import { parseIsoDate } from '../dates/parseIsoDate.js';
import { CreditliftError } from '../errors/creditliftError.js';

/** The periods a monitor groups decisions by. */
export type MonitorPeriod = 'week' | 'month';

/**
 * The period an `asOf` date falls in: "2026-11" for months; the Monday that starts its ISO week
 * ("2026-11-23") for weeks, so labels sort as dates.
 *
 * @throws CreditliftError `data_invalid` when the date does not parse
 */
export function periodOf(asOf: string, period: MonitorPeriod): string {
  // A `YYYY-MM-DD` date (what a decision carries) is counted as a calendar date: date-fns on its
  // local midnight put a day the process zone skipped into another period (Kiritimati, 1994-12-31).
  const day = calendarDateOf(asOf);
  if (!Number.isNaN(day)) {
    if (period === 'month') return isoOfCalendarDate(day).slice(0, 7);
    const n = dayNumberOf(day);
    // 1970-01-01 (day 0) was a Thursday, so (n + 3) mod 7 counts the days since Monday.
    return isoOfCalendarDate(calendarDateOfDayNumber(n - ((((n + 3) % 7) + 7) % 7)));
  }
  const d = parseIsoDate(asOf);
  if (!isValid(d)) throw new CreditliftError('data_invalid', `asOf "${asOf.slice(0, 32)}" is not a valid ISO date`);
  return period === 'month' ? format(d, 'yyyy-MM') : format(startOfISOWeek(d), 'yyyy-MM-dd');
}
