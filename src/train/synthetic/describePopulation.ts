import { z } from 'zod';
import { refuseArguments, schemaIssues, typeNameOf } from '../../errors/argumentIssues.js';
import { IsoDate } from '../../schema/primitives.js';
import { Industry, IncomeSource, Region } from '../../schema/applicant.js';
import type { CertificateCategory } from '../../evidence/evidenceAssessment.js';
import { SYNTHETIC_CERTIFICATE_KINDS, SYNTHETIC_KIND_INFO, type SyntheticCertificateKind } from './certificateKinds.js';
import type { SyntheticApplicantRow } from './generatePopulation.js';
import { countable as isCountable, languageValidityCutoff } from './latentRisk.js';
import { SEGMENT_IDS, type SegmentId } from './segments.js';

/** Size and default rate of one group of applicants. */
export interface GroupStats {
  readonly count: number;
  /** Share of the whole population. */
  readonly share: number;
  /** 12-month default rate within the group; NaN for an empty group. */
  readonly defaultRate: number;
}

/** Per-segment figures for the model card. */
export interface SegmentStats extends GroupStats {
  readonly medianMonthlyIncomeRmb: number;
  readonly thinFileShare: number;
  /** Share holding at least one countable (verified, valid, own, genuine) certificate. */
  readonly countableCertificateShare: number;
}

/** The facts of a synthetic population, as checked against the domain brief and shown in POPULATION.md. */
export interface PopulationSummary {
  readonly size: number;
  readonly defaultRate: number;
  /** Share by city tier, index 0 = tier 1. */
  readonly tierShares: readonly number[];
  /** Share in tier 3 or below (cityTier >= 3). */
  readonly tier3OrBelowShare: number;
  readonly regionShares: Readonly<Record<Region, number>>;
  readonly centralAndWestShare: number;
  readonly industryShares: Readonly<Record<Industry, number>>;
  /** Industries from largest to smallest. */
  readonly industriesBySize: readonly Industry[];
  readonly thinFileShare: number;
  readonly segments: Readonly<Record<SegmentId, SegmentStats>>;
  /** Share of active users (10+ uses in 3 months), their mean uses per 3 months and mean use in RMB. */
  readonly activeShare: number;
  readonly meanUsesPer3mActive: number;
  readonly meanUseRmb: number;
  /** Share with no repayment record (never billed). */
  readonly neverBilledShare: number;
  readonly incomeSourceShares: Readonly<Record<string, number>>;
  /** Share of applicants holding at least one item of each kind (any verification). */
  readonly kindHoldingShares: Readonly<Record<SyntheticCertificateKind, number>>;
  /** Share holding at least one item of each category (any verification). */
  readonly categoryHoldingShares: Readonly<Record<CertificateCategory, number>>;
  readonly anyEvidenceShare: number;
  readonly countableEvidenceShare: number;
  /** Default rates with and without a countable certificate, and for applicants with fraudulent evidence. */
  readonly withCountableCertificate: GroupStats;
  readonly withoutCountableCertificate: GroupStats;
  readonly withFraudulentEvidence: GroupStats;
  /** Share of evidence items that are self-declared, and that are fraudulent. */
  readonly selfDeclaredItemShare: number;
  readonly fraudulentItemShare: number;
}

const CATEGORIES: readonly CertificateCategory[] = ['professional', 'language', 'honour', 'gig'];

// The fields of a population row the summary reads, checked row by row (loose, and far lighter
// than the whole applicant schema: a row a caller built without one threw a TypeError mid-count).
const PopulationRowShape = z.looseObject({
  applicant: z.looseObject({
    asOf: IsoDate,
    identity: z.looseObject({ idHash: z.string() }),
    residence: z.looseObject({ cityTier: z.number().int().min(1).max(5), region: Region }),
    employment: z.looseObject({ industry: Industry }),
    income: z.looseObject({ source: IncomeSource, monthlyNet: z.number() }),
    bureau: z.looseObject({ hasFile: z.boolean() }),
    platform: z.looseObject({ transactions3m: z.number(), transactionAmount3m: z.number(), onTimeRepaymentRate: z.number().optional() }),
    evidence: z.array(
      z.looseObject({
        kind: z.string(),
        issueDate: z.string(),
        expiryDate: z.string().optional(),
        holder: z.looseObject({ idHash: z.string().optional() }),
        verification: z.looseObject({ method: z.string(), confidence: z.number() }),
      }),
    ),
  }),
  defaulted12m: z.boolean(),
  segment: z.enum(SEGMENT_IDS),
  fraudulentEvidence: z.array(z.number().int()),
});

