import { type CalendarDate, yearOf } from './calendarDate.js';

/**
 * date-fns `differenceInYears(later, earlier)` on calendar dates: full years from `earlier` to
 * `later` (an age in completed years), negative when `later` is the earlier one. Someone born on
 * a 29 February completes a year on 1 March in a common year, as date-fns has it.
 * Property-tested equal to date-fns.
 */
export function yearsBetween(later: CalendarDate, earlier: CalendarDate): number {
  const sign = later > earlier ? 1 : later < earlier ? -1 : 0;
  const difference = Math.abs(yearOf(later) - yearOf(earlier));
  // date-fns sets both to the year 1584 (a leap year, so 29 February survives) and compares:
  // that is comparing month * 100 + day.
  const laterInYear = later % 10_000;
  const earlierInYear = earlier % 10_000;
  const cmp = laterInYear > earlierInYear ? 1 : laterInYear < earlierInYear ? -1 : 0;
  // `=== -sign` with sign 0 is `cmp === -0`, true for an equal pair, as in date-fns (result 0 either way).
  const partial = cmp === -sign;
  const result = sign * (difference - (partial ? 1 : 0));
  return result === 0 ? 0 : result;
}
