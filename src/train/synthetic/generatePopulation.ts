import { z } from 'zod';
import { ValidationError } from '../../errors/validationError.js';
import type { Applicant, EmploymentType, IncomeSource, Industry, Region } from '../../schema/applicant.js';
import { IsoDate } from '../../schema/primitives.js';
import { createDayCalendar } from './dayCalendar.js';
import { CredentialPool, drawEvidence, sha256 } from './drawEvidence.js';
import { LATENT_RISK, effectsOf, effectsTotal } from './latentRisk.js';
import { seededPrng, weighted, type Prng, type WeightedTable } from './prng.js';
import { SEGMENT_IDS, SEGMENT_PROFILES, TIER_ESSENTIALS_RMB, TIER_INCOME_FACTOR, type GigWork, type SegmentId, type SegmentProfile } from './segments.js';
import { readSchemaOptions } from '../../schema/readSchemaOptions.js';

/** Options of {@link generatePopulation}. */
export const PopulationOptions = z.strictObject({
  /** Number of applicants. Arrays above a few million belong in {@link iteratePopulation}. */
  size: z.number().int().min(0).max(10_000_000),
  /** Any non-negative safe integer; the same seed always gives the same population. */
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** The decision date every applicant is observed on; all dates are counted back from it. */
  asOf: IsoDate,
});
/** Options of {@link generatePopulation}. */
export type PopulationOptions = z.infer<typeof PopulationOptions>;

/** One synthetic applicant with the outcome the latent model drew for them. */
export interface SyntheticApplicantRow {
  /** A valid applicant, every default filled in (so `Applicant.parse` returns an equal object). */
  readonly applicant: Applicant;
  /** Whether the applicant defaulted within 12 months of `asOf` (the training label). */
  readonly defaulted12m: boolean;
  /** The latent log-odds of default, noise included; the label is a Bernoulli draw on it. */
  readonly latentLogOdds: number;
  readonly segment: SegmentId;
  /** Hidden truth: indexes into `applicant.evidence` of fraudulent items (borrowed, reused or duplicated). */
  readonly fraudulentEvidence: readonly number[];
}

/**
 * Generates a synthetic applicant population, seeded and deterministic: the same options give
 * the same rows, and the first n rows of a larger population equal a population of size n.
 *
 * @throws ValidationError when the options are invalid.
 * @example
 * const rows = generatePopulation({ size: 10_000, seed: 42, asOf: '2026-03-31' });
 */
export function generatePopulation(options: PopulationOptions): SyntheticApplicantRow[] {
  const rows: SyntheticApplicantRow[] = [];
  for (const row of iteratePopulation(options)) rows.push(row);
  return rows;
}

/**
 * The same rows as {@link generatePopulation}, one at a time, for populations too large to hold.
 *
 * @throws ValidationError when the options are invalid (at the call, not at the first `next()`).
 */
export function iteratePopulation(options: PopulationOptions): Generator<SyntheticApplicantRow, void, undefined> {
  // Read once as plain data, then parsed: a getter or Proxy is refused by name, never thrown raw.
  const parsed = readSchemaOptions(options, PopulationOptions);
  if (!parsed.ok) throw new ValidationError('PopulationOptions', parsed.issues);
  return rowsOf(parsed.data);
}

function* rowsOf({ size, seed, asOf }: PopulationOptions): Generator<SyntheticApplicantRow, void, undefined> {
  const state: GeneratorState = { seed, calendar: createDayCalendar(asOf), pool: new CredentialPool() };
  for (let i = 0; i < size; i += 1) yield drawRow(state, i);
}

interface GeneratorState {
  readonly seed: number;
  readonly calendar: ReturnType<typeof createDayCalendar>;
  readonly pool: CredentialPool;
}

/** Weighted tables built once per process; drawing from them is a short scan. */
interface ProfileTables {
  readonly tier: WeightedTable<number>;
  readonly region: WeightedTable<Region>;
  readonly employment: WeightedTable<EmploymentType>;
  readonly industry: WeightedTable<Industry>;
  readonly incomeSource: WeightedTable<IncomeSource>;
  readonly gigWork: WeightedTable<GigWork> | undefined;
}
const SEGMENT_TABLE = weighted(SEGMENT_IDS.map((id) => [id, SEGMENT_PROFILES[id].share] as const));
const TABLES: Readonly<Record<SegmentId, ProfileTables>> = Object.fromEntries(
  SEGMENT_IDS.map((id) => {
    const p = SEGMENT_PROFILES[id];
    const tables: ProfileTables = {
      tier: weighted(p.tierWeights.map((w, k) => [k + 1, w] as const)),
      region: weighted(p.regionWeights),
      employment: weighted(p.employment),
      industry: weighted(p.industries),
      incomeSource: weighted(p.incomeSources),
      gigWork: p.gigWork === undefined ? undefined : weighted(p.gigWork),
    };
    return [id, tables];
  }),
) as Record<SegmentId, ProfileTables>;
const DPD_BANDS = weighted<readonly [number, number]>([
  [[1, 29], 0.6],
  [[30, 89], 0.25],
  [[90, 365], 0.15],
]);
const YEAR_DAYS = 365.2425;
const MONTH_DAYS = YEAR_DAYS / 12;
/** Platform launched about 11 years before 2026; no account is older. */
const MAX_ACCOUNT_AGE_MONTHS = 130;

