import { differenceInYears, parseISO } from 'date-fns';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/validationError.js';
import { Applicant } from '../src/schema/applicant.js';
import { SYNTHETIC_CERTIFICATE_KINDS, SYNTHETIC_KIND_INFO, type SyntheticCertificateKind } from '../src/train/synthetic/certificateKinds.js';
import { describePopulation, type PopulationSummary } from '../src/train/synthetic/describePopulation.js';
import { generatePopulation, iteratePopulation, type SyntheticApplicantRow } from '../src/train/synthetic/generatePopulation.js';

const AS_OF = '2026-03-31';
let rows: SyntheticApplicantRow[];
let summary: PopulationSummary;

beforeAll(() => {
  rows = generatePopulation({ size: 40_000, seed: 20260331, asOf: AS_OF });
  summary = describePopulation(rows);
});

describe('generatePopulation reproduces the domain facts', () => {
  it('over 60% of applicants live in third-tier cities or below', () => {
    expect(summary.tier3OrBelowShare).toBeGreaterThan(0.6);
  });

  it('close to half (45-55%) live in the central and western regions', () => {
    expect(summary.centralAndWestShare).toBeGreaterThanOrEqual(0.45);
    expect(summary.centralAndWestShare).toBeLessThanOrEqual(0.55);
  });

  it('the three largest industries are manufacturing, construction and wholesale/retail', () => {
    expect(new Set(summary.industriesBySize.slice(0, 3))).toEqual(new Set(['manufacturing', 'construction', 'wholesale_retail']));
  });

  it('the thin-file share (no bureau record) is within the documented 38-50% band', () => {
    expect(summary.thinFileShare).toBeGreaterThanOrEqual(0.38);
    expect(summary.thinFileShare).toBeLessThanOrEqual(0.5);
  });

  it('active users make about 2 uses a day (150-210 per 3 months) of about 90 RMB (80-100) each', () => {
    expect(summary.meanUsesPer3mActive).toBeGreaterThan(150);
    expect(summary.meanUsesPer3mActive).toBeLessThan(210);
    expect(summary.meanUseRmb).toBeGreaterThan(80);
    expect(summary.meanUseRmb).toBeLessThan(100);
  });

  it('the 12-month default rate is within the stated 4-6% band', () => {
    expect(summary.defaultRate).toBeGreaterThanOrEqual(0.04);
    expect(summary.defaultRate).toBeLessThanOrEqual(0.06);
  });

  it('factory workers mostly earn 4,500-7,000 RMB a month and farmers earn less', () => {
    const factory = rows.filter((r) => r.segment === 'factory_worker').map((r) => r.applicant.income.monthlyNet / 100);
    const inBand = factory.filter((x) => x >= 4_500 && x <= 7_000).length / factory.length;
    expect(inBand).toBeGreaterThan(0.6);
    expect(summary.segments.rural_household.medianMonthlyIncomeRmb).toBeLessThan(summary.segments.factory_worker.medianMonthlyIncomeRmb);
  });

  it('farmers self-declare income more often than anyone else', () => {
    const selfDeclared = (segment: string): number => {
      const group = rows.filter((r) => r.segment === segment);
      return group.filter((r) => r.applicant.income.source === 'self_declared').length / group.length;
    };
    expect(selfDeclared('rural_household')).toBeGreaterThan(0.6);
    expect(selfDeclared('rural_household')).toBeGreaterThan(selfDeclared('established_professional'));
  });

  it('rural households are farmers in tier 3-5 cities and counties, mostly tier 5', () => {
    const rural = rows.filter((r) => r.segment === 'rural_household').map((r) => r.applicant);
    expect(rural.filter((a) => a.employment.type !== 'farmer' || a.residence.cityTier < 3)).toEqual([]);
    expect(rural.filter((a) => a.residence.cityTier === 5).length / rural.length).toBeGreaterThan(0.8);
  });

  it('new graduates have short social-insurance and housing-fund histories', () => {
    const grads = rows.filter((r) => r.segment === 'new_graduate');
    const short = grads.filter((r) => r.applicant.socialInsuranceMonths <= 36 && r.applicant.housingFundMonths <= 36).length;
    expect(short / grads.length).toBeGreaterThan(0.9);
  });

  it('the on-time repayment rate is missing exactly for never-billed users, and a few percent are', () => {
    expect(summary.neverBilledShare).toBeGreaterThan(0.01);
    expect(summary.neverBilledShare).toBeLessThan(0.15);
  });
});

