import { sha256Hex } from '../../hashing/sha256Hex.js';
import type { CertificateEvidence, VerificationMethod } from '../../schema/certificateEvidence.js';
import type { CertificateCategory } from '../../evidence/evidenceAssessment.js';
import { LANGUAGE_VALIDITY_YEARS, SYNTHETIC_KIND_INFO, type SyntheticCertificateKind } from './certificateKinds.js';
import type { DayCalendar } from './dayCalendar.js';
import { weighted, type Prng, type WeightedTable } from './prng.js';
import type { GigWork, SegmentProfile } from './segments.js';

/** What {@link drawEvidence} needs to know about the applicant it draws for. */
export interface EvidenceContext {
  readonly prng: Prng;
  readonly calendar: DayCalendar;
  readonly profile: SegmentProfile;
  readonly gigWork: GigWork | undefined;
  /** Age on `asOf`, in days. */
  readonly ageDays: number;
  readonly idHash: string;
  /** Unobserved financial discipline, N(0, 1): the disciplined collect more (and better) evidence. */
  readonly discipline: number;
}

/** Evidence drawn for one applicant, with the indexes of the fraudulent items. */
export interface DrawnEvidence {
  readonly items: CertificateEvidence[];
  readonly fraudulent: number[];
}

/**
 * Recently drawn genuine items, which a fraudster can borrow or copy. A bounded ring keeps
 * memory flat for any population size; the generator fills it in applicant order, so fraud is
 * as deterministic as everything else.
 */
export class CredentialPool {
  private readonly items: CertificateEvidence[] = [];
  private next = 0;
  constructor(private readonly capacity = 512) {}

  /** Remembers a genuine item. */
  add(item: CertificateEvidence): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  /** A remembered item, or undefined while the pool is empty. */
  sample(prng: Prng): CertificateEvidence | undefined {
    return this.items.length === 0 ? undefined : this.items[prng.int(0, this.items.length - 1)];
  }
}

/** Share of applicants (at average discipline) who try to pass off someone else's credential. */
export const BASE_FRAUD_RATE = 0.015;

/**
 * How items are verified, by the channel each kind's issuer offers: registries (qualifications,
 * scholarships, skill levels), exam boards (language tests, the computer rank exam), and signed
 * platform feeds (ratings, followers). A few users type an item in instead.
 */
const METHODS = {
  registry: weighted<VerificationMethod>({ government_registry: 0.45, issuer_api: 0.25, document_ocr: 0.2, manual_review: 0.03, self_declared: 0.07 }),
  scholarship: weighted<VerificationMethod>({ document_ocr: 0.58, issuer_api: 0.2, manual_review: 0.1, self_declared: 0.12 }),
  examBoard: weighted<VerificationMethod>({ issuer_api: 0.58, document_ocr: 0.28, manual_review: 0.04, self_declared: 0.1 }),
  platform: weighted<VerificationMethod>({ platform_api: 0.92, self_declared: 0.08 }),
} as const;

function methodsFor(kind: SyntheticCertificateKind, category: CertificateCategory): WeightedTable<VerificationMethod> {
  if (kind === 'national_computer_rank' || category === 'language') return METHODS.examBoard;
  if (kind === 'vocational_skill_level' || category === 'professional') return METHODS.registry;
  if (category === 'honour') return METHODS.scholarship;
  return METHODS.platform;
}

/** Youngest age at which a qualification is plausibly held: a degree first, and for some, years of practice. */
const MIN_AGE: Readonly<Partial<Record<SyntheticCertificateKind, number>>> = {
  national_computer_rank: 17,
  vocational_skill_level: 18,
  junior_accountant: 20,
  teacher_qualification: 21,
  tour_guide_licence: 20,
  nurse: 21,
  securities_practitioner: 21,
  cpa: 23,
  legal_professional: 23,
  intermediate_accountant: 25,
  physician: 25,
  pharmacist: 25,
  constructor: 25,
};

const TEM8_LEVELS = weighted({ fail: 0.15, pass: 0.55, good: 0.22, excellent: 0.08 });
const NCRE_LEVELS = weighted({ level_1: 0.15, level_2: 0.6, level_3: 0.2, level_4: 0.05 });
const VOCATIONAL_LEVELS = weighted({ level_5: 0.35, level_4: 0.35, level_3: 0.22, level_2: 0.06, level_1: 0.02 });
const FRAUD_KINDS = weighted({ borrowed: 0.45, reused_credential: 0.3, duplicate_document: 0.25 });
/** Share of verified items whose verifier was unsure (confidence under 0.7). */
const LOW_CONFIDENCE_SHARE = 0.05;
const YEAR_DAYS = 365.2425;

