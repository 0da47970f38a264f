import { addYears } from 'date-fns/addYears';
import { isAfter } from 'date-fns/isAfter';
import { isBefore } from 'date-fns/isBefore';
import { parseISO } from 'date-fns/parseISO';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateOf } from '../../src/dates/calendarDate.js';
import { checkApplicantRules } from '../../src/schema/applicantRules.js';
import { IsoDate } from '../../src/schema/primitives.js';

const SEED = 20_261_128;

// ISO dates around the rules' edges: leap days, month and year ends, 120 years apart, far apart.
const isoDate = fc
  .oneof(
    fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2200, 11, 31)), noInvalidDate: true }),
    fc.constantFrom(
      ...['1906-02-28', '1906-03-01', '1904-02-29', '2024-02-29', '2026-02-28', '2026-12-31', '2027-01-01'].map((d) => new Date(`${d}T00:00:00Z`)),
    ),
  )
  .map((d) => d.toISOString().slice(0, 10));

/** The rules as they were written with date-fns on local midnights (right wherever every midnight exists, as in UTC). */
function dateFnsReference(a: { asOf: string; birthDate: string; startDate: string; issueDate: string; expiryDate: string }): string[] {
  const [asOf, birth, start, issued, expires] = [a.asOf, a.birthDate, a.startDate, a.issueDate, a.expiryDate].map((d) => parseISO(d)) as Date[];
  const codes: string[] = [];
  if (isAfter(birth as Date, asOf as Date)) codes.push('birth_date_after_as_of');
  else if (isBefore(birth as Date, addYears(asOf as Date, -120))) codes.push('birth_date_implausible');
  if (isAfter(start as Date, asOf as Date)) codes.push('employment_start_after_as_of');
  if (isBefore(start as Date, birth as Date)) codes.push('employment_start_before_birth');
  if (isBefore(expires as Date, issued as Date)) codes.push('expiry_before_issue');
  return codes;
}

describe('applicant rules on calendar dates', () => {
  it('law: every cross-field date rule gives the date-fns answer (process time zone: UTC in CI)', () => {
    fc.assert(
      fc.property(fc.record({ asOf: isoDate, birthDate: isoDate, startDate: isoDate, issueDate: isoDate, expiryDate: isoDate }), (d) => {
        const codes: string[] = [];
        checkApplicantRules(
          { asOf: d.asOf, birthDate: d.birthDate, employment: { startDate: d.startDate }, evidence: [{ issueDate: d.issueDate, expiryDate: d.expiryDate }] },
          (_path, code) => codes.push(code),
        );
        expect(codes).toEqual(dateFnsReference(d));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('law: every date the IsoDate schema accepts reads as a calendar date', () => {
    fc.assert(
      fc.property(isoDate, fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), (valid, any) => {
        expect(Number.isNaN(calendarDateOf(valid))).toBe(false);
        if (IsoDate.safeParse(any).success) expect(Number.isNaN(calendarDateOf(any))).toBe(false);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
