import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { ageInYears } from '../../src/policy/ageInYears.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import type { Applicant } from '../../src/schema/applicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';
import {
  APPLICANT_SEGMENTS,
  applicantArbitrary,
  certificateEvidenceArbitrary,
  evidenceRejectionReasons,
  policyConfigArbitrary,
  type InvalidEvidence,
} from '../../src/testing/index.js';
import { PolicyConfig } from '../../src/policy/policyConfig.js';

const withItem = (a: Applicant, e: CertificateEvidence): Applicant => ({ ...a, evidence: [...a.evidence, e] });
const applicantWith = (validity: 'valid' | InvalidEvidence) =>
  applicantArbitrary({ maxEvidence: validity === 'duplicate' ? 3 : 2 })
    .filter((a) => validity !== 'duplicate' || a.evidence.length > 0)
    .chain((a) => certificateEvidenceArbitrary({ applicant: a, validity }).map((e) => ({ a, e })));

describe('applicantArbitrary', () => {
  it.each(APPLICANT_SEGMENTS)('every %s applicant passes parseApplicant unchanged (defaults already filled)', (segment) => {
    fc.assert(
      fc.property(applicantArbitrary({ segment }), (a) => {
        expect(parseApplicant(a)).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });

  it('money is integer fen and every date lies on or before asOf, relative to the asOf given', () => {
    fc.assert(
      fc.property(applicantArbitrary({ asOf: '2031-02-28' }), (a) => {
        expect(a.asOf).toBe('2031-02-28');
        for (const fen of [a.income.monthlyNet, a.household.monthlyEssentialSpending, a.platform.currentLimit, a.bureau.otherConsumerCreditBalance]) {
          expect(Number.isSafeInteger(fen)).toBe(true);
        }
        expect(a.birthDate <= a.asOf).toBe(true);
        expect((a.employment.startDate ?? a.asOf) <= a.asOf).toBe(true);
        for (const e of a.evidence) expect(e.issueDate <= a.asOf).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('ages stay inside the segment: new graduates are 21 to 27 on asOf', () => {
    fc.assert(
      fc.property(applicantArbitrary({ segment: 'new_graduate' }), (a) => {
        const age = ageInYears(a.birthDate, a.asOf);
        expect(age).toBeGreaterThanOrEqual(21);
        expect(age).toBeLessThanOrEqual(27);
      }),
      { numRuns: 100 },
    );
  });

  it('every certificate a drawn applicant carries is accepted by assessEvidence', () => {
    fc.assert(
      fc.property(applicantArbitrary({ maxEvidence: 4 }), (a) => {
        for (const item of assessEvidence(a).items) expect(item).toMatchObject({ status: 'accepted', reasons: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('the same seed draws the same applicants (deterministic)', () => {
    const draw = () => fc.sample(applicantArbitrary(), { seed: 42, numRuns: 20 });
    expect(JSON.stringify(draw())).toBe(JSON.stringify(draw()));
  });

  it('bad options are a ValidationError naming each one', () => {
    const bad = () => applicantArbitrary({ segment: 'astronaut' as never, asOf: '2026-13-01', maxEvidence: -1 });
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (e) {
      expect((e as ValidationError).fields).toEqual(['asOf', 'segment', 'maxEvidence']);
    }
  });
});

describe('certificateEvidenceArbitrary', () => {
  it('valid evidence is accepted by assessEvidence', () => {
    fc.assert(
      fc.property(applicantWith('valid'), ({ a, e }) => {
        expect(parseApplicant(withItem(a, e)).evidence.at(-1)).toEqual(e);
        const item = assessEvidence(withItem(a, e)).items.at(-1);
        expect(item).toMatchObject({ status: 'accepted', reasons: [] });
        expect(item?.strength).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it.each(['expired', 'off_scale', 'below_useful_level', 'duplicate', 'holder_mismatch'] as const)(
    '%s evidence is rejected with its reason code and no other',
    (validity) => {
      fc.assert(
        fc.property(applicantWith(validity), ({ a, e }) => {
          const applicant = parseApplicant(withItem(a, e));
          const item = assessEvidence(applicant).items.at(-1);
          expect(item?.status).toBe('rejected');
          expect(item?.reasons.length).toBeGreaterThan(0);
          for (const r of item?.reasons ?? []) expect(evidenceRejectionReasons[validity]).toContain(r);
          // A rejected item never disturbs the ones before it.
          for (const earlier of assessEvidence(applicant).items.slice(0, -1)) expect(earlier.status).toBe('accepted');
        }),
        { numRuns: 100 },
      );
    },
  );

  it('a kind can be pinned: every IELTS draw is IELTS, on the half-band grid from 0 to 9', () => {
    fc.assert(
      fc.property(
        applicantArbitrary({ segment: 'new_graduate', maxEvidence: 0 }).chain((a) => certificateEvidenceArbitrary({ applicant: a, kind: 'ielts' })),
        (e) => {
          expect(e.kind).toBe('ielts');
          expect(Number.isInteger((e.score ?? -1) * 2)).toBe(true);
          expect(e.score).toBeGreaterThanOrEqual(0);
          expect(e.score).toBeLessThanOrEqual(9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("'any' mixes valid and invalid draws, each judged by assessEvidence without a crash", () => {
    const statuses = new Set<string>();
    fc.assert(
      fc.property(
        applicantArbitrary({ maxEvidence: 2 }).chain((a) => certificateEvidenceArbitrary({ applicant: a, validity: 'any' }).map((e) => ({ a, e }))),
        ({ a, e }) => {
          const item = assessEvidence(parseApplicant(withItem(a, e))).items.at(-1);
          statuses.add(item?.status ?? 'missing');
        },
      ),
      { numRuns: 100, seed: 7 },
    );
    expect([...statuses].sort()).toEqual(['accepted', 'rejected']);
  });

  it('impossible requests are a ValidationError, not a crash: unknown kind, nothing to duplicate, off-scale pass/fail kind, too young', () => {
    const [a] = fc.sample(applicantArbitrary({ segment: 'new_graduate', maxEvidence: 0 }), { seed: 1, numRuns: 1 }) as [Applicant];
    expect(() => certificateEvidenceArbitrary({ applicant: a, kind: 'astronaut_licence' })).toThrow(ValidationError);
    expect(() => certificateEvidenceArbitrary({ applicant: a, validity: 'duplicate' })).toThrow(ValidationError);
    expect(() => certificateEvidenceArbitrary({ applicant: a, kind: 'cpa', validity: 'off_scale' })).toThrow(ValidationError);
    // A pass/fail kind, and a levelled one with no level valued 0 (computer rank), have no result below the useful level.
    expect(() => certificateEvidenceArbitrary({ applicant: a, kind: ['cpa', 'national_computer_rank'], validity: 'below_useful_level' })).toThrow(
      ValidationError,
    );
    expect(() => certificateEvidenceArbitrary({ applicant: { ...a, birthDate: '2020-01-01' }, kind: 'cpa' })).toThrow(ValidationError);
  });
});

describe('policyConfigArbitrary (re-exported)', () => {
  it('every drawn policy is a valid PolicyConfig', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), (p) => PolicyConfig.safeParse(p).success),
      { numRuns: 200 },
    );
  });
});