/**
 * Draws the certificate evidence one applicant uploads: which kinds (by segment, nudged by
 * discipline), scores on each kind's real scale, dates consistent with age, verification, and
 * occasionally fraud. Genuine verified items are added to `pool` for later fraudsters.
 */
export function drawEvidence(ctx: EvidenceContext, pool: CredentialPool): DrawnEvidence {
  const { prng, profile } = ctx;
  const items: CertificateEvidence[] = [];
  // Disciplined people both collect more credentials and repay better; the factor keeps that link.
  const propensity = Math.exp(0.35 * ctx.discipline);
  const drawn = (p: number | undefined): boolean => p !== undefined && prng.chance(Math.min(0.95, p * propensity));

  const chanceOf = (kind: SyntheticCertificateKind): number | undefined => profile.evidence.find(([k]) => k === kind)?.[1];
  for (const [kind, p] of profile.evidence) {
    if (kind === 'cet6') continue; // drawn after cet4
    if (kind === 'intermediate_accountant') continue; // drawn after junior_accountant
    if (!drawn(p)) continue;
    const item = drawItem(ctx, kind);
    if (item !== undefined) items.push(item);
    if (kind === 'cet4' && item !== undefined && (item.score ?? 0) >= 425 && drawn(chanceOf('cet6'))) {
      const cet6 = drawItem(ctx, 'cet6');
      if (cet6 !== undefined) items.push(cet6);
    }
    if (kind === 'junior_accountant' && item !== undefined && drawn(chanceOf('intermediate_accountant'))) {
      const next = drawItem(ctx, 'intermediate_accountant');
      if (next !== undefined) items.push(next);
    }
  }
  if (ctx.gigWork !== undefined && prng.chance(Math.min(0.95, 0.6 * propensity))) {
    const kind: SyntheticCertificateKind =
      ctx.gigWork === 'ride_hailing' ? 'ride_hailing_rating' : ctx.gigWork === 'streamer' ? 'creator_followers' : 'courier_rating';
    const item = drawItem(ctx, kind);
    if (item !== undefined) items.push(item);
  }

  const fraudulent: number[] = [];
  const fraudRate = BASE_FRAUD_RATE * Math.exp(-0.6 * ctx.discipline);
  if (prng.chance(fraudRate)) {
    const forged = drawFraud(ctx, pool, items);
    if (forged !== undefined) {
      fraudulent.push(items.length);
      items.push(forged);
    }
  }
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i] as CertificateEvidence;
    if (!fraudulent.includes(i) && item.verification.method !== 'self_declared') pool.add(item);
  }
  return { items, fraudulent };
}

/** One genuine item of `kind`, or undefined when the applicant is too young to hold it. */
function drawItem(ctx: EvidenceContext, kind: SyntheticCertificateKind): CertificateEvidence | undefined {
  const { prng, calendar } = ctx;
  const info = SYNTHETIC_KIND_INFO[kind];
  const daysAgo = issueDaysAgo(ctx, kind);
  if (daysAgo === undefined) return undefined;
  const issueDate = calendar.daysBefore(daysAgo);
  const method = prng.pick(methodsFor(kind, info.category));
  const item: CertificateEvidence = {
    kind,
    issuer: info.issuer,
    credentialId: `${kind.toUpperCase().slice(0, 4)}-${prng.hex32().slice(0, 20)}`,
    holder: { idHash: ctx.idHash },
    issueDate,
    verification: { method, confidence: confidence(prng, method) },
    documentHash: prng.hex32() + prng.hex32(),
  };
  // Only the international tests expire (their issuers' two-year rule); CET and TEM reports carry no
  // expiry and fade in the latent model instead.
  if (kind === 'ielts' || kind === 'toefl_ibt' || kind === 'duolingo') {
    item.expiryDate = calendar.yearsAfter(issueDate, LANGUAGE_VALIDITY_YEARS);
  }
  const d = ctx.discipline;
  switch (kind) {
    case 'ielts':
      item.score = clamp(Math.round(prng.normal(6.4 + 0.15 * d, 0.7) * 2) / 2, 4, 9);
      break;
    case 'toefl_ibt':
      item.score = clamp(Math.round(prng.normal(88 + 4 * d, 14)), 30, 120);
      break;
    case 'duolingo':
      item.score = clamp(Math.round(prng.normal(110 + 5 * d, 18) / 5) * 5, 10, 160);
      break;
    case 'cet4':
      item.score = clamp(Math.round(prng.normal(470 + 15 * d, 60)), 220, 710);
      break;
    case 'cet6':
      item.score = clamp(Math.round(prng.normal(455 + 15 * d, 55)), 220, 710);
      break;
    case 'tem8':
      item.level = prng.pick(TEM8_LEVELS);
      break;
    case 'national_computer_rank':
      item.level = prng.pick(NCRE_LEVELS);
      break;
    case 'vocational_skill_level':
      item.level = prng.pick(VOCATIONAL_LEVELS);
      break;
    case 'ride_hailing_rating':
      item.score = clamp(Math.round((5 - Math.abs(prng.normal(0.12 - 0.05 * d, 0.14))) * 100) / 100, 1, 5);
      break;
    case 'courier_rating':
      item.score = clamp(Math.round((100 - Math.abs(prng.normal(2 - 0.8 * d, 2.5))) * 10) / 10, 0, 100);
      break;
    case 'creator_followers':
      item.score = Math.max(0, Math.round(prng.logNormal(3_000, 1.7)));
      break;
    default:
      break; // professional qualifications and scholarships carry no score
  }
  return item;
}