describe('generatePopulation certificates carry real signal', () => {
  it('applicants with a countable certificate default less than those without', () => {
    expect(summary.withCountableCertificate.defaultRate).toBeLessThan(summary.withoutCountableCertificate.defaultRate);
  });

  it('within each segment with enough holders, countable certificates lower the default rate', () => {
    for (const segment of ['new_graduate', 'established_professional', 'gig_worker', 'factory_worker'] as const) {
      const sub = describePopulation(rows.filter((r) => r.segment === segment));
      expect(sub.withCountableCertificate.count).toBeGreaterThan(500);
      expect(sub.withCountableCertificate.defaultRate, segment).toBeLessThan(sub.withoutCountableCertificate.defaultRate);
    }
  });

  it('applicants with fraudulent evidence default more than the population', () => {
    expect(summary.withFraudulentEvidence.count).toBeGreaterThan(100);
    expect(summary.withFraudulentEvidence.defaultRate).toBeGreaterThan(summary.defaultRate);
  });

  it('a small share of items are self-declared (under 15%) and of items fraudulent (under 5%)', () => {
    expect(summary.selfDeclaredItemShare).toBeGreaterThan(0);
    expect(summary.selfDeclaredItemShare).toBeLessThan(0.15);
    expect(summary.fraudulentItemShare).toBeGreaterThan(0);
    expect(summary.fraudulentItemShare).toBeLessThan(0.05);
  });

  it('every certificate category is held by someone', () => {
    for (const share of Object.values(summary.categoryHoldingShares)) expect(share).toBeGreaterThan(0.01);
    for (const kind of SYNTHETIC_CERTIFICATE_KINDS) expect(summary.kindHoldingShares[kind], kind).toBeGreaterThan(0);
  });
});

