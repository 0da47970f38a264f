import { parseISO } from 'date-fns/parseISO';

/**
 * ISO calendar dates (`YYYY-MM-DD`) parsed by date-fns, memoised as epoch milliseconds. Every
 * decision parses the same few dates (asOf, birth date, issue dates) once per scenario, and
 * date-fns' general ISO parser showed up as several percent of a batch profile. The set of
 * distinct calendar dates is small (a century is 36,525), so the table stays bounded; it is
 * cleared if it ever exceeds that as a guard against non-date strings.
 *
 * Returns a number, which every date-fns function accepts as a date argument, so callers keep
 * using date-fns for the arithmetic and never share a mutable Date.
 */
export function parseIsoDate(iso: string): number {
  let time = cache.get(iso);
  if (time === undefined) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    time = parseISO(iso).getTime();
    cache.set(iso, time);
  }
  return time;
}

const MAX_ENTRIES = 40_000;
const cache = new Map<string, number>();
