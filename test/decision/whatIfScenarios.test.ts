import { addYears } from 'date-fns/addYears';
import { isBefore } from 'date-fns/isBefore';
import { parseISO } from 'date-fns/parseISO';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tooYoungOn, yearsBetween } from '../../src/decision/whatIfScenarios.js';

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** Calendar dates from 1900 to 2100, weighted towards the edges: leap days, month and year ends. */
const dateArb = fc.oneof(
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map(iso),
  fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom('-02-28', '-02-29', '-03-01', '-12-31', '-01-01')).map(([y, md]) => {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}${md === '-02-29' && !leap ? '-02-28' : md}`;
  }),
);

/** The check as assessEvidence makes it, by date-fns. */
const byDateFns = (birth: string, asOf: string, minAge: number) => isBefore(parseISO(asOf), addYears(parseISO(birth), minAge));

describe('what-if plausible-age check', () => {
  it(`law: the check from calendar years equals date-fns' isBefore(asOf, addYears(birth, minAge)) (TZ=${process.env.TZ ?? 'local'})`, () => {
    let byYears = 0;
    fc.assert(
      fc.property(dateArb, dateArb, fc.integer({ min: 0, max: 100 }), (birth, asOf, minAge) => {
        const years = yearsBetween(birth, asOf);
        if (years !== undefined && years !== minAge) byYears++;
        expect(tooYoungOn(birth, asOf, minAge)).toBe(byDateFns(birth, asOf, minAge));
      }),
      { numRuns: 2000, seed: 2026_1128 },
    );
    // Ages near the minimum, where the shortcut decides on the other side of the birthday year.
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: -1, max: 1 }), dateArb, (birth, minAge, off, day) => {
        const asOf = `${Number(birth.slice(0, 4)) + minAge + off}${day.slice(4)}`;
        if (!/^\d{4}-/.test(asOf) || Number.isNaN(parseISO(asOf).getTime())) return;
        expect(tooYoungOn(birth, asOf, minAge)).toBe(byDateFns(birth, asOf, minAge));
      }),
      { numRuns: 2000, seed: 2026_1129 },
    );
    expect(byYears).toBeGreaterThan(1000);
  });

  it('reads years only from ISO calendar dates; anything else goes to date-fns', () => {
    expect(yearsBetween('2000-02-29', '2026-11-01')).toBe(26);
    expect(yearsBetween('20000-02-29', '2026-11-01')).toBeUndefined();
    expect(yearsBetween('2000/02/29', '2026-11-01')).toBeUndefined();
    expect(yearsBetween('0999-01-01', '2026-11-01')).toBeUndefined();
    expect(tooYoungOn('2008-02-29', '2026-02-28', 18)).toBe(byDateFns('2008-02-29', '2026-02-28', 18));
  });
});
