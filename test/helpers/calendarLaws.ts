import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { compareAsc } from 'date-fns/compareAsc';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { differenceInMonths } from 'date-fns/differenceInMonths';
import { differenceInYears } from 'date-fns/differenceInYears';
import { isAfter } from 'date-fns/isAfter';
import { isBefore } from 'date-fns/isBefore';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, daysBetweenCalendarDates } from '../../src/dates/addCalendarDays.js';
import { addCalendarMonths } from '../../src/dates/addCalendarMonths.js';
import { calendarDateOf, daysInMonth, isLeapYear } from '../../src/dates/calendarDate.js';
import { dayNumberOf } from '../../src/dates/dayNumber.js';
import { monthsBetween } from '../../src/dates/monthsBetween.js';
import { yearsBetween } from '../../src/dates/yearsBetween.js';
import { ageInYears } from '../../src/policy/ageInYears.js';

// date-fns is the reference for every integer shortcut in src/dates: each law below says "the
// shortcut gives what date-fns gives", over random dates weighted towards the cases calendars get
// wrong (29 February, month ends, year ends, before 1970, far future), in a given process time
// zone, since date-fns works on local midnights. Node re-reads process.env.TZ when it changes.
// test/dates runs them briefly in three zones, test/deep long and in more.

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const isoOf = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const localKey = (t: Date) => t.getFullYear() * 10_000 + (t.getMonth() + 1) * 100 + t.getDate();

const anyYear = fc.oneof(
  fc.integer({ min: 0, max: 9999 }),
  fc.integer({ min: 1900, max: 1969 }),
  fc.integer({ min: 1970, max: 2100 }),
  fc.integer({ min: 9000, max: 9999 }),
);
const leapYear = fc
  .integer({ min: 0, max: 2499 })
  .map((k) => k * 4)
  .filter(isLeapYear);
/** ISO dates of every kind, as strings. */
const isoDate = fc.oneof(
  fc.tuple(anyYear, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => isoOf(y, m, Math.min(d, daysInMonth(y, m)))),
  leapYear.map((y) => isoOf(y, 2, 29)),
  fc.tuple(anyYear, fc.integer({ min: 1, max: 12 })).map(([y, m]) => isoOf(y, m, daysInMonth(y, m))),
  fc.tuple(anyYear, fc.boolean()).map(([y, end]) => (end ? isoOf(y, 12, 31) : isoOf(y, 1, 1))),
  fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom(28, 29, 30, 31)).map(([y, d]) => isoOf(y, 2, Math.min(d, daysInMonth(y, 2)))),
);
/** Two dates, often near each other (same day of month, a month or a year apart) where full-month rules bite. */
const datePair = fc.oneof(
  fc.tuple(isoDate, isoDate),
  fc.tuple(isoDate, fc.integer({ min: -800, max: 800 }), fc.integer({ min: -2, max: 2 })).map(([a, months, days]): [string, string] => {
    const t = parseISO(a);
    const b = new Date(t.getFullYear(), t.getMonth() + months, t.getDate() + days, 12);
    return [a, isoOf(b.getFullYear(), b.getMonth() + 1, b.getDate())];
  }),
);

// A date whose local midnight exists in the process zone. Where a zone's clocks jumped at midnight
// (Asia/Shanghai on 1940-06-01 and seven other days) date-fns parses the date to 01:00 and its
// answers near it depend on the zone: that is the time-zone dependence the integers remove (see the
// last describe), so the equality laws are stated where date-fns itself is well defined.
/** The day (year, month 1-12, day) has a local midnight in the process zone (years beyond 9999 included). */
const existsLocally = (year: number, month: number, day: number) => {
  const t = new Date(2000, 0, 1);
  t.setFullYear(year, month - 1, day);
  return t.getFullYear() === year && t.getMonth() === month - 1 && t.getDate() === day && t.getHours() === 0 && t.getMinutes() === 0;
};
/** Days from 1970-01-01 to the local calendar day of a parsed ISO date, by Date's own UTC calendar. */
const epochDayOf = (iso: string) => {
  const t = parseISO(iso);
  const u = new Date(0);
  u.setUTCFullYear(t.getFullYear(), t.getMonth(), t.getDate());
  return u.getTime() / 86_400_000;
};
export const hasLocalMidnight = (iso: string) => {
  const t = parseISO(iso);
  // The day itself may be missing too (Pacific/Kiritimati skipped 1994-12-31 entirely).
  return t.getHours() === 0 && t.getMinutes() === 0 && isoOf(t.getFullYear(), t.getMonth() + 1, t.getDate()) === iso;
};

