import { addYears } from 'date-fns/addYears';
import { lightFormat } from 'date-fns/lightFormat';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';

/**
 * ISO dates counted back from the caller's `asOf`. Calendar arithmetic goes through date-fns;
 * the formatted strings are memoised by day offset because a large population asks for the same
 * few thousand dates hundreds of thousands of times.
 */
export interface DayCalendar {
  /** The reference date, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The date `days` days before `asOf` (negative counts go forward). */
  daysBefore(days: number): string;
  /** The date `years` calendar years after `iso`. */
  yearsAfter(iso: string, years: number): string;
}

/** Builds a {@link DayCalendar} anchored at `asOf` (an already validated ISO date). */
export function createDayCalendar(asOf: string): DayCalendar {
  const anchor = parseISO(asOf);
  const back: string[] = [];
  const forward = new Map<number, string>();
  const yearsAfterCache = new Map<string, string>();
  return {
    asOf,
    daysBefore(days: number): string {
      const n = Math.round(days);
      if (n < 0) {
        let hit = forward.get(n);
        if (hit === undefined) forward.set(n, (hit = lightFormat(subDays(anchor, n), 'yyyy-MM-dd')));
        return hit;
      }
      let hit = back[n];
      if (hit === undefined) back[n] = hit = lightFormat(subDays(anchor, n), 'yyyy-MM-dd');
      return hit;
    },
    yearsAfter(iso: string, years: number): string {
      const key = `${iso}+${years}`;
      let hit = yearsAfterCache.get(key);
      if (hit === undefined) yearsAfterCache.set(key, (hit = lightFormat(addYears(parseISO(iso), years), 'yyyy-MM-dd')));
      return hit;
    },
  };
}
