import { deepFreeze } from '../../common/deepFreeze.js';
import { refuseArguments, schemaIssues, typeIssue, typeNameOf } from '../../errors/argumentIssues.js';
import type { ValidationIssue } from '../../errors/validationError.js';
import { parseApplicant } from '../../schema/parseApplicant.js';
import { addCalendarMonths } from '../../dates/addCalendarMonths.js';
import { calendarDateOf, isoOfCalendarDate } from '../../dates/calendarDate.js';
import { monthsBetween as calendarMonthsBetween } from '../../dates/monthsBetween.js';
import type { ApplicantInput } from '../../schema/applicant.js';
import { CertificateEvidence as CertificateEvidenceSchema, type CertificateEvidence } from '../../schema/certificateEvidence.js';
import { LANGUAGE_VALIDITY_YEARS, SYNTHETIC_KIND_INFO, type SyntheticCertificateKind } from './certificateKinds.js';

/**
 * The latent risk model the synthetic outcomes are drawn from: the log-odds of default within
 * 12 months is {@link LATENT_RISK.intercept} plus the effects below plus N(0, noiseSd) noise.
 * Every number is stated (and explained) in models/default/POPULATION.md. Geography, age and
 * household make-up are deliberately absent: they shape incomes and costs, never risk directly.
 */
export const LATENT_RISK = deepFreeze({
  /** Calibrated so the overall 12-month default rate is about 5% (band 4-6%). */
  intercept: -4.27,
  /** Standard deviation of the unobserved part (shocks, illness, job loss). */
  noiseSd: 0.7,
  /** Per unit of ln(monthly net income / 6,000 RMB), the log ratio clamped to [-1.5, 1.5]. */
  incomeLogRatio: -0.6,
  incomeReferenceRmb: 6_000,
  /** By income source: the weaker the proof, the less stable the income. */
  incomeSource: { payroll: 0, tax_record: 0.05, bank_statement: 0.2, self_declared: 0.4 },
  /** Per month in the current job, up to the cap; unknown start dates earn nothing. */
  tenurePerMonth: -0.01,
  tenureCapMonths: 48,
  /** Per month of social-insurance contributions, up to the cap. */
  socialInsurancePerMonth: -0.006,
  socialInsuranceCapMonths: 60,
  /** Per month of housing-fund contributions, up to the cap. */
  housingFundPerMonth: -0.005,
  housingFundCapMonths: 60,
  /** Per unit of other monthly debt service / income, the ratio capped at 1.5. */
  debtServiceRatio: 2,
  debtServiceRatioCap: 1.5,
  /** Per unit of essentials / income above 0.5, the ratio capped at 2. */
  essentialsAboveHalf: 1.2,
  essentialsRatioCap: 2,
  /** No bureau file at all. */
  thinFile: 0.3,
  /** Per delinquency in 24 months, up to the cap. */
  perDelinquency: 0.5,
  delinquencyCap: 4,
  /** Current days past due: 1-29, 30-89, 90+. */
  daysPastDue: { from1: 1, from30: 1.8, from90: 2.6 },
  /** Per hard enquiry in 6 months, up to the cap. */
  perEnquiry: 0.1,
  enquiryCap: 10,
  /** Per unit of late share (1 - on-time repayment rate). */
  lateShare: 4,
  /** Never billed on the platform, so no repayment record. */
  neverBilled: 0.25,
  /** Per month of platform account age, up to the cap. */
  platformPerMonth: -0.005,
  platformCapMonths: 60,
  /** Per unit of utilisation (balance / limit, capped at 1); no limit means no effect. */
  utilisation: 0.8,
  /** Certificates: total benefit floor (the sum of all certificate effects never goes below it). */
  certificateFloor: -1,
  /** Best professional qualification, by kind; each further distinct one adds `extraProfessional`. */
  professional: {
    cpa: -0.45,
    legal_professional: -0.45,
    physician: -0.45,
    intermediate_accountant: -0.35,
    pharmacist: -0.35,
    nurse: -0.35,
    teacher_qualification: -0.35,
    constructor: -0.35,
    securities_practitioner: -0.3,
    junior_accountant: -0.2,
    tour_guide_licence: -0.2,
  } as Readonly<Partial<Record<SyntheticCertificateKind, number>>>,
  /** NCRE levels: level_4 is the hardest. */
  computerRank: { level_1: -0.08, level_2: -0.15, level_3: -0.2, level_4: -0.25 } as Readonly<Record<string, number>>,
  extraProfessional: -0.08,
  extraProfessionalCap: 2,
  /**
   * Best valid language result only (results do not stack): top / middle / basic. IELTS, TOEFL and
   * Duolingo results expire after two years (the issuers' rule); CET and TEM reports carry no
   * expiry, so their value halves every `cetHalfLifeMonths` / `tem8HalfLifeMonths` instead.
   */
  cetHalfLifeMonths: 36,
  tem8HalfLifeMonths: 60,
  languageTop: -0.3,
  languageMiddle: -0.2,
  languageBasic: -0.1,
  /** Best scholarship, faded by 6% a year since award down to 40% of its value. */
  honour: { national_scholarship: -0.3, provincial_scholarship: -0.2, school_scholarship: -0.12 } as Readonly<
    Partial<Record<SyntheticCertificateKind, number>>
  >,
  honourFadePerYear: 0.06,
  honourFloorShare: 0.4,
  /** Best gig-platform signal: top / middle / basic. */
  gigTop: -0.3,
  gigMiddle: -0.2,
  gigBasic: -0.08,
  /** Vocational skill level: level_1 is the highest in China's system. */
  vocational: { level_1: -0.4, level_2: -0.32, level_3: -0.24, level_4: -0.15, level_5: -0.08 } as Readonly<Record<string, number>>,
  /** Minimum verifier confidence for an item to count. */
  minConfidence: 0.7,
  /** Any fraudulent evidence item (borrowed, reused or duplicated credential). */
  fraud: 0.9,
} as const);

