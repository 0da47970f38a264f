import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateOf, isoOfCalendarDate } from '../../src/dates/calendarDate.js';
import { calendarDateOfDayNumber } from '../../src/dates/calendarDateOfDayNumber.js';
import { dayNumberOf } from '../../src/dates/dayNumber.js';

const dayNumber = fc.integer({ min: Date.UTC(1, 0, 1) / 86_400_000, max: Date.UTC(9999, 11, 31) / 86_400_000 });

describe('calendarDateOfDayNumber and isoOfCalendarDate', () => {
  it('law: the day n days after 1970-01-01 is the UTC date of n * 86,400,000 ms, and dayNumberOf inverts it', () => {
    fc.assert(
      fc.property(dayNumber, (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        const date = calendarDateOfDayNumber(n);
        expect(isoOfCalendarDate(date)).toBe(iso);
        expect(calendarDateOf(iso)).toBe(date);
        expect(dayNumberOf(date)).toBe(n);
      }),
      { seed: 20_261_129, numRuns: 2_000 },
    );
  });

  it('law: stepping by days is date-fns addDays then format (in UTC, where every midnight exists)', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 0, 1) / 86_400_000 }),
          fc.integer({ min: -400, max: 400 }),
          (n, k) => {
            const iso = isoOfCalendarDate(calendarDateOfDayNumber(n));
            expect(isoOfCalendarDate(calendarDateOfDayNumber(dayNumberOf(calendarDateOf(iso)) + k))).toBe(format(addDays(parseISO(iso), k), 'yyyy-MM-dd'));
          },
        ),
        { seed: 20_261_129, numRuns: 1_000 },
      );
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('edges: the epoch, leap days, century years', () => {
    expect(calendarDateOfDayNumber(0)).toBe(19_700_101);
    expect(calendarDateOfDayNumber(-1)).toBe(19_691_231);
    expect(isoOfCalendarDate(calendarDateOfDayNumber(dayNumberOf(20_000_228) + 1))).toBe('2000-02-29');
    expect(isoOfCalendarDate(calendarDateOfDayNumber(dayNumberOf(19_000_228) + 1))).toBe('1900-03-01');
    expect(isoOfCalendarDate(calendarDateOf('0099-01-05'))).toBe('0099-01-05');
  });
});
