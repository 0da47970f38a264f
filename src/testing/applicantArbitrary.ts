import { everyKeyOf } from '../errors/argumentIssues.js';
import { readOptionsOrRefuse } from '../errors/readOptions.js';
import fc from 'fast-check';
import type { CertificateKindSpecInput } from '../catalog/certificateKindSpec.js';
import { defaultCatalog, type Catalog } from '../catalog/resolveCatalog.js';
import { DEFAULT_MIN_CONFIDENCE, sameCredential } from '../evidence/assessEvidence.js';
import { ValidationError } from '../errors/validationError.js';
import type { Applicant } from '../schema/applicant.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';
import { IsoDate } from '../schema/primitives.js';
import { APPLICANT_SEGMENTS, type ApplicantSegment } from './applicantSegment.js';
import { certificateEvidenceArbitrary } from './certificateEvidenceArbitrary.js';
import { catalogOption } from './_internals/catalogOption.js';
import { sha256HexArbitrary } from './_internals/hexDigest.js';
import { drawableAsOfIssue } from './_internals/drawableAsOf.js';
import { addYearsToIsoDate, shiftIsoDate } from './_internals/isoDates.js';
import { FEN_PER_RMB, rmbAsFen } from './_internals/money.js';
import { ESSENTIALS_RMB_BY_TIER, segmentProfiles, type SegmentProfile } from './_internals/segmentProfiles.js';

/** The decision date drawn applicants default to: a fixed date, never the clock. */
export const DEFAULT_ARBITRARY_AS_OF = '2026-11-01';

/** Options of {@link applicantArbitrary}. */
export interface ApplicantArbitraryOptions {
  /** Segment(s) to draw from; default all of {@link APPLICANT_SEGMENTS}. */
  readonly segment?: ApplicantSegment | readonly ApplicantSegment[];
  /**
   * Decision date; every date is drawn relative to it. Default {@link DEFAULT_ARBITRARY_AS_OF}.
   * From 0063-01-01 to 9995-01-01: the oldest segment's birth dates need 62 years before it, and
   * card expiries up to 5 years after it, inside the years 0000 to 9999.
   */
  readonly asOf?: string;
  /** Most valid certificates per applicant (0 to 50); default 2. They are drawn from the segment's usual kinds. */
  readonly maxEvidence?: number;
  /**
   * Catalog the evidence is drawn from and valid against, as `createScorer({ catalog })` takes it:
   * a catalog from `resolveCatalog`, or the array of kind specs to add or override in the default
   * one. Default the default catalog. Its own kinds (new, or overriding a built-in one) are drawn
   * for every segment, as often as the segment's usual built-in kinds together; built-in kinds it
   * lacks are not drawn. Anything else, or an invalid kind, is refused at `catalog`.
   */
  readonly catalog?: Catalog | readonly CertificateKindSpecInput[];
  /** The scorer's `minConfidence` (0 to 1): the evidence is verified at least this confidently, so that scorer accepts it. Default 0.6. */
  readonly minConfidence?: number;
}

// Rare but real values (arrears, a requested limit, a self-set cap, an existing line) are drawn
// often enough for a property test to meet them within a few dozen runs.
const sometimes = <T>(arb: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq });

const names = ['Lin Xiaoyu', 'Wang Fang', 'Zhang Wei', 'Li Na', 'Liu Yang', 'Chen Jing', 'Zhao Lei', 'Huang Min'];
const regions = ['east', 'central', 'west', 'northeast'] as const;

function without<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function bureauArbitrary(): fc.Arbitrary<Applicant['bureau']> {
  const noFile = fc.constant<Applicant['bureau']>({ hasFile: false, currentDaysPastDue: 0, otherConsumerCreditBalance: 0, otherMonthlyDebtService: 0 });
  const withFile = fc
    .record({
      enquiries6m: sometimes(fc.integer({ min: 0, max: 12 }), 6),
      delinquencies24m: sometimes(fc.integer({ min: 0, max: 4 }), 6),
      currentDaysPastDue: fc.oneof({ arbitrary: fc.constant(0), weight: 9 }, { arbitrary: fc.integer({ min: 1, max: 120 }), weight: 1 }),
      otherConsumerCreditBalance: fc.oneof(fc.constant(0), rmbAsFen(0, 80_000), rmbAsFen(150_000, 220_000)),
      otherMonthlyDebtService: fc.oneof(fc.constant(0), rmbAsFen(0, 4_000)),
    })
    .map((b) => without({ hasFile: true, ...b }) as Applicant['bureau']);
  return fc.oneof(noFile, withFile);
}

