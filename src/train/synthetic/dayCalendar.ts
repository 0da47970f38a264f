import { addCalendarMonths } from '../../dates/addCalendarMonths.js';
import { calendarDateOf, isoOfCalendarDate } from '../../dates/calendarDate.js';
import { calendarDateOfDayNumber } from '../../dates/calendarDateOfDayNumber.js';
import { dayNumberOf } from '../../dates/dayNumber.js';

/**
 * ISO dates counted back from the caller's `asOf`. Calendar arithmetic is in whole days and months
 * (src/dates), never date-fns on local midnights: in a zone that skipped a day (Pacific/Kiritimati
 * 1994-12-31, Pacific/Apia 2011-12-30) those moved, so a seed drew another population there. Under
 * UTC this gives what date-fns gave. The formatted strings are memoised by day offset because a
 * large population asks for the same few thousand dates hundreds of thousands of times.
 */
export interface DayCalendar {
  /** The reference date, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The date `days` days before `asOf` (negative counts go forward). */
  daysBefore(days: number): string;
  /** The date `years` calendar years after `iso` (29 February becomes 28 February in a common year). */
  yearsAfter(iso: string, years: number): string;
}

/** Builds a {@link DayCalendar} anchored at `asOf` (an already validated ISO date). */
export function createDayCalendar(asOf: string): DayCalendar {
  const anchor = dayNumberOf(calendarDateOf(asOf));
  const back: string[] = [];
  const forward = new Map<number, string>();
  const yearsAfterCache = new Map<string, string>();
  const before = (n: number): string => isoOfCalendarDate(calendarDateOfDayNumber(anchor - n));
  return {
    asOf,
    daysBefore(days: number): string {
      const n = Math.round(days);
      if (n < 0) {
        let hit = forward.get(n);
        if (hit === undefined) forward.set(n, (hit = before(n)));
        return hit;
      }
      let hit = back[n];
      if (hit === undefined) back[n] = hit = before(n);
      return hit;
    },
    yearsAfter(iso: string, years: number): string {
      const key = `${iso}+${years}`;
      let hit = yearsAfterCache.get(key);
      if (hit === undefined) yearsAfterCache.set(key, (hit = isoOfCalendarDate(addCalendarMonths(calendarDateOf(iso), 12 * years))));
      return hit;
    },
  };
}
