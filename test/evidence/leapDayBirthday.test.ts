// Someone born on 29 February turns 18 on 1 March of a common year, as the age knock-out counts
// (date-fns differenceInYears). The certificate plausibility check took addYears' 28 February, so a
// tour-guide licence (holder at least 18) issued on 2026-02-28 to someone born 2008-02-29 was
// accepted while the same person was declined as 17 that day (findings21 money-dates 2).
import { differenceInYears } from 'date-fns/differenceInYears';
import { parseISO } from 'date-fns/parseISO';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthdayAt } from '../../src/dates/birthdayAt.js';
import { calendarDateOf, isoOfCalendarDate } from '../../src/dates/calendarDate.js';
import { addCalendarDays } from '../../src/dates/addCalendarDays.js';
import { yearsBetween } from '../../src/dates/yearsBetween.js';
import { assessEvidence } from '../../src/evidence/index.js';
import { exampleFor } from '../../src/examples/index.js';
import { ageInYears } from '../../src/policy/ageInYears.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';

const base = parseApplicant(exampleFor('new_graduate').applicant);
const licence = (issueDate: string): CertificateEvidence => ({
  kind: 'tour_guide_licence',
  issuer: 'China National Tourism Administration',
  credentialId: 'TG-1',
  holder: { idHash: base.identity.idHash },
  issueDate,
  verification: { method: 'issuer_api', confidence: 0.95 },
  documentHash: 'a'.repeat(64),
});
const statusOf = (birthDate: string, issueDate: string, asOf = '2026-06-01') =>
  assessEvidence({ ...base, birthDate, asOf, evidence: [licence(issueDate)] }).items[0];

describe('a 29 February birthday is the same day for certificates as for the age rule', () => {
  it('a licence issued on 2026-02-28 to someone born 2008-02-29 (17 that day) is refused; on 1 March it is accepted', () => {
    expect(ageInYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(statusOf('2008-02-29', '2026-02-28')).toMatchObject({ status: 'rejected', reasons: ['issued_before_plausible_age'] });
    expect(statusOf('2008-02-29', '2026-03-01')).toMatchObject({ status: 'accepted' });
  });

  it('property: a day is on or after birthdayAt(birth, n) exactly when date-fns counts n full years', () => {
    const day = fc.integer({ min: 0, max: 60_000 }).map((d) => addCalendarDays(calendarDateOf('1900-01-01'), d));
    const leapBirth = fc.integer({ min: 0, max: 40 }).map((k) => calendarDateOf(`${1904 + 4 * k}-02-29`));
    fc.assert(
      fc.property(fc.oneof(day, leapBirth), fc.integer({ min: 1, max: 100 }), fc.integer({ min: -3, max: 3 }), (birth, years, offset) => {
        const at = birthdayAt(birth, years);
        const probe = addCalendarDays(at, offset);
        expect(yearsBetween(probe, birth) >= years).toBe(offset >= 0);
        expect(differenceInYears(parseISO(isoOfCalendarDate(at)), parseISO(isoOfCalendarDate(birth)))).toBe(years);
      }),
      { seed: 20261130, numRuns: 400 },
    );
  });
});