/** Names of the effects that make up the latent log-odds, in the order of the model card's table. */
export const LATENT_EFFECTS = deepFreeze([
  'income_level',
  'income_source',
  'employment_tenure',
  'social_insurance',
  'housing_fund',
  'debt_service_ratio',
  'essentials_ratio',
  'thin_file',
  'delinquencies',
  'days_past_due',
  'enquiries',
  'on_time_repayment',
  'never_billed',
  'platform_tenure',
  'utilisation',
  'cert_professional',
  'cert_language',
  'cert_honour',
  'cert_gig',
  'cert_vocational',
  'evidence_fraud',
] as const);

/** One effect of the latent risk model. */
export type LatentEffect = (typeof LATENT_EFFECTS)[number];

/** Each effect's contribution to the log-odds for one applicant (before intercept and noise). */
export type LatentEffects = Record<LatentEffect, number>;

/** What the generator knows but the lender does not: which evidence items are fraudulent. */
export interface LatentTruth {
  readonly fraudulentEvidence: readonly number[];
}

/**
 * Each effect of the latent risk model for one applicant. Pure: depends only on the applicant
 * (and its `asOf`) and the hidden truth. Missing optional fields count as the schema's defaults.
 *
 * @example
 * const effects = latentRiskEffects(applicant, { fraudulentEvidence: [] });
 * const logOdds = LATENT_RISK.intercept + sumEffects(effects);
 * @throws ValidationError listing every fault of `applicant` (as `parseApplicant` does); or
 *   (subject `latentRiskEffects`) naming `truth` when its `fraudulentEvidence` is not item indices
 */
export function latentRiskEffects(applicant: ApplicantInput, truth: LatentTruth): LatentEffects {
  refuseArguments('latentRiskEffects', [truthIssue(truth)]);
  parseApplicant(applicant);
  return effectsOf(applicant, truth);
}

