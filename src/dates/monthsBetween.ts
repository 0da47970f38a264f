import { type CalendarDate, dayOf, daysInMonth, monthOf, yearOf } from './calendarDate.js';
import { dayNumberOfParts } from './dayNumber.js';

/**
 * date-fns `differenceInMonths(later, earlier)` on calendar dates: the number of full months from
 * `earlier` to `later`, negative when `later` is the earlier one. It follows date-fns step by step
 * (including its end-of-February and last-day-of-month rules, so 2023-02-28 is one full month
 * after 2023-01-31) rather than a neater definition, because features trained with date-fns must
 * keep their values. Property-tested equal to date-fns over random dates, leap days and month ends.
 */
export function monthsBetween(later: CalendarDate, earlier: CalendarDate): number {
  const sign = later > earlier ? 1 : later < earlier ? -1 : 0;
  const ly = yearOf(later);
  const lm = monthOf(later);
  const ld = dayOf(later);
  const difference = Math.abs((ly - yearOf(earlier)) * 12 + lm - monthOf(earlier));
  if (difference < 1) return 0;
  // date-fns moves a late-February `later` to the 30th (rolling into March) before stepping back.
  let wm = lm;
  let wd = ld;
  if (lm === 2 && ld > 27) {
    wm = 3;
    wd = 30 - daysInMonth(ly, 2);
  }
  // `setMonth(month - sign * difference)`: the day is kept and rolls over when the month is short.
  const stepped = dayNumberOfParts(ly, wm - sign * difference, wd);
  const earlierDay = dayNumberOfParts(yearOf(earlier), monthOf(earlier), dayOf(earlier));
  const cmp = stepped > earlierDay ? 1 : stepped < earlierDay ? -1 : 0;
  let lastMonthNotFull = cmp === -sign;
  if (ld === daysInMonth(ly, lm) && difference === 1 && sign === 1) lastMonthNotFull = false;
  const result = sign * (difference - (lastMonthNotFull ? 1 : 0));
  return result === 0 ? 0 : result;
}