/** Days before `asOf` the item was issued, consistent with age; undefined if impossible. */
function issueDaysAgo(ctx: EvidenceContext, kind: SyntheticCertificateKind): number | undefined {
  const { prng, ageDays } = ctx;
  const category = SYNTHETIC_KIND_INFO[kind].category;
  const daysSinceAge = (years: number): number => ageDays - years * YEAR_DAYS;
  if (category === 'gig' && kind !== 'vocational_skill_level') return prng.int(0, 60); // a current platform snapshot
  if (category === 'language') {
    const latest = daysSinceAge(kind === 'tem8' ? 21 : 16); // TEM-8 is sat in the fourth year of an English degree
    if (latest < 30) return undefined;
    // Mostly recent results; about one in five is past the two-year validity.
    const days = prng.chance(0.8) ? prng.int(10, 725) : prng.int(735, 1_825);
    return Math.min(days, Math.floor(latest));
  }
  if (category === 'honour') {
    // Awarded during undergraduate study, roughly ages 18.5 to 22.5.
    const from = daysSinceAge(22.5);
    const to = daysSinceAge(18.5);
    if (to < 30) return undefined;
    return Math.floor(prng.uniform(Math.max(30, from), to));
  }
  const minAge = Object.hasOwn(MIN_AGE, kind) ? (MIN_AGE[kind] ?? 21) : 21;
  const latest = daysSinceAge(minAge);
  if (latest < 30) return undefined;
  // Newer careers: most qualifications are recent; long careers spread over the years.
  return Math.floor(30 + (latest - 30) * Math.pow(prng.next(), 1.5));
}

function confidence(prng: Prng, method: VerificationMethod): number {
  if (method === 'self_declared') return round2(prng.uniform(0.1, 0.5));
  if (prng.chance(LOW_CONFIDENCE_SHARE)) return round2(prng.uniform(0.3, 0.69));
  return round2(prng.uniform(0.7, 0.99));
}

/**
 * A fraudulent item: someone else's credential (borrowed outright), a real credential number on
 * a forged document, or the applicant's own document re-used under a second credential. Each one
 * passes OCR often enough to matter, which is why the latent model penalises the attempt.
 */
function drawFraud(ctx: EvidenceContext, pool: CredentialPool, own: readonly CertificateEvidence[]): CertificateEvidence | undefined {
  const { prng } = ctx;
  const verification = { method: prng.chance(0.8) ? ('document_ocr' as const) : ('manual_review' as const), confidence: round2(prng.uniform(0.7, 0.95)) };
  const kind = prng.pick(FRAUD_KINDS);
  const victim = pool.sample(prng);
  if (kind === 'duplicate_document' || victim === undefined) {
    const source = own[0] ?? victim;
    if (source === undefined) return undefined;
    return {
      ...source,
      credentialId: `${source.credentialId.slice(0, 5)}${prng.hex32().slice(0, 20)}`,
      holder: { idHash: ctx.idHash },
      verification,
    };
  }
  if (kind === 'borrowed') return { ...victim, verification };
  return { ...victim, holder: { idHash: ctx.idHash }, documentHash: prng.hex32() + prng.hex32(), verification };
}

/** Hex SHA-256 of a string. */
export function sha256(text: string): string {
  return sha256Hex(text);
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