/** {@link latentRiskEffects} of an applicant the generator drew (unchecked: once per applicant). */
export function effectsOf(applicant: ApplicantInput, truth: LatentTruth): LatentEffects {
  const m = LATENT_RISK;
  const incomeRmb = Math.max(applicant.income.monthlyNet, 1) / 100;
  const incomeFen = Math.max(applicant.income.monthlyNet, 1);
  const logRatio = clamp(Math.log(incomeRmb / m.incomeReferenceRmb), -1.5, 1.5);
  const tenureMonths =
    applicant.employment.startDate === undefined ? 0 : clamp(monthsBetween(applicant.employment.startDate, applicant.asOf), 0, m.tenureCapMonths);
  const bureau = applicant.bureau;
  const dsr = Math.min((bureau.otherMonthlyDebtService ?? 0) / incomeFen, m.debtServiceRatioCap);
  const essentialsRatio = Math.min(applicant.household.monthlyEssentialSpending / incomeFen, m.essentialsRatioCap);
  const dpd = bureau.currentDaysPastDue ?? 0;
  const platform = applicant.platform;
  const limit = platform.currentLimit ?? 0;
  const utilisation = limit > 0 ? Math.min((platform.currentBalance ?? 0) / limit, 1) : 0;
  const certificates = certificateEffects(applicant, truth);
  return {
    income_level: m.incomeLogRatio * logRatio,
    income_source: m.incomeSource[applicant.income.source],
    employment_tenure: m.tenurePerMonth * tenureMonths,
    social_insurance: m.socialInsurancePerMonth * Math.min(applicant.socialInsuranceMonths, m.socialInsuranceCapMonths),
    housing_fund: m.housingFundPerMonth * Math.min(applicant.housingFundMonths, m.housingFundCapMonths),
    debt_service_ratio: m.debtServiceRatio * dsr,
    essentials_ratio: m.essentialsAboveHalf * Math.max(0, essentialsRatio - 0.5),
    thin_file: bureau.hasFile ? 0 : m.thinFile,
    delinquencies: m.perDelinquency * Math.min(bureau.delinquencies24m ?? 0, m.delinquencyCap),
    days_past_due: dpd >= 90 ? m.daysPastDue.from90 : dpd >= 30 ? m.daysPastDue.from30 : dpd >= 1 ? m.daysPastDue.from1 : 0,
    enquiries: m.perEnquiry * Math.min(bureau.enquiries6m ?? 0, m.enquiryCap),
    on_time_repayment: platform.onTimeRepaymentRate === undefined ? 0 : m.lateShare * (1 - platform.onTimeRepaymentRate),
    never_billed: platform.onTimeRepaymentRate === undefined ? m.neverBilled : 0,
    platform_tenure: m.platformPerMonth * Math.min(platform.accountAgeMonths, m.platformCapMonths),
    utilisation: m.utilisation * utilisation,
    ...certificates,
  };
}

/**
 * Sum of all effects (the latent log-odds without intercept and noise).
 *
 * @throws ValidationError (subject `sumEffects`) naming each effect of {@link LATENT_EFFECTS} that is not a finite number
 */
export function sumEffects(effects: LatentEffects): number {
  const e = typeof effects === 'object' && effects !== null ? (effects as Record<string, unknown>) : undefined;
  refuseArguments('sumEffects', [
    e === undefined
      ? typeIssue(['effects'], effects, 'object', 'the effects of latentRiskEffects')
      : LATENT_EFFECTS.map((name) => typeIssue(['effects', name], e[name], 'finite number', 'a finite number')).filter((i) => i !== undefined),
  ]);
  return effectsTotal(effects);
}

/** {@link sumEffects} of effects the generator computed (unchecked: once per applicant). */
export function effectsTotal(effects: LatentEffects): number {
  let total = 0;
  for (const name of LATENT_EFFECTS) total += effects[name];
  return total;
}

/**
 * Whether an evidence item carries signal in the latent model: verified (not self-declared, at
 * least {@link LATENT_RISK.minConfidence}), held by the applicant, issued by `asOf`, not expired
 * (IELTS, TOEFL and Duolingo results: two years), and not fraudulent.
 *
 * @throws ValidationError listing every fault of `applicant` (as `parseApplicant` does); or
 *   (subject `isCountableEvidence`) naming `item`, `fraudulent` or `languageCutoff`
 */
export function isCountableEvidence(item: CertificateEvidence, applicant: ApplicantInput, fraudulent: boolean, languageCutoff?: string): boolean {
  refuseArguments('isCountableEvidence', [
    schemaIssues(['item'], item, CertificateEvidenceSchema),
    typeIssue(['fraudulent'], fraudulent, 'boolean', 'true or false'),
    typeIssue(['languageCutoff'], languageCutoff, 'string', 'a date YYYY-MM-DD', true),
  ]);
  parseApplicant(applicant);
  return countable(item, applicant, fraudulent, languageCutoff ?? languageValidityCutoff(applicant.asOf));
}