/**
 * Summarises a synthetic population: geography, industries, thin files, usage, certificate
 * holding, and default rates by segment and by certificate status. One pass plus a sort per
 * segment for the income medians; accepts any iterable, so a generator works too.
 *
 * @example
 * const summary = describePopulation(generatePopulation({ size: 50_000, seed: 1, asOf: '2026-03-31' }));
 * summary.tier3OrBelowShare; // about 0.7
 * @throws ValidationError (subject `describePopulation`) naming `rows` when it is not iterable, or
 *   the first row lacking a field the summary reads (checked as it is read)
 */
export function describePopulation(rows: Iterable<SyntheticApplicantRow>): PopulationSummary {
  const iterable = typeof rows === 'object' && rows !== null && typeof (rows as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
  refuseArguments('describePopulation', [
    iterable
      ? undefined
      : { path: ['rows'], code: 'invalid_type', message: 'rows must be an iterable of population rows (generatePopulation)', received: typeNameOf(rows) },
  ]);
  let size = 0;
  let defaults = 0;
  const tiers = [0, 0, 0, 0, 0];
  const regions = countsOf(Region.options);
  const industries = countsOf(Industry.options);
  const incomeSources: Record<string, number> = {};
  let thin = 0;
  let active = 0;
  let activeUses = 0;
  let uses = 0;
  let useFen = 0;
  let neverBilled = 0;
  const kinds = countsOf(SYNTHETIC_CERTIFICATE_KINDS);
  const categories = countsOf(CATEGORIES);
  let anyEvidence = 0;
  const countable = newGroup();
  const notCountable = newGroup();
  const fraud = newGroup();
  let items = 0;
  let selfDeclared = 0;
  let fraudItems = 0;
  const seg = Object.fromEntries(SEGMENT_IDS.map((id) => [id, { count: 0, defaults: 0, thin: 0, countable: 0, incomes: [] as number[] }])) as Record<
    SegmentId,
    { count: number; defaults: number; thin: number; countable: number; incomes: number[] }
  >;

  let rowIndex = 0;
  for (const row of rows) {
    refuseArguments('describePopulation', [schemaIssues(['rows', rowIndex++], row, PopulationRowShape)]);
    const a = row.applicant;
    const d = row.defaulted12m ? 1 : 0;
    size += 1;
    defaults += d;
    tiers[a.residence.cityTier - 1] = (tiers[a.residence.cityTier - 1] ?? 0) + 1;
    regions[a.residence.region] += 1;
    industries[a.employment.industry] += 1;
    incomeSources[a.income.source] = (incomeSources[a.income.source] ?? 0) + 1;
    if (!a.bureau.hasFile) thin += 1;
    if (a.platform.transactions3m >= 10) {
      active += 1;
      activeUses += a.platform.transactions3m;
    }
    uses += a.platform.transactions3m;
    useFen += a.platform.transactionAmount3m;
    if (a.platform.onTimeRepaymentRate === undefined) neverBilled += 1;

    const cutoff = languageValidityCutoff(a.asOf);
    const heldKinds = new Set<string>();
    let hasCountable = false;
    for (let i = 0; i < a.evidence.length; i += 1) {
      const item = a.evidence[i];
      if (item === undefined) continue;
      items += 1;
      const isFraud = row.fraudulentEvidence.includes(i);
      if (isFraud) fraudItems += 1;
      if (item.verification.method === 'self_declared') selfDeclared += 1;
      heldKinds.add(item.kind);
      if (isCountable(item, a, isFraud, cutoff)) hasCountable = true;
    }
    if (a.evidence.length > 0) anyEvidence += 1;
    const heldCategories = new Set<CertificateCategory>();
    for (const kind of heldKinds) {
      if (!Object.hasOwn(kinds, kind)) continue;
      kinds[kind as SyntheticCertificateKind] += 1;
      heldCategories.add(SYNTHETIC_KIND_INFO[kind as SyntheticCertificateKind].category);
    }
    for (const c of heldCategories) categories[c] += 1;
    addTo(hasCountable ? countable : notCountable, d);
    if (row.fraudulentEvidence.length > 0) addTo(fraud, d);

    const s = seg[row.segment];
    s.count += 1;
    s.defaults += d;
    if (!a.bureau.hasFile) s.thin += 1;
    if (hasCountable) s.countable += 1;
    s.incomes.push(a.income.monthlyNet / 100);
  }

  const share = (n: number): number => (size === 0 ? 0 : n / size);
  const regionShares = mapValues(regions, share);
  const industryShares = mapValues(industries, share);
  return {
    size,
    defaultRate: rate(defaults, size),
    tierShares: tiers.map(share),
    tier3OrBelowShare: share((tiers[2] ?? 0) + (tiers[3] ?? 0) + (tiers[4] ?? 0)),
    regionShares,
    centralAndWestShare: regionShares.central + regionShares.west,
    industryShares,
    industriesBySize: [...Industry.options].sort((x, y) => industries[y] - industries[x]),
    thinFileShare: share(thin),
    segments: Object.fromEntries(
      SEGMENT_IDS.map((id) => {
        const s = seg[id];
        const stats: SegmentStats = {
          count: s.count,
          share: share(s.count),
          defaultRate: rate(s.defaults, s.count),
          medianMonthlyIncomeRmb: median(s.incomes),
          thinFileShare: rate(s.thin, s.count),
          countableCertificateShare: rate(s.countable, s.count),
        };
        return [id, stats];
      }),
    ) as Record<SegmentId, SegmentStats>,
    activeShare: share(active),
    meanUsesPer3mActive: rate(activeUses, active),
    meanUseRmb: uses === 0 ? NaN : useFen / uses / 100,
    neverBilledShare: share(neverBilled),
    incomeSourceShares: mapValues(incomeSources, share),
    kindHoldingShares: mapValues(kinds, share),
    categoryHoldingShares: mapValues(categories, share),
    anyEvidenceShare: share(anyEvidence),
    countableEvidenceShare: share(countable.count),
    withCountableCertificate: groupStats(countable, size),
    withoutCountableCertificate: groupStats(notCountable, size),
    withFraudulentEvidence: groupStats(fraud, size),
    selfDeclaredItemShare: rate(selfDeclared, items),
    fraudulentItemShare: rate(fraudItems, items),
  };
}

interface Group {
  count: number;
  defaults: number;
}

function newGroup(): Group {
  return { count: 0, defaults: 0 };
}

function addTo(group: Group, defaulted: number): void {
  group.count += 1;
  group.defaults += defaulted;
}

function groupStats(group: Group, size: number): GroupStats {
  return { count: group.count, share: size === 0 ? 0 : group.count / size, defaultRate: rate(group.defaults, group.count) };
}

function rate(n: number, d: number): number {
  return d === 0 ? NaN : n / d;
}

function countsOf<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function mapValues<K extends string>(record: Readonly<Record<K, number>>, f: (n: number) => number): Record<K, number> {
  return Object.fromEntries(Object.entries<number>(record).map(([k, v]) => [k, f(v)])) as Record<K, number>;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const Share = z.number();
const GroupStatsShape = z.looseObject({ count: z.number(), share: Share, defaultRate: Share });

/** The figures of a {@link PopulationSummary} `formatPopulationSummary` prints. */
export const PopulationSummaryShape = z.looseObject({
  size: z.number().int().min(0),
  defaultRate: Share,
  tierShares: z.array(Share),
  tier3OrBelowShare: Share,
  regionShares: z.record(Region, Share),
  centralAndWestShare: Share,
  industryShares: z.record(Industry, Share),
  industriesBySize: z.array(Industry),
  thinFileShare: Share,
  segments: z.record(
    z.enum(SEGMENT_IDS),
    GroupStatsShape.extend({ medianMonthlyIncomeRmb: z.number(), thinFileShare: Share, countableCertificateShare: Share }),
  ),
  activeShare: Share,
  meanUsesPer3mActive: z.number(),
  meanUseRmb: z.number(),
  neverBilledShare: Share,
  incomeSourceShares: z.record(z.string(), Share),
  kindHoldingShares: z.record(z.enum(SYNTHETIC_CERTIFICATE_KINDS), Share),
  categoryHoldingShares: z.record(z.enum(CATEGORIES as [CertificateCategory, ...CertificateCategory[]]), Share),
  anyEvidenceShare: Share,
  countableEvidenceShare: Share,
  withCountableCertificate: GroupStatsShape,
  withoutCountableCertificate: GroupStatsShape,
  withFraudulentEvidence: GroupStatsShape,
  selfDeclaredItemShare: Share,
  fraudulentItemShare: Share,
});
