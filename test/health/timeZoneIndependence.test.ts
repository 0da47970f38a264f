// The budget assistant and the monitor read calendar dates (`YYYY-MM-DD`, or a timestamp's own
// day), so nothing they answer may move with the server's TZ setting. date-fns on local midnights
// did: in Pacific/Kiritimati, which skipped 1994-12-31 entirely, December 1994 had 1 day, its 31st
// fell in January's monitor period, and a monthly payment's next date moved a month.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, monthLabel } from '../../src/health/yearMonth.js';
import { detectRecurring } from '../../src/health/recurringPayments.js';
import { periodOf } from '../../src/monitor/monitorPeriod.js';
import { inTimeZone, UNUSUAL_TIME_ZONES } from '../../src/testing/_internals/inTimeZone.js';

const ZONES = [...UNUSUAL_TIME_ZONES, 'America/Santiago', 'Asia/Beirut', 'America/Havana'];

const day = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 0, 1) / 86_400_000 })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

/** Everything these modules answer about one day, as text. */
function answersFor(d: string): string {
  const month = d.slice(0, 7);
  const payments = (cadenceDays: number) =>
    detectRecurring({
      asOf: d,
      transactions: [3, 2, 1].map((k) => ({
        id: `t${k}`,
        time: `${new Date(Date.parse(`${d}T12:00:00Z`) - k * cadenceDays * 86_400_000).toISOString().slice(0, 10)}T12:00:00+08:00`,
        amount: 3_000,
        merchant: 'Gym',
        category: 'entertainment' as const,
      })),
    }).map((p) => `${p.cadence} ${p.lastDate} ${p.nextExpectedDate} ${p.active}`);
  return JSON.stringify([periodOf(d, 'week'), periodOf(d, 'month'), daysInMonth(month), monthLabel(month), payments(7), payments(30)]);
}

describe('health and monitor dates do not depend on the process time zone', () => {
  it('the day Kiritimati skipped (1994-12-31): same answers as in UTC', () => {
    for (const d of ['1994-12-31', '1994-12-01', '1994-11-30']) {
      const utc = inTimeZone('UTC', () => answersFor(d));
      expect(
        inTimeZone('Pacific/Kiritimati', () => answersFor(d)),
        d,
      ).toBe(utc);
    }
    expect(inTimeZone('Pacific/Kiritimati', () => daysInMonth('1994-12'))).toBe(31);
    expect(inTimeZone('Pacific/Kiritimati', () => periodOf('1994-12-31', 'month'))).toBe('1994-12');
  });

  it('law: for any day and zone, periods, month lengths and labels, and recurring payments equal the UTC answers', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...ZONES), (d, zone) => {
        expect(inTimeZone(zone, () => answersFor(d))).toBe(inTimeZone('UTC', () => answersFor(d)));
      }),
      { seed: 20_261_129, numRuns: 300 },
    );
  });
});
