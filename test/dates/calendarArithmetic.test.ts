import { addMonths } from 'date-fns/addMonths';
import { differenceInYears } from 'date-fns/differenceInYears';
import { isBefore } from 'date-fns/isBefore';
import { parseISO } from 'date-fns/parseISO';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../../src/dates/addCalendarMonths.js';
import { calendarDateOf } from '../../src/dates/calendarDate.js';
import { ageInYears } from '../../src/policy/ageInYears.js';
import { describeCalendarLaws } from '../helpers/calendarLaws.js';

// The integer calendar functions equal date-fns (the reference) in the zones the product runs in:
// China's, a US one with DST, and UTC. test/deep/calendarLaws.test.ts runs more cases and zones.
for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York']) describeCalendarLaws(zone, 400);

describe('decisions no longer depend on the process time zone', () => {
  it('a birthday on a day Shanghai skipped midnight: date-fns in that zone was a year off, the integers are not', () => {
    const saved = process.env.TZ;
    try {
      const age = () => ageInYears('1949-05-01', '2026-05-01');
      process.env.TZ = 'UTC';
      const inUtc = differenceInYears(parseISO('2026-05-01'), parseISO('1949-05-01'));
      expect(inUtc).toBe(77);
      expect(age()).toBe(77);
      process.env.TZ = 'Asia/Shanghai';
      // What the code did before: date-fns on local midnights, 1949-05-01 00:00 never happened there.
      expect(differenceInYears(parseISO('2026-05-01'), parseISO('1949-05-01'))).toBe(76);
      expect(age()).toBe(77);
      // The same for a certificate's plausible-age check: issued on the 16th birthday is not "before" it.
      expect(isBefore(parseISO('1956-06-01'), addMonths(parseISO('1940-06-01'), 12 * 16))).toBe(true);
      expect(calendarDateOf('1956-06-01') < addCalendarMonths(calendarDateOf('1940-06-01'), 12 * 16)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