function drawRow(state: GeneratorState, i: number): SyntheticApplicantRow {
  const { seed, calendar } = state;
  const prng = seededPrng(seed, i);
  const segment = prng.pick(SEGMENT_TABLE);
  const profile = SEGMENT_PROFILES[segment];
  const tables = TABLES[segment];
  const tier = prng.pick(tables.tier);
  const region = prng.pick(tables.region);
  // Unobserved trait linking behaviour on the bureau and platform with evidence collected; it is
  // never a term of the latent log-odds, which depends on observable data only (plus noise).
  const discipline = prng.normal();

  const ageYears = prng.uniform(profile.ageRange[0], profile.ageRange[1] + 1);
  const ageDays = Math.floor(ageYears * YEAR_DAYS);
  const workingMonths = Math.max(0, (ageYears - 16) * 12);

  const type = prng.pick(tables.employment);
  const drawnGig = tables.gigWork === undefined ? undefined : prng.pick(tables.gigWork);
  // A ride-hailing permit needs three years on a licence first available at 18.
  const gigWork = drawnGig === 'ride_hailing' && ageYears < 22 ? 'food_delivery' : drawnGig;
  const industry: Industry = gigWork === undefined ? prng.pick(tables.industry) : gigWork === 'streamer' ? 'culture_media' : 'transport_logistics';
  const tenureMonths =
    type === 'farmer'
      ? Math.floor(Math.max(0, ageYears - 18) * 12 * prng.uniform(0.4, 1))
      : Math.floor(Math.min(prng.exponential(profile.tenureMeanMonths), workingMonths));
  const startKnown = prng.chance(profile.startDateKnown);

  const tierIndex = tier - 1;
  const incomeRmb = Math.max(
    1_500,
    prng.logNormal(profile.incomeMedianRmb * (TIER_INCOME_FACTOR[tierIndex] ?? 1), profile.incomeSigma) * (1 + 0.003 * Math.min(tenureMonths, 60)),
  );
  const monthlyNet = Math.round(incomeRmb / 10) * 1_000; // to 10 RMB, in fen
  const source = prng.pick(tables.incomeSource);

  const { socialInsuranceMonths, housingFundMonths } = drawContributions(prng, profile, source, tenureMonths, workingMonths);
  const bureau = drawBureau(prng, profile, discipline, incomeRmb);
  const platform = drawPlatform(prng, discipline, incomeRmb, Math.max(0, (ageYears - 18) * 12));

  const dependants = Math.min(6, prng.poisson(profile.dependantsMean));
  const [base, perDependant] = TIER_ESSENTIALS_RMB[tierIndex] ?? [2_300, 850];
  const essentialsRmb = (base + perDependant * dependants) * prng.logNormal(1, 0.22);

  const controls: Applicant['controls'] = {};
  if (prng.chance(0.35)) controls.requestedLimit = Math.max(1_000, Math.round(((platform.currentLimit / 100) * prng.uniform(1.2, 3)) / 1_000) * 1_000) * 100;
  if (prng.chance(0.03)) controls.selfSetCap = Math.max(500, Math.round(((platform.currentLimit / 100) * prng.uniform(0.3, 0.9)) / 500) * 500) * 100;

  const idHash = sha256(`creditlift-synthetic:${seed}:${i}`);
  const evidence = drawEvidence({ prng, calendar, profile, gigWork, ageDays, idHash, discipline }, state.pool);

  const applicant: Applicant = {
    id: `syn-${seed}-${i}`,
    asOf: calendar.asOf,
    birthDate: calendar.daysBefore(ageDays),
    identity: { idHash },
    employment: startKnown ? { type, industry, startDate: calendar.daysBefore(Math.floor(tenureMonths * MONTH_DAYS + prng.int(0, 27))) } : { type, industry },
    income: { monthlyNet, source },
    socialInsuranceMonths,
    housingFundMonths,
    residence: { cityTier: tier, region },
    bureau,
    platform,
    household: { monthlyEssentialSpending: Math.round(essentialsRmb / 10) * 1_000, dependants },
    controls,
    evidence: evidence.items,
  };
  const effects = effectsOf(applicant, { fraudulentEvidence: evidence.fraudulent });
  const latentLogOdds = LATENT_RISK.intercept + effectsTotal(effects) + prng.normal(0, LATENT_RISK.noiseSd);
  const defaulted12m = prng.next() < 1 / (1 + Math.exp(-latentLogOdds));
  return { applicant, defaulted12m, latentLogOdds, segment, fraudulentEvidence: evidence.fraudulent };
}

