import { z } from 'zod';
import { daysInMonth as daysInCalendarMonth } from '../dates/calendarDate.js';
import { CreditliftError } from '../errors/index.js';
import type { LocalizedText } from './localizedText.js';

/** A calendar month as ISO `YYYY-MM`; budgets, bills and reminders are all kept per month. */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
/** A calendar month as ISO `YYYY-MM`. */
export type YearMonth = z.infer<typeof YearMonth>;

/**
 * The month (`YYYY-MM`) of a calendar day `YYYY-MM-DD`: an `asOf`, or a transaction's Beijing day
 * (`monthOf(beijingDayOf(t.time))`). Never pass a timestamp: its month is its Beijing day's month,
 * not the one written in it.
 */
export function monthOf(day: string): YearMonth {
  return day.slice(0, 7);
}

/** Months since January 0000 (`0000-01` is 0, `9999-12` is {@link LAST_MONTH_INDEX}). */
export function monthIndexOf(month: YearMonth): number {
  return Number(month.slice(0, 4)) * 12 + (Number(month.slice(5, 7)) - 1);
}

/** The index of December 9999, the last month a `YYYY-MM` can write. */
export const LAST_MONTH_INDEX = 9999 * 12 + 11;

/**
 * The month `n` months after `month` (negative `n` goes back). Months outside years 0000 to 9999
 * cannot be written `YYYY-MM`: the entry points refuse inputs that would reach one, and this throws
 * rather than write `00-1-12`.
 */
export function shiftMonth(month: YearMonth, n: number): YearMonth {
  // Integer arithmetic on year*12+month is exact and needs no Date at all.
  const index = monthIndexOf(month) + n;
  if (index < 0 || index > LAST_MONTH_INDEX) {
    throw new CreditliftError('data_invalid', `The month ${n} after ${month} lies outside years 0000 to 9999`);
  }
  const year = Math.floor(index / 12);
  const m = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/**
 * Number of days in a month (28 to 31), by the calendar: date-fns on the 1st's local midnight gave 1
 * for December 1994 in Pacific/Kiritimati, which skipped the 31st.
 */
export function daysInMonth(month: YearMonth): number {
  return daysInCalendarMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Customer-facing name of a month: "May 2024" / "2024年5月" (date-fns `MMMM yyyy`, without a Date). */
export function monthLabel(month: YearMonth): LocalizedText {
  const year = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  return { en: `${MONTH_NAMES[m - 1]} ${year}`, zhHans: `${year}年${m}月` };
}