describe('generatePopulation produces valid applicants', () => {
  it('every applicant passes Applicant.safeParse, and parsing changes nothing (defaults are filled)', () => {
    for (const r of rows.slice(0, 3_000)) {
      const parsed = Applicant.safeParse(r.applicant);
      if (!parsed.success) throw ValidationError.fromZod('Applicant', parsed.error);
      expect(parsed.data).toEqual(r.applicant);
    }
  });

  it('every applicant on the full population passes Applicant.safeParse', () => {
    let failures = 0;
    for (const r of rows) if (!Applicant.safeParse(r.applicant).success) failures += 1;
    expect(failures).toBe(0);
  });

  it('every applicant is an adult on asOf and no date except an expiry lies after asOf', () => {
    const bad: string[] = [];
    for (const r of rows) {
      const a = r.applicant;
      if (a.asOf !== AS_OF || differenceInYears(parseISO(AS_OF), parseISO(a.birthDate)) < 18) bad.push(a.id);
      if (a.employment.startDate !== undefined && a.employment.startDate > AS_OF) bad.push(a.id);
      for (const item of a.evidence) if (item.issueDate > AS_OF) bad.push(`${a.id} ${item.kind}`);
    }
    expect(bad).toEqual([]);
  });

  it('identity hashes are unique SHA-256 hex digests', () => {
    const hashes = new Set(rows.map((r) => r.applicant.identity.idHash));
    expect(hashes.size).toBe(rows.length);
  });

  it('every evidence kind is a catalog kind and every score or level is on its scale', () => {
    const kinds = new Set<string>(SYNTHETIC_CERTIFICATE_KINDS);
    const bad: string[] = [];
    for (const r of rows) {
      for (const item of r.applicant.evidence) {
        if (!kinds.has(item.kind) || !onScale(item.kind as SyntheticCertificateKind, item.score, item.level)) {
          bad.push(`${item.kind} score=${item.score} level=${item.level}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('genuine items are held by the applicant; only fraudulent items name someone else', () => {
    for (const r of rows) {
      r.applicant.evidence.forEach((item, i) => {
        if (item.holder.idHash !== r.applicant.identity.idHash) expect(r.fraudulentEvidence).toContain(i);
      });
    }
  });

  it('verified items mostly have confidence 0.7-0.99 and self-declared ones never exceed 0.5', () => {
    let verified = 0;
    let confident = 0;
    for (const r of rows) {
      for (const item of r.applicant.evidence) {
        if (item.verification.method === 'self_declared') {
          expect(item.verification.confidence).toBeLessThanOrEqual(0.5);
          continue;
        }
        verified += 1;
        if (item.verification.confidence >= 0.7 && item.verification.confidence <= 0.99) confident += 1;
      }
    }
    expect(confident / verified).toBeGreaterThan(0.9);
  });

  it('language results are mostly within two years of asOf, and some are older', () => {
    let recent = 0;
    let total = 0;
    for (const r of rows) {
      for (const item of r.applicant.evidence) {
        if (SYNTHETIC_KIND_INFO[item.kind as SyntheticCertificateKind].category !== 'language') continue;
        total += 1;
        if (item.issueDate >= '2024-03-31') recent += 1;
      }
    }
    expect(recent / total).toBeGreaterThan(0.7);
    expect(recent / total).toBeLessThan(0.95);
  });

  it('scholarships are dated during study years (ages 18 to 23)', () => {
    for (const r of rows) {
      for (const item of r.applicant.evidence) {
        if (SYNTHETIC_KIND_INFO[item.kind as SyntheticCertificateKind].category !== 'honour') continue;
        if (r.fraudulentEvidence.length > 0) continue; // a borrowed scholarship follows its real holder's age
        const age = differenceInYears(parseISO(item.issueDate), parseISO(r.applicant.birthDate));
        expect(age).toBeGreaterThanOrEqual(18);
        expect(age).toBeLessThanOrEqual(23);
      }
    }
  });
});

describe('generatePopulation is deterministic', () => {
  it('the same options give identical rows', () => {
    const a = generatePopulation({ size: 1_500, seed: 9, asOf: AS_OF });
    const b = generatePopulation({ size: 1_500, seed: 9, asOf: AS_OF });
    expect(a).toEqual(b);
  });

  it('different seeds give different populations', () => {
    const a = generatePopulation({ size: 50, seed: 1, asOf: AS_OF });
    const b = generatePopulation({ size: 50, seed: 2, asOf: AS_OF });
    expect(a.map((r) => r.applicant.income.monthlyNet)).not.toEqual(b.map((r) => r.applicant.income.monthlyNet));
  });

  it('the first n rows of a larger population equal the population of size n', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 150 }), fc.nat({ max: 60 }), (seed, n, extra) => {
        const small = generatePopulation({ size: n, seed, asOf: AS_OF });
        const large = generatePopulation({ size: n + extra, seed, asOf: AS_OF });
        expect(large.slice(0, n)).toEqual(small);
      }),
      { numRuns: 25 },
    );
  });

  it('iteratePopulation yields the same rows as generatePopulation', () => {
    const fromIterator = [...iteratePopulation({ size: 300, seed: 4, asOf: AS_OF })];
    expect(fromIterator).toEqual(generatePopulation({ size: 300, seed: 4, asOf: AS_OF }));
  });
});

describe('describePopulation', () => {
  it('summarises an empty population without throwing: size 0, NaN rates', () => {
    const empty = describePopulation([]);
    expect(empty.size).toBe(0);
    expect(empty.defaultRate).toBeNaN();
    expect(empty.tier3OrBelowShare).toBe(0);
  });

  it('gives the same summary from a generator as from the array', () => {
    const options = { size: 500, seed: 5, asOf: AS_OF };
    expect(describePopulation(iteratePopulation(options))).toEqual(describePopulation(generatePopulation(options)));
  });

  it('shares by tier, region and industry each sum to 1', () => {
    const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
    expect(sum(summary.tierShares)).toBeCloseTo(1, 9);
    expect(sum(Object.values(summary.regionShares))).toBeCloseTo(1, 9);
    expect(sum(Object.values(summary.industryShares))).toBeCloseTo(1, 9);
  });
});

describe('generatePopulation rejects bad options', () => {
  it('lists every invalid option in one ValidationError', () => {
    const bad = { size: -1, seed: 1.5, asOf: '2026-02-30x', extra: true } as unknown as Parameters<typeof generatePopulation>[0];
    try {
      generatePopulation(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const err = e as ValidationError;
      expect(err.code).toBe('validation_failed');
      expect(new Set(err.fields)).toEqual(new Set(['size', 'seed', 'asOf', 'extra']));
    }
  });

  it('iteratePopulation rejects at the call, before the first row', () => {
    expect(() => iteratePopulation({ size: 1, seed: -3, asOf: AS_OF })).toThrow(ValidationError);
  });
});

/** Whether a score or level is on the real scale of its kind. */
function onScale(kind: SyntheticCertificateKind, score: number | undefined, level: string | undefined): boolean {
  const int = (x: number | undefined, lo: number, hi: number): boolean => x !== undefined && Number.isInteger(x) && x >= lo && x <= hi;
  switch (kind) {
    case 'ielts':
      return score !== undefined && score >= 0 && score <= 9 && Number.isInteger(score * 2) && level === undefined;
    case 'toefl_ibt':
      return int(score, 0, 120);
    case 'duolingo':
      return int(score, 10, 160) && (score as number) % 5 === 0;
    case 'cet4':
    case 'cet6':
      return int(score, 0, 710);
    case 'tem8':
      return score === undefined && ['fail', 'pass', 'good', 'excellent'].includes(level ?? '');
    case 'national_computer_rank':
      return score === undefined && ['level_1', 'level_2', 'level_3', 'level_4'].includes(level ?? '');
    case 'vocational_skill_level':
      return score === undefined && ['level_1', 'level_2', 'level_3', 'level_4', 'level_5'].includes(level ?? '');
    case 'ride_hailing_rating':
      return score !== undefined && score >= 1 && score <= 5;
    case 'courier_rating':
      return score !== undefined && score >= 0 && score <= 100;
    case 'creator_followers':
      return int(score, 0, Number.MAX_SAFE_INTEGER);
    default:
      return score === undefined && level === undefined; // professional and honour items
  }
}
