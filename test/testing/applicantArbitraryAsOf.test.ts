import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { applicantArbitrary, certificateEvidenceArbitrary } from '../../src/testing/index.js';
import { shiftIsoDate } from '../../src/testing/_internals/isoDates.js';

// The range of decision dates the kit draws applicants for: the oldest profile (62 years and 364
// days) is born in year 0000 or later, and a card expiring up to 5 years after asOf by 9999-12-31.
const EARLIEST = '0063-01-01';
const LATEST = '9995-01-01';

/** An ISO date `days` after 0000-01-01, 0 to 3,652,424 (9999-12-31). */
const dateAt = (days: number) => shiftIsoDate('0000-01-01', days);
const LAST_DAY = 3_652_424;

function refusal(asOf: string): ValidationError | undefined {
  try {
    applicantArbitrary({ asOf });
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  return undefined;
}

describe('applicantArbitrary draws valid applicants for every asOf it takes, and refuses the rest naming the range', () => {
  it('the range is what the test says', () => {
    expect(dateAt(LAST_DAY)).toBe('9999-12-31');
    expect(refusal(EARLIEST)).toBeUndefined();
    expect(refusal(LATEST)).toBeUndefined();
    expect(refusal(shiftIsoDate(EARLIEST, -1))).toBeDefined();
    expect(refusal(shiftIsoDate(LATEST, 1))).toBeDefined();
  });

  // Before: asOf 0010-06-01 drew birth date "0NaN-NaN-NaN" (300 of 300 draws invalid), 9999-12-31
  // expiry dates in year 10002 (226 of 300 invalid).
  it('law: on any asOf in the range (its ends weighted), every draw passes parseApplicant', () => {
    const inRange = fc.oneof(
      fc.constantFrom(EARLIEST, LATEST, shiftIsoDate(EARLIEST, 59), shiftIsoDate(LATEST, -1)),
      fc.integer({ min: 0, max: 400 }).map((d) => shiftIsoDate(EARLIEST, d)),
      fc.integer({ min: 0, max: 400 }).map((d) => shiftIsoDate(LATEST, -d)),
      fc
        .integer({ min: 0, max: LAST_DAY })
        .map(dateAt)
        .filter((d) => d >= EARLIEST && d <= LATEST),
    );
    fc.assert(
      fc.property(
        inRange.chain((asOf) => fc.tuple(fc.constant(asOf), applicantArbitrary({ asOf, maxEvidence: 4 }))),
        ([asOf, applicant]) => {
          const parsed = safeParseApplicant(applicant);
          if (!parsed.ok) throw new Error(`asOf ${asOf}: ${JSON.stringify(parsed.error.issues.slice(0, 2))}`);
          expect(applicant.asOf).toBe(asOf);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('law: any asOf outside the range is refused up front, a ValidationError at asOf naming the range', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: LAST_DAY }).map(dateAt), fc.constantFrom('0000-01-01', '0010-06-01', '0062-12-31', '9995-01-02', '9999-12-31')),
        (asOf) => {
          fc.pre(asOf < EARLIEST || asOf > LATEST);
          const e = refusal(asOf);
          expect(e?.issues).toEqual([
            expect.objectContaining({ path: ['asOf'], code: 'out_of_range', message: expect.stringContaining(`${EARLIEST} to ${LATEST}`) }),
          ]);
        },
      ),
      { seed: 20261201, numRuns: 200 },
    );
  });

  it('certificateEvidenceArbitrary refuses an asOf whose card expiry could pass 9999-12-31', () => {
    const [holder] = fc.sample(applicantArbitrary({ asOf: LATEST, maxEvidence: 0 }), { seed: 1, numRuns: 1 }) as [Applicant];
    expect(() => certificateEvidenceArbitrary({ applicant: holder, asOf: '9999-12-31' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: ['asOf'], code: 'out_of_range' })] }),
    );
    const drawn = fc.sample(certificateEvidenceArbitrary({ applicant: holder, asOf: LATEST }), { seed: 1, numRuns: 200 });
    expect(drawn.every((e) => (e.expiryDate ?? e.issueDate) <= '9999-12-31' && /^\d{4}-/.test(e.expiryDate ?? e.issueDate))).toBe(true);
  });
});
