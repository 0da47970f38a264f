import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { assessEvidence } from '../src/evidence/index.js';
import { EXAMPLE_AS_OF, exampleApplicants, exampleFor, exampleUploadStep, type ExampleSegment } from '../src/examples/index.js';
import { parseApplicant } from '../src/schema/parseApplicant.js';

const SEGMENTS: ExampleSegment[] = [
  'new_graduate',
  'factory_worker',
  'construction_worker',
  'retail_clerk',
  'rural_household',
  'gig_driver',
  'duplicate_certificate',
  'self_capped',
  'delinquent',
  'salaried_teacher',
  'nursing_graduate',
];

const parsed = (segment: ExampleSegment) => parseApplicant(exampleFor(segment).applicant);
const report = (segment: ExampleSegment) => assessEvidence(parsed(segment));

describe('exampleApplicants', () => {
  it('are all valid, dated 2026-11-01, with unique stable ids matching the applicant id', () => {
    const ids = exampleApplicants.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ex of exampleApplicants) {
      const a = parseApplicant(ex.applicant);
      expect(a.asOf).toBe(EXAMPLE_AS_OF);
      expect(a.id).toBe(ex.id);
      expect(ex.story).toMatch(/^\S.*\S$/);
      expect(ex.story).not.toContain('\n');
    }
  });

  it('cover every segment, each found by exampleFor', () => {
    expect(new Set(exampleApplicants.map((e) => e.segment))).toEqual(new Set(SEGMENTS));
    for (const s of SEGMENTS) expect(exampleFor(s).segment).toBe(s);
  });

  it('each names a held certificate to upload in its interactive step, and the step removes exactly that one', () => {
    for (const ex of exampleApplicants) {
      const held = ex.applicant.evidence ?? [];
      const { before, certificate } = exampleUploadStep(ex);
      expect(certificate, ex.id).toBe(held[ex.upload.index]);
      expect(before.evidence).toHaveLength(held.length - 1);
      expect(before.evidence).not.toContain(certificate);
      expect(ex.upload.shows).toMatch(/^\S.*\S$/);
    }
    expect(() => exampleUploadStep({ ...exampleFor('gig_driver'), upload: { index: 5, raisesLimit: false, shows: 'x' } })).toThrow(CreditliftError);
  });

  it('exampleFor refuses an unknown segment with a CreditliftError', () => {
    expect(() => exampleFor('astronaut' as ExampleSegment)).toThrow(CreditliftError);
  });

  it('are frozen, so one demo cannot corrupt another', () => {
    expect(Object.isFrozen(exampleApplicants)).toBe(true);
    expect(Object.isFrozen(exampleFor('gig_driver').applicant.income)).toBe(true);
  });

  it('give every applicant its own id hash, and every document its own hash outside the fraud example', () => {
    const idHashes = exampleApplicants.map((e) => e.applicant.identity.idHash);
    expect(new Set(idHashes).size).toBe(idHashes.length);
    const docs = exampleApplicants.filter((e) => e.segment !== 'duplicate_certificate').flatMap((e) => (e.applicant.evidence ?? []).map((x) => x.documentHash));
    expect(new Set(docs).size).toBe(docs.length);
  });
});

describe('each example tells its story', () => {
  it('new graduate: IELTS 6.5 and a school scholarship both accepted, short tenure, thin contributions', () => {
    const a = parsed('new_graduate');
    expect(a.employment.type).toBe('salaried');
    expect(a.socialInsuranceMonths).toBeLessThan(24);
    expect(a.evidence.find((e) => e.kind === 'ielts')?.score).toBe(6.5);
    const r = report('new_graduate');
    expect(r.items.map((i) => [i.kind, i.status])).toEqual([
      ['ielts', 'accepted'],
      ['school_scholarship', 'accepted'],
    ]);
  });

  it('factory worker: manufacturing, 5,500 RMB a month (550000 fen), no bureau file', () => {
    const a = parsed('factory_worker');
    expect(a).toMatchObject({ employment: { industry: 'manufacturing' }, income: { monthlyNet: 550_000 }, bureau: { hasFile: false } });
  });

  it('construction worker, retail clerk and rural household sit in their industries', () => {
    expect(parsed('construction_worker').employment.industry).toBe('construction');
    expect(parsed('retail_clerk').employment.industry).toBe('wholesale_retail');
    expect(parsed('rural_household')).toMatchObject({ employment: { type: 'farmer' }, residence: { cityTier: 5 } });
    expect(report('retail_clerk').summary.byCategory.professional.count).toBe(1);
  });

  it('gig driver: a 4.9 ride-hailing rating, accepted as gig evidence', () => {
    const r = report('gig_driver');
    expect(parsed('gig_driver').evidence[0]).toMatchObject({ kind: 'ride_hailing_rating', score: 4.9 });
    expect(r.summary.byCategory.gig.count).toBe(1);
  });

  it('duplicate certificate: flagged as a fraud signal, the first upload kept', () => {
    const r = report('duplicate_certificate');
    expect(r.summary.duplicateDetected).toBe(true);
    expect(r.items.map((i) => i.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(r.items[1]?.reasons).toContain('duplicate_document');
    expect(r.items[2]?.reasons).toContain('duplicate_credential');
  });

  it('self-capped: a self-set cap is present', () => {
    expect(parsed('self_capped').controls.selfSetCap).toBeGreaterThan(0);
  });

  it('delinquent: days past due today', () => {
    expect(parsed('delinquent').bureau.currentDaysPastDue).toBeGreaterThan(0);
  });

  it('salaried teacher: teacher qualification accepted', () => {
    const r = report('salaried_teacher');
    expect(r.items[0]).toMatchObject({ kind: 'teacher_qualification', status: 'accepted' });
    expect(parsed('salaried_teacher').employment.industry).toBe('education');
  });

  it('no example with evidence has an accidental rejection, except the fraud one', () => {
    for (const ex of exampleApplicants) {
      if (ex.segment === 'duplicate_certificate') continue;
      expect(assessEvidence(parseApplicant(ex.applicant)).summary.rejectedCount).toBe(0);
    }
  });
});
