// The playground dates a certificate the person adds 30 days before the decision date. It did that
// with date-fns on local midnights, so the server's TZ changed the answer: an outside tester got,
// under TZ=Pacific/Kiritimati (which skipped 1994-12-31), "asOf must be a calendar date" for
// asOf 1994-12-31 and an issue date 29 days back (1995-01-01) for 1995-01-30.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { calendarDateOf, isoOfCalendarDate } from '../../src/dates/calendarDate.js';
import { calendarDateOfDayNumber } from '../../src/dates/calendarDateOfDayNumber.js';
import { dayNumberOf, dayNumberOfParts } from '../../src/dates/dayNumber.js';
import { playgroundCertificate } from '../../src/playground/playgroundApi.js';
import { inTimeZone, UNUSUAL_TIME_ZONES } from '../../src/testing/_internals/inTimeZone.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

const idHash = 'a'.repeat(64);
const issueDateOf = (asOf: string): string =>
  playgroundCertificate({ kind: 'ielts', score: 7, method: 'issuer_api', confidence: 0.95, idHash, asOf, seq: 1 }, defaultCatalog).issueDate;

const ZONES = ['UTC', ...UNUSUAL_TIME_ZONES, 'Pacific/Apia', 'America/New_York'];

describe('playground certificate dates', () => {
  it('the days Kiritimati and Apia skipped: the same issue date, 30 days back, as in UTC', () => {
    for (const zone of ZONES) {
      expect(
        inTimeZone(zone, () => issueDateOf('1994-12-31')),
        zone,
      ).toBe('1994-12-01');
      expect(
        inTimeZone(zone, () => issueDateOf('1995-01-30')),
        zone,
      ).toBe('1994-12-31');
      expect(
        inTimeZone(zone, () => issueDateOf('2012-01-29')),
        zone,
      ).toBe('2011-12-30');
    }
  });

  it('law: for any calendar date and zone, the certificate is issued exactly 30 days before asOf', () => {
    // Every year 0000-9999, weighted to the last century and this one.
    const day = fc
      .oneof(
        fc.integer({ min: dayNumberOfParts(0, 1, 31), max: dayNumberOfParts(9999, 12, 31) }),
        fc.integer({ min: dayNumberOfParts(1900, 1, 1), max: dayNumberOfParts(2100, 1, 1) }),
      )
      .map((n) => isoOfCalendarDate(calendarDateOfDayNumber(n)));
    fc.assert(
      fc.property(day, fc.constantFrom(...ZONES), (asOf, zone) => {
        const issued = inTimeZone(zone, () => issueDateOf(asOf));
        expect(dayNumberOf(calendarDateOf(asOf)) - dayNumberOf(calendarDateOf(issued))).toBe(30);
      }),
      { seed: 20_261_130, numRuns: 200 },
    );
  });

  it('an asOf within 30 days of 0000-01-01 is refused out_of_range at asOf (no YYYY-MM-DD spells the issue date)', () => {
    expect(issueDateOf('0000-01-31')).toBe('0000-01-01');
    const e = validationErrorOf(() => issueDateOf('0000-01-30'));
    expect(e.issues.map((i) => `${i.path.join('.')} ${i.code}`)).toEqual(['asOf out_of_range']);
  });
});