function drawContributions(
  prng: Prng,
  profile: SegmentProfile,
  source: IncomeSource,
  tenureMonths: number,
  workingMonths: number,
): { socialInsuranceMonths: number; housingFundMonths: number } {
  // Payroll-verified jobs are the formal ones that pay contributions.
  const coverage = Math.min(0.98, profile.socialInsuranceCoverage * (source === 'payroll' ? 1.2 : 0.8));
  const cap = Math.min(600, Math.floor(workingMonths));
  if (!prng.chance(coverage)) {
    // Earlier formal jobs leave a record even when the current one pays nothing.
    const earlier = prng.chance(0.25) ? Math.min(cap, Math.round(prng.exponential(profile.priorContributionMeanMonths))) : 0;
    return { socialInsuranceMonths: earlier, housingFundMonths: 0 };
  }
  const socialInsuranceMonths = Math.min(cap, Math.round(tenureMonths * prng.uniform(0.7, 1) + prng.exponential(profile.priorContributionMeanMonths)));
  const housingFundMonths = prng.chance(profile.housingFundGivenInsurance)
    ? Math.min(socialInsuranceMonths, Math.round(tenureMonths * prng.uniform(0.6, 1) + prng.exponential(profile.priorContributionMeanMonths / 2)))
    : 0;
  return { socialInsuranceMonths, housingFundMonths };
}

function drawBureau(prng: Prng, profile: SegmentProfile, discipline: number, incomeRmb: number): Applicant['bureau'] {
  if (!prng.chance(profile.bureauFileRate)) {
    // No file: the lender sees no enquiries, delinquencies or debts, whatever the truth.
    return { hasFile: false, currentDaysPastDue: 0, otherConsumerCreditBalance: 0, otherMonthlyDebtService: 0 };
  }
  const enquiries6m = prng.poisson(Math.exp(0.1 - 0.35 * discipline));
  const delinquencies24m = prng.chance(sigmoid(-2.2 - 0.9 * discipline)) ? 1 + prng.poisson(0.5) : 0;
  let currentDaysPastDue = 0;
  if (prng.chance(sigmoid(-4.2 - 0.9 * discipline + 0.9 * delinquencies24m))) {
    const [lo, hi] = prng.pick(DPD_BANDS);
    currentDaysPastDue = prng.int(lo, hi);
  }
  let balanceRmb = 0;
  let serviceRmb = 0;
  if (prng.chance(profile.otherDebtRate)) {
    balanceRmb = incomeRmb * prng.logNormal(1.4, 0.9) * Math.exp(-0.15 * discipline);
    serviceRmb = balanceRmb * prng.uniform(0.05, 0.11);
  }
  if (prng.chance(profile.securedLoanRate)) serviceRmb += incomeRmb * prng.uniform(0.15, 0.45); // mortgage or car loan
  return {
    hasFile: true,
    enquiries6m,
    delinquencies24m,
    currentDaysPastDue,
    otherConsumerCreditBalance: Math.round(balanceRmb) * 100,
    otherMonthlyDebtService: Math.round(serviceRmb) * 100,
  };
}

function drawPlatform(prng: Prng, discipline: number, incomeRmb: number, adultMonths: number): Applicant['platform'] {
  const accountAgeMonths = Math.min(Math.round(prng.exponential(36)), MAX_ACCOUNT_AGE_MONTHS, Math.floor(adultMonths));
  const active = prng.chance(0.78);
  // About 2 uses a day for active users (median 150, mean about 180 per 3 months), ~90 RMB each.
  const transactions3m = active ? Math.round(prng.logNormal(150, 0.6)) : prng.int(0, 6);
  const ticketRmb = prng.logNormal(82, 0.4);
  const transactionAmount3m = Math.round(transactions3m * ticketRmb * 100);
  const billed = accountAgeMonths >= 2 && (transactions3m > 0 || prng.chance(0.5));
  const late = sigmoid(-3.6 - 1.1 * discipline + prng.normal(0, 0.8));
  const frozen = prng.chance(0.04) || (accountAgeMonths === 0 && prng.chance(0.5));
  const currentLimit = frozen
    ? 0
    : Math.min(50_000, Math.max(500, Math.round((incomeRmb * prng.uniform(0.5, 2) * (1 + Math.min(accountAgeMonths, 60) / 120)) / 100) * 100)) * 100;
  const utilisation = currentLimit === 0 ? 0 : sigmoid(-0.6 - 0.7 * discipline + prng.normal(0, 0.8)) * (active ? 1 : 0.2);
  const platform: Applicant['platform'] = {
    accountAgeMonths,
    transactions3m,
    transactionAmount3m,
    currentLimit,
    currentBalance: Math.round(currentLimit * utilisation),
  };
  if (billed) platform.onTimeRepaymentRate = late < 0.005 ? 1 : Math.round((1 - late) * 1_000) / 1_000;
  return platform;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