/** {@link isCountableEvidence} of an item the generator drew (unchecked: once per item). */
export function countable(item: CertificateEvidence, applicant: ApplicantInput, fraudulent: boolean, languageCutoff: string): boolean {
  if (fraudulent) return false;
  if (item.verification.method === 'self_declared' || item.verification.confidence < LATENT_RISK.minConfidence) return false;
  if (item.holder.idHash !== applicant.identity.idHash) return false;
  // ISO dates compare correctly as strings.
  if (item.issueDate > applicant.asOf) return false;
  if (item.expiryDate !== undefined && item.expiryDate < applicant.asOf) return false;
  if (!Object.hasOwn(SYNTHETIC_KIND_INFO, item.kind)) return false;
  if (EXPIRING_LANGUAGE_KINDS.has(item.kind) && item.issueDate < languageCutoff) return false;
  return true;
}

/** Language tests whose issuers limit validity to two years, whether or not an expiry is printed. */
const EXPIRING_LANGUAGE_KINDS: ReadonlySet<string> = new Set(['ielts', 'toefl_ibt', 'duolingo']);

/** The earliest issue date at which an IELTS, TOEFL or Duolingo result is still valid on `asOf`. */
export function languageValidityCutoff(asOf: string): string {
  let hit = cutoffCache.get(asOf);
  if (hit === undefined) cutoffCache.set(asOf, (hit = isoOfCalendarDate(addCalendarMonths(calendarDateOf(asOf), -12 * LANGUAGE_VALIDITY_YEARS))));
  return hit;
}
const cutoffCache = new Map<string, string>();

/**
 * Whole months from `from` to `to` (date-fns `differenceInMonths`, on calendar dates: no local
 * midnight a time zone skipped moves it). Memoised per `to` because a population
 * shares one `asOf` and a few thousand distinct dates, and parsing dominated the generator's profile.
 */
function monthsBetween(from: string, to: string): number {
  let byFrom = monthsCache.get(to);
  if (byFrom === undefined) {
    if (monthsCache.size > 8) monthsCache.clear(); // bounded: callers rarely mix many asOf dates
    monthsCache.set(to, (byFrom = new Map()));
  }
  let hit = byFrom.get(from);
  if (hit === undefined) byFrom.set(from, (hit = calendarMonthsBetween(calendarDateOf(to), calendarDateOf(from))));
  return hit;
}
const monthsCache = new Map<string, Map<string, number>>();

type CertificateEffects = Pick<LatentEffects, 'cert_professional' | 'cert_language' | 'cert_honour' | 'cert_gig' | 'cert_vocational' | 'evidence_fraud'>;

function certificateEffects(applicant: ApplicantInput, truth: LatentTruth): CertificateEffects {
  const m = LATENT_RISK;
  const evidence = applicant.evidence ?? [];
  const out: CertificateEffects = {
    cert_professional: 0,
    cert_language: 0,
    cert_honour: 0,
    cert_gig: 0,
    cert_vocational: 0,
    evidence_fraud: truth.fraudulentEvidence.length > 0 ? m.fraud : 0,
  };
  if (evidence.length === 0) return out;
  const cutoff = languageValidityCutoff(applicant.asOf);
  const professional: number[] = [];
  const seenProfessional = new Set<string>();
  for (let i = 0; i < evidence.length; i += 1) {
    const item = evidence[i] as CertificateEvidence;
    if (!countable(item, applicant, truth.fraudulentEvidence.includes(i), cutoff)) continue;
    const kind = item.kind as SyntheticCertificateKind;
    const category = SYNTHETIC_KIND_INFO[kind].category;
    if (kind === 'vocational_skill_level') {
      out.cert_vocational = Math.min(out.cert_vocational, own(m.vocational, item.level));
    } else if (category === 'professional') {
      if (seenProfessional.has(kind)) continue;
      seenProfessional.add(kind);
      const value = kind === 'national_computer_rank' ? own(m.computerRank, item.level) : own(m.professional, kind);
      professional.push(value);
    } else if (category === 'language') {
      const halfLife = kind === 'cet4' || kind === 'cet6' ? m.cetHalfLifeMonths : kind === 'tem8' ? m.tem8HalfLifeMonths : 0;
      const fade = halfLife === 0 ? 1 : Math.pow(0.5, Math.max(0, monthsBetween(item.issueDate, applicant.asOf)) / halfLife);
      out.cert_language = Math.min(out.cert_language, languageEffect(item) * fade);
    } else if (category === 'honour') {
      const years = Math.max(0, monthsBetween(item.issueDate, applicant.asOf) / 12);
      const fade = Math.max(m.honourFloorShare, 1 - m.honourFadePerYear * years);
      out.cert_honour = Math.min(out.cert_honour, own(m.honour, kind) * fade);
    } else {
      out.cert_gig = Math.min(out.cert_gig, gigEffect(item));
    }
  }
  if (professional.length > 0) {
    professional.sort((a, b) => a - b); // most negative (strongest) first
    const extra = Math.min(professional.length - 1, m.extraProfessionalCap);
    out.cert_professional = (professional[0] as number) + extra * m.extraProfessional;
  }
  // The floor applies to the certificate total; scale every certificate effect down together.
  const total = out.cert_professional + out.cert_language + out.cert_honour + out.cert_gig + out.cert_vocational;
  if (total < m.certificateFloor) {
    const k = m.certificateFloor / total;
    out.cert_professional *= k;
    out.cert_language *= k;
    out.cert_honour *= k;
    out.cert_gig *= k;
    out.cert_vocational *= k;
  }
  return out;
}

