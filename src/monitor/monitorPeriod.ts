import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
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
  const d = parseIsoDate(asOf);
  if (!isValid(d)) throw new CreditliftError('data_invalid', `asOf "${asOf.slice(0, 32)}" is not a valid ISO date`);
  return period === 'month' ? format(d, 'yyyy-MM') : format(startOfISOWeek(d), 'yyyy-MM-dd');
}