function platformArbitrary(): fc.Arbitrary<Applicant['platform']> {
  return fc
    .record({
      accountAgeMonths: fc.integer({ min: 0, max: 120 }),
      transactions3m: fc.integer({ min: 0, max: 600 }),
      averageUseRmb: fc.integer({ min: 10, max: 300 }),
      onTime: fc.integer({ min: 60, max: 100 }),
      currentLimit: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 5, max: 500 }).map((h) => h * 100 * FEN_PER_RMB),
      ),
      usedShare: fc.integer({ min: 0, max: 100 }),
      // This lender's other lines count against the per-borrower cap; near the cap is where it bites.
      otherLinesLimit: sometimes(fc.oneof(rmbAsFen(0, 50_000), rmbAsFen(180_000, 210_000))),
    })
    .map((p) => {
      const billed = p.transactions3m > 0 && p.accountAgeMonths > 0;
      return without({
        accountAgeMonths: p.accountAgeMonths,
        transactions3m: p.transactions3m,
        transactionAmount3m: p.transactions3m * p.averageUseRmb * FEN_PER_RMB,
        onTimeRepaymentRate: billed ? p.onTime / 100 : undefined,
        currentLimit: p.currentLimit,
        currentBalance: Math.floor((p.currentLimit * p.usedShare) / 100),
        otherLinesLimit: p.otherLinesLimit,
      }) as Applicant['platform'];
    });
}

function controlsArbitrary(): fc.Arbitrary<Applicant['controls']> {
  return fc
    .record({
      requestedLimit: sometimes(fc.integer({ min: 10, max: 1_000 }).map((h) => h * 100 * FEN_PER_RMB)),
      // People type caps in whole yuan, not in hundreds, so the cap is often off the rounding step.
      selfSetCap: sometimes(rmbAsFen(0, 60_000)),
    })
    .map((c) => without(c) as Applicant['controls']);
}

function segmentApplicant(segment: ApplicantSegment, profile: SegmentProfile, asOf: string): fc.Arbitrary<Applicant> {
  return fc
    .record({
      serial: fc.nat({ max: 999_999 }),
      age: fc.integer({ min: profile.ageYears[0], max: profile.ageYears[1] }),
      daysPastBirthday: fc.integer({ min: 0, max: 364 }),
      idHash: sha256HexArbitrary(),
      name: sometimes(fc.constantFrom(...names), 2),
      type: fc.constantFrom(...profile.employment),
      industry: fc.constantFrom(...profile.industries),
      tenureMonths: sometimes(fc.integer({ min: profile.tenureMonths[0], max: profile.tenureMonths[1] }), 8),
      income: rmbAsFen(profile.incomeRmb[0], profile.incomeRmb[1]),
      source: fc.constantFrom(...profile.incomeSources),
      contributionMonths: fc.integer({ min: profile.contributionMonths[0], max: profile.contributionMonths[1] }),
      housingFundShare: fc.integer({ min: 0, max: 100 }),
      cityTier: fc.constantFrom(...profile.cityTiers),
      region: fc.constantFrom(...regions),
      bureau: bureauArbitrary(),
      platform: platformArbitrary(),
      dependants: fc.integer({ min: 0, max: 4 }),
      essentialsPercent: fc.integer({ min: 70, max: 150 }),
      controls: controlsArbitrary(),
    })
    .map((d): Applicant => {
      const birthDate = shiftIsoDate(addYearsToIsoDate(asOf, -d.age), -d.daysPastBirthday);
      // Working life starts at 16: a start date is never before then, nor after asOf.
      const maxTenureDays = Math.max(0, (d.age - 16) * 365);
      const startDate = d.tenureMonths === undefined ? undefined : shiftIsoDate(asOf, -Math.min(maxTenureDays, d.tenureMonths * 30));
      const maxContribution = Math.min(600, Math.max(0, (d.age - 16) * 12));
      const contributions = Math.min(maxContribution, d.contributionMonths);
      const [single, perDependant] = ESSENTIALS_RMB_BY_TIER[d.cityTier - 1] ?? [2_300, 850];
      const essentialsRmb = Math.round(((single + perDependant * d.dependants) * d.essentialsPercent) / 100);
      return {
        id: `prop-${segment}-${d.serial}`,
        asOf,
        birthDate,
        identity: d.name === undefined ? { idHash: d.idHash } : { idHash: d.idHash, name: d.name },
        employment: startDate === undefined ? { type: d.type, industry: d.industry } : { type: d.type, industry: d.industry, startDate },
        income: { monthlyNet: d.income, source: d.source },
        socialInsuranceMonths: contributions,
        housingFundMonths: Math.floor((contributions * d.housingFundShare) / 100),
        residence: { cityTier: d.cityTier, region: d.region },
        bureau: d.bureau,
        platform: d.platform,
        household: { monthlyEssentialSpending: essentialsRmb * FEN_PER_RMB, dependants: d.dependants },
        controls: d.controls,
        evidence: [],
      };
    });
}

function sameEvidence(a: CertificateEvidence, b: CertificateEvidence): boolean {
  return a.documentHash === b.documentHash || sameCredential(a, b);
}

/** The kinds a catalog adds to the default one or overrides in it. */
function ownKinds(catalog: Catalog): string[] {
  return [...catalog.values()].filter((k) => defaultCatalog.get(k.id) !== k).map((k) => k.id);
}