/** Language effect by score band: top is roughly C1, middle B2, basic a pass. */
function languageEffect(item: CertificateEvidence): number {
  const m = LATENT_RISK;
  const s = item.score;
  switch (item.kind) {
    case 'ielts':
      return s === undefined ? 0 : s >= 7 ? m.languageTop : s >= 6 ? m.languageMiddle : s >= 5 ? m.languageBasic : 0;
    case 'toefl_ibt':
      return s === undefined ? 0 : s >= 100 ? m.languageTop : s >= 80 ? m.languageMiddle : s >= 60 ? m.languageBasic : 0;
    case 'duolingo':
      return s === undefined ? 0 : s >= 120 ? m.languageTop : s >= 100 ? m.languageMiddle : s >= 80 ? m.languageBasic : 0;
    case 'cet4':
      return s === undefined ? 0 : s >= 550 ? m.languageMiddle : s >= 425 ? m.languageBasic : 0;
    case 'cet6':
      return s === undefined ? 0 : s >= 550 ? m.languageTop : s >= 425 ? m.languageMiddle : 0;
    case 'tem8':
      return item.level === 'excellent' || item.level === 'good' ? m.languageTop : item.level === 'pass' ? m.languageMiddle : 0;
    default:
      return 0;
  }
}

/** Gig-platform effect by band: only good ratings and real audiences count. */
function gigEffect(item: CertificateEvidence): number {
  const m = LATENT_RISK;
  const s = item.score;
  if (s === undefined) return 0;
  switch (item.kind) {
    case 'ride_hailing_rating':
      return s >= 4.9 ? m.gigTop : s >= 4.8 ? m.gigMiddle : s >= 4.6 ? m.gigBasic : 0;
    case 'courier_rating':
      return s >= 99 ? m.gigTop : s >= 97 ? m.gigMiddle : s >= 95 ? m.gigBasic : 0;
    case 'creator_followers':
      return s >= 100_000 ? m.gigTop : s >= 10_000 ? m.gigMiddle : s >= 1_000 ? m.gigBasic : 0;
    default:
      return 0;
  }
}

/** A record's own value or 0: kind ids such as `constructor` must never reach `Object.prototype`. */
function own(record: Readonly<Record<string, number | undefined>>, key: string | undefined): number {
  return key !== undefined && Object.hasOwn(record, key) ? (record[key] ?? 0) : 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function truthIssue(truth: unknown): ValidationIssue | undefined {
  const f = typeof truth === 'object' && truth !== null ? (truth as { fraudulentEvidence?: unknown }).fraudulentEvidence : undefined;
  if (Array.isArray(f) && f.every((i) => Number.isSafeInteger(i) && i >= 0)) return undefined;
  return {
    path: ['truth', 'fraudulentEvidence'],
    code: 'invalid_type',
    message: "truth must be { fraudulentEvidence }, the indices of the applicant's fraudulent evidence items",
    received: typeNameOf(f),
  };
}