/**
 * Registers the laws for one process time zone, `numRuns` cases each, on `seed` (default fast-check's
 * global one: npm test's fixed seed).
 */
export function describeCalendarLaws(zone: string, numRuns: number, seed?: number): void {
  describe(`integer calendar dates equal date-fns, TZ=${zone}`, () => {
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = zone;
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    const runs = seed === undefined ? { numRuns } : { numRuns, seed };

    it('the zone is in force', () => {
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone);
    });

    it('calendarDateOf reads what parseISO reads, and refuses what it refuses', () => {
      const shaped = fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(([y, m, d]) => isoOf(y, m, d));
      fc.assert(
        fc.property(fc.oneof(shaped, isoDate), (iso) => {
          const parsed = parseISO(iso);
          const key = calendarDateOf(iso);
          if (!isValid(parsed)) return Number.isNaN(key);
          fc.pre(hasLocalMidnight(iso));
          return key === localKey(parsed);
        }),
        runs,
      );
      for (const notPlain of ['2024-03-15T10:00:00Z', '2024-W10', '20240315', '2024-3-15', ' 2024-03-15', '+02024-03-15', '2023-02-29', '']) {
        expect(calendarDateOf(notPlain)).toBeNaN();
      }
    });

    it('order of integers is compareAsc of the dates (isAfter / isBefore)', () => {
      fc.assert(
        fc.property(datePair, ([a, b]) => {
          fc.pre(hasLocalMidnight(a) && hasLocalMidnight(b));
          const A = calendarDateOf(a);
          const B = calendarDateOf(b);
          return Math.sign(A - B) === compareAsc(parseISO(a), parseISO(b));
        }),
        runs,
      );
    });

    it('addCalendarMonths is addMonths (and addYears), and compares as its Date does', () => {
      fc.assert(
        fc.property(datePair, fc.integer({ min: -1300, max: 1300 }), ([a, b], months) => {
          fc.pre(hasLocalMidnight(a) && hasLocalMidnight(b));
          const shifted = addMonths(parseISO(a), months);
          const A = addCalendarMonths(calendarDateOf(a), months);
          // Where the day it lands on, or the last day of its month (date-fns steps through it), was
          // skipped in this zone (Pacific/Kiritimati, 1994-12-31), date-fns moves on to the next day:
          // a zone artefact, not a calendar answer (addMonths(1963-02-28, 382) there is 1995-01-01).
          const [y, m] = [Math.floor(A / 10_000), Math.floor(A / 100) % 100];
          fc.pre(existsLocally(y, m, A % 100) && existsLocally(y, m, daysInMonth(y, m)));
          const B = calendarDateOf(b);
          return A === localKey(shifted) && B > A === isAfter(parseISO(b), shifted) && B < A === isBefore(parseISO(b), shifted);
        }),
        runs,
      );
    });

    it('addCalendarDays is addDays, and daysBetweenCalendarDates is differenceInCalendarDays', () => {
      fc.assert(
        fc.property(datePair, fc.integer({ min: -40_000, max: 40_000 }), ([a, b], days) => {
          fc.pre(hasLocalMidnight(a) && hasLocalMidnight(b));
          const A = addCalendarDays(calendarDateOf(a), days);
          const [y, m] = [Math.floor(A / 10_000), Math.floor(A / 100) % 100];
          // A day the zone skipped is no calendar answer of date-fns (it lands on the next day).
          fc.pre(A > 0 && y <= 9999 && existsLocally(y, m, A % 100));
          if (A !== localKey(addDays(parseISO(a), days))) return false;
          // differenceInCalendarDays takes a zone offset through Date.UTC, which reads years 0-99 as
          // 1900-1999 (0000-02-29 becomes 1900-03-01, a day off): the integers are right there.
          if (a < '0100' || b < '0100') return true;
          return daysBetweenCalendarDates(calendarDateOf(a), calendarDateOf(b)) === differenceInCalendarDays(parseISO(a), parseISO(b));
        }),
        runs,
      );
    });

    it('monthsBetween is differenceInMonths', () => {
      fc.assert(
        fc.property(datePair, ([a, b]) => {
          fc.pre(hasLocalMidnight(a) && hasLocalMidnight(b));
          return monthsBetween(calendarDateOf(a), calendarDateOf(b)) === differenceInMonths(parseISO(a), parseISO(b));
        }),
        runs,
      );
    });

    it('yearsBetween and ageInYears are differenceInYears', () => {
      fc.assert(
        fc.property(datePair, ([a, b]) => {
          fc.pre(hasLocalMidnight(a) && hasLocalMidnight(b));
          const expected = differenceInYears(parseISO(a), parseISO(b));
          return yearsBetween(calendarDateOf(a), calendarDateOf(b)) === expected && ageInYears(b, a) === expected;
        }),
        runs,
      );
    });

    it('day numbers count calendar days, and the step-limit window is isAfter(when, subDays(on, days))', () => {
      fc.assert(
        fc.property(datePair, fc.integer({ min: 1, max: 3660 }), ([on, when], days) => {
          fc.pre(hasLocalMidnight(on) && hasLocalMidnight(when));
          const start = new Date((epochDayOf(on) - days) * 86_400_000);
          fc.pre(existsLocally(start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()));
          const inWindow = dayNumberOf(calendarDateOf(when)) > dayNumberOf(calendarDateOf(on)) - days;
          // Day numbers against Date's own UTC calendar, not date-fns differenceInCalendarDays: that is
          // a day off at 0000-02-29 (its Date.UTC reads year 0 as 1900).
          return dayNumberOf(calendarDateOf(on)) === epochDayOf(on) && inWindow === isAfter(parseISO(when), subDays(parseISO(on), days));
        }),
        runs,
      );
    });

    it('the calendar edge cases come out as date-fns has them', () => {
      const months = (later: string, earlier: string) => monthsBetween(calendarDateOf(later), calendarDateOf(earlier));
      const plus = (iso: string, n: number) => addCalendarMonths(calendarDateOf(iso), n);
      expect(plus('2023-01-31', 1)).toBe(20230228);
      expect(plus('2024-01-31', 1)).toBe(20240229);
      expect(plus('2024-02-29', 12)).toBe(20250228);
      expect(plus('1999-12-31', 1)).toBe(20000131);
      expect(plus('1960-03-31', -1)).toBe(19600229);
      expect(months('2023-02-28', '2023-01-31')).toBe(differenceInMonths(parseISO('2023-02-28'), parseISO('2023-01-31')));
      expect(months('2024-02-29', '2024-01-30')).toBe(differenceInMonths(parseISO('2024-02-29'), parseISO('2024-01-30')));
      expect(yearsBetween(calendarDateOf('2025-02-28'), calendarDateOf('2024-02-29'))).toBe(0);
      expect(yearsBetween(calendarDateOf('2025-03-01'), calendarDateOf('2024-02-29'))).toBe(1);
      expect(ageInYears('2006-03-15', '2024-03-15')).toBe(18);
      expect(ageInYears('2006-03-15', '2024-03-14')).toBe(17);
      // Not a plain calendar date: refused, naming the field (the date-fns path read it in local time).
      expect(() => ageInYears('2006-03-15T12:00:00', '2024-03-15')).toThrow(/birthDate/);
      expect(() => ageInYears('2006-02-30', '2024-03-15')).toThrow(/Applicant/);
    });
  });
}