function withEvidence(applicant: Applicant, kinds: readonly string[], maxEvidence: number, catalog: Catalog, minConfidence: number): fc.Arbitrary<Applicant> {
  if (maxEvidence === 0) return fc.constant(applicant);
  let item: fc.Arbitrary<CertificateEvidence>;
  try {
    item = certificateEvidenceArbitrary({
      applicant,
      // The segment's usual kinds the catalog has, and every kind the catalog adds or overrides:
      // who holds a lender's own kind, the kit cannot know.
      kind: [...new Set([...kinds.filter((k) => catalog.has(k)), ...ownKinds(catalog)])],
      validity: 'valid',
      catalog,
      minConfidence,
    });
  } catch (e) {
    // Too young for every kind the segment usually holds: such an applicant simply has none. Only
    // that refusal: any other would draw every applicant without evidence, without a word.
    if (e instanceof ValidationError && e.issues.every((i) => i.code === 'no_feasible_kind')) return fc.constant(applicant);
    throw e;
  }
  return fc.uniqueArray(item, { maxLength: maxEvidence, comparator: sameEvidence }).map((evidence) => ({ ...applicant, evidence }));
}

/** The options {@link applicantArbitrary} reads. */
const APPLICANT_ARBITRARY_OPTION_KEYS = everyKeyOf<ApplicantArbitraryOptions>()(['segment', 'asOf', 'maxEvidence', 'catalog', 'minConfidence']);

/**
 * A fast-check arbitrary of VALID applicants (every draw passes `parseApplicant`, defaults
 * filled in) from the segments the product serves: new graduates, factory, construction, retail
 * and service workers, gig workers, rural households, small-business owners and established
 * professionals. Realistic ranges by segment, money in integer fen, every date relative to
 * `asOf` (birth date, job start, certificate dates), and 0 to `maxEvidence` valid, distinct
 * certificates of the kinds the segment usually holds (and of a given catalog's own kinds). Arrears, other debt near the legal cap,
 * an existing line, a requested limit and a self-set cap are all drawn regularly.
 *
 * @example
 * fc.assert(fc.asyncProperty(applicantArbitrary({ segment: 'new_graduate' }), async (a) => {
 *   expect((await scorer.decide(a)).limit % 10_000).toBe(0);
 * }));
 * @throws ValidationError for an unknown segment, a malformed `asOf` (`invalid_date`) or one outside
 *   0063-01-01 to 9995-01-01 (`out_of_range`), `maxEvidence` out of range, or a `catalog` that is
 *   neither a catalog nor an array of valid kind specs (at `catalog`).
 */
export function applicantArbitrary(given: ApplicantArbitraryOptions = {}): fc.Arbitrary<Applicant> {
  // Read once into a plain copy, which the draws then use: a getter or Proxy (or an unknown option) is refused by name.
  const options = readOptionsOrRefuse(given, APPLICANT_ARBITRARY_OPTION_KEYS, 'applicantArbitrary options') ?? {};
  const asOf = options.asOf ?? DEFAULT_ARBITRARY_AS_OF;
  const segments = options.segment === undefined ? [...APPLICANT_SEGMENTS] : typeof options.segment === 'string' ? [options.segment] : [...options.segment];
  const maxEvidence = options.maxEvidence ?? 2;
  const { catalog, issues: catalogIssues } = catalogOption(options.catalog);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const issues = [
    ...(IsoDate.safeParse(asOf).success
      ? [drawableAsOfIssue(asOf)].filter((i) => i !== undefined)
      : [{ path: ['asOf'], code: 'invalid_date' as const, message: 'asOf must be an ISO date (YYYY-MM-DD)' }]),
    ...(segments.length > 0 && segments.every((s) => (APPLICANT_SEGMENTS as readonly string[]).includes(s))
      ? []
      : [{ path: ['segment'], code: 'unknown_segment' as const, message: `segment must be one or more of ${APPLICANT_SEGMENTS.join(', ')}` }]),
    ...(Number.isInteger(maxEvidence) && maxEvidence >= 0 && maxEvidence <= 50
      ? []
      : [{ path: ['maxEvidence'], code: 'out_of_range' as const, message: 'maxEvidence must be an integer from 0 to 50' }]),
    ...catalogIssues,
    ...(typeof minConfidence === 'number' && minConfidence >= 0 && minConfidence <= 1
      ? []
      : [{ path: ['minConfidence'], code: 'out_of_range' as const, message: 'minConfidence must be a number in [0, 1]' }]),
  ];
  if (issues.length > 0) throw new ValidationError('applicantArbitrary options', issues);
  const bySegment = segments.map((segment) => {
    const profile = segmentProfiles[segment];
    return segmentApplicant(segment, profile, asOf).chain((a) => withEvidence(a, profile.evidenceKinds, maxEvidence, catalog, minConfidence));
  });
  return bySegment.length === 1 ? (bySegment[0] as fc.Arbitrary<Applicant>) : fc.oneof(...bySegment);
}
