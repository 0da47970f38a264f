import { birthdayAt } from '../dates/birthdayAt.js';
import { calendarDateOf } from '../dates/calendarDate.js';
import { monthsBetween } from '../dates/monthsBetween.js';
import type { Catalog } from '../catalog/resolveCatalog.js';
import { catalogOf, defaultCatalog } from '../catalog/resolveCatalog.js';
import { readScale } from '../catalog/readScale.js';
import { kindDataCategory } from '../catalog/certificateKindSpec.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import type { Applicant } from '../schema/applicant.js';
import { checkedApplicant } from '../schema/checkedApplicant.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';
import { normalizedCredentialNumber } from '../text/credentialNumber.js';
import { foldedText } from '../text/foldedText.js';
import { nameKey } from '../text/nameKey.js';
import type { DataCategory } from '../schema/dataCategory.js';
import type { EvidenceAssessment, EvidenceReasonCode } from './evidenceAssessment.js';
import { evidenceReasonCodes } from './evidenceReasons.js';
import { summarizeEvidence, type EvidenceSummary } from './evidenceSummary.js';
import { verificationFactors } from './verificationFactors.js';
import { lastValidDay } from './lastValidDay.js';
import { everyKeyOf, refuseArguments, schemaIssues } from '../errors/argumentIssues.js';
import { BannedDataCategories } from '../schema/bannedDataCategories.js';
import { readOptionsOrRefuse } from '../errors/readOptions.js';

/** Options of {@link assessEvidence}. */
export interface AssessEvidenceOptions {
  /** Catalog of known kinds; default {@link defaultCatalog}. Build one with `resolveCatalog`. */
  readonly catalog?: Catalog;
  /** Verifier confidence below this (or of 0, whatever this is) rejects an item (`low_verification_confidence`). Default 0.6. */
  readonly minConfidence?: number;
  /** Data categories the jurisdiction bans: evidence of a kind in one is rejected (`banned_data_category`). Default none. */
  readonly bannedDataCategories?: readonly DataCategory[];
}

/** Every evidence item assessed, plus the per-category summary features are built from. */
export interface EvidenceReport {
  /** One assessment per evidence item, in input order. */
  readonly items: readonly EvidenceAssessment[];
  readonly summary: EvidenceSummary;
}

/** Default for {@link AssessEvidenceOptions.minConfidence}. */
export const DEFAULT_MIN_CONFIDENCE = 0.6;

/**
 * The identities of a credential for duplicate detection: its number (however typed, see
 * normalizedCredentialNumber) under its kind, and the same number under its issuer (its name folded
 * by the same {@link foldedText}: case, width, spaces, separators, invisible characters, and a letter
 * of another script drawn like a Latin capital read as that letter, so `DіDі Chuxing` with a Cyrillic
 * `і` is `DiDi Chuxing`). Two items are one credential when they share
 * either: the same number from the same issuer is the same document whatever kind it is filed
 * under (a platform's rating uploaded again under a lender's own rating kind counted twice), and
 * the same number under the same kind is the same document however its issuer was written.
 */
export function credentialKeys(e: Pick<CertificateEvidence, 'kind' | 'issuer' | 'credentialId'>): readonly [string, string] {
  const number = normalizedCredentialNumber(e.credentialId);
  return [`kind\u0000${e.kind}\u0000${number}`, `issuer\u0000${normalizedIssuer(e.issuer)}\u0000${number}`];
}

/** Issuer names folded ({@link foldedText}), remembered: a few issuers recur in every decision, and the Unicode folding is the costly part. */
const MAX_ISSUERS = 1024;
let foldedIssuers = new Map<string, string>();

function normalizedIssuer(issuer: string): string {
  let folded = foldedIssuers.get(issuer);
  if (folded === undefined) {
    folded = foldedText(issuer);
    if (foldedIssuers.size >= MAX_ISSUERS) foldedIssuers = new Map();
    foldedIssuers.set(issuer, folded);
  }
  return folded;
}

/** True when two items are one credential ({@link credentialKeys}: the same number under the same kind or from the same issuer). */
export function sameCredential(
  a: Pick<CertificateEvidence, 'kind' | 'issuer' | 'credentialId'>,
  b: Pick<CertificateEvidence, 'kind' | 'issuer' | 'credentialId'>,
): boolean {
  const [ak, ai] = credentialKeys(a);
  const [bk, bi] = credentialKeys(b);
  return ak === bk || ai === bi;
}

/**
 * Whether a certificate's holder is someone else: another id hash, or another name. Names are compared
 * by {@link nameKey}: case, width, spaces, every name dot (`·` `・` `‧` `･` `⋅` `•`), hyphens and
 * apostrophes of every code point, and invisible characters do not make a different person (the dot in a
 * transliterated Uyghur or Tibetan name is typed with whichever code point the keyboard gives); a letter,
 * an accent or a vowel sign does.
 */
function holderMismatch(e: CertificateEvidence, identity: Applicant['identity']): boolean {
  if (e.holder.idHash !== undefined && e.holder.idHash !== identity.idHash) return true;
  const named = e.holder.name;
  if (named !== undefined && identity.name !== undefined && named !== identity.name && nameKey(named) !== nameKey(identity.name)) return true;
  return false;
}

/**
 * Assesses every evidence item of an applicant: accepted or rejected, with every applicable
 * reason, and a strength in [0, 1] = verification factor x confidence x kind weight x scale value
 * x recency fade. Ages and recency are measured to `applicant.asOf`, so the result is a pure
 * function of its inputs. An accepted item always has a strength above 0: a result below its
 * kind's useful level (the scale's `usefulFrom`, else a scale value of 0.1; a value of 0 always)
 * is refused (`result_below_useful_level`), as is a verifier confidence of 0.
 *
 * Duplicates keep the first occurrence: an item repeating an earlier document hash or credential
 * (the same number under the same kind or from the same issuer, see {@link credentialKeys}) is
 * rejected, the earlier one is untouched. One credential counts once: a later snapshot of it (a
 * platform rating fetched again, under the same number) is a duplicate, and the first on file is
 * the one assessed; to assess a fresher snapshot, replace the old item rather than append. So adding an item never changes the
 * assessment of any other distinct item, and never lowers a summary value.
 *
 * An item of a kind whose data category `options.bannedDataCategories` holds is rejected with
 * `banned_data_category` as its only reason, and nothing else of it is read: it is no duplicate of
 * anything and nothing is a duplicate of it, and the other items are assessed exactly as without it.
 *
 * @param applicant an applicant; a `parseApplicant` result is trusted as is, anything else is
 *   validated first (so raw JSON gives a ValidationError, never a TypeError)
 * @throws ValidationError when `options.minConfidence` is not in [0, 1], or `options.bannedDataCategories`
 *   is not a list of known categories each listed once (the issues a policy's
 *   `jurisdiction.bannedDataCategories` gets for the same list); CreditliftError
 *   `catalog_invalid` when `options.catalog` is not a catalog, or is a Map holding a kind that is not
 *   a valid kind spec (named as `createScorer` names it)
 * @example
 * const { items, summary } = assessEvidence(parseApplicant(input));
 * summary.byCategory.language.maxStrength; // 0 when no language evidence was accepted
 */
export function assessEvidence(input: Applicant, options: AssessEvidenceOptions = {}): EvidenceReport {
  // Read once into a plain copy: a getter or Proxy is refused by name (it escaped as the caller's
  // own Error), and so is an option this function does not read.
  const read = readOptionsOrRefuse(options, ASSESS_EVIDENCE_OPTION_KEYS, 'AssessEvidenceOptions') ?? {};
  // Checked as a policy's own list is (one schema): a misspelt category banned nothing, silently.
  if (read.bannedDataCategories !== undefined)
    refuseArguments('AssessEvidenceOptions', [schemaIssues(['bannedDataCategories'], read.bannedDataCategories, BannedDataCategories)]);
  // A Map built by hand is read as createScorer reads it (validated, copied): one without a scale threw
  // a TypeError, and one whose scale ran backwards refused every real score without a word.
  return assessEvidenceUnder(input, read.catalog instanceof Map ? { ...read, catalog: catalogOf(read.catalog) } : read);
}

/** The options {@link assessEvidence} reads. */
const ASSESS_EVIDENCE_OPTION_KEYS = everyKeyOf<AssessEvidenceOptions>()(['catalog', 'minConfidence', 'bannedDataCategories']);

/**
 * {@link assessEvidence} under options the engine built itself (a plain object of its own
 * settings): every scenario of a decision assesses its evidence, so the engine skips the read of a
 * caller's options that the public function does first.
 */
export function assessEvidenceUnder(input: Applicant, options: AssessEvidenceOptions): EvidenceReport {
  const applicant = checkedApplicant(input);
  const catalog = options.catalog ?? defaultCatalog;
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (typeof minConfidence !== 'number' || !(minConfidence >= 0 && minConfidence <= 1)) {
    throw new ValidationError('AssessEvidenceOptions', [
      {
        path: ['minConfidence'],
        code: 'out_of_range',
        message: 'minConfidence must be a number in [0, 1]',
        expected: 'number in [0, 1]',
        received: typeof minConfidence,
      },
    ]);
  }
  // JavaScript callers can pass anything; a catalog is only ever what resolveCatalog returns.
  if (!(catalog instanceof Map)) throw new CreditliftError('catalog_invalid', 'options.catalog must be a catalog built by resolveCatalog');

  // Dates as integer calendar dates (src/dates/calendarDate.ts), read once per call: every
  // scenario of a decision runs this, and the date-fns calls it replaces (addMonths, addYears,
  // isAfter, isBefore, differenceInMonths, each property-tested equal) allocated Dates and
  // depended on the process time zone for a few historical dates.
  const asOf = calendarDateOf(applicant.asOf);
  const birth = calendarDateOf(applicant.birthDate);
  const seenDocuments = new Set<string>();
  const seenCredentials = new Set<string>();
  const banned = new Set(options.bannedDataCategories ?? []);

  const items = applicant.evidence.map((e, index): EvidenceAssessment => {
    const spec = catalog.get(e.kind);
    // Data the jurisdiction bans may not be used at all, so nothing of the item is read: not its
    // result, dates or holder, and not its hash or number, which would make it the first of a
    // duplicate pair (a follower count under a rating's issuer and number refused the rating, and
    // its second snapshot referred the application as duplicate evidence). It is refused for its
    // category alone, and the items around it are assessed as if it had never been uploaded.
    if (spec !== undefined && banned.has(kindDataCategory(spec))) {
      return {
        index,
        kind: e.kind,
        category: spec.category,
        scaleValue: undefined,
        credentialId: e.credentialId,
        status: 'rejected',
        reasons: ['banned_data_category'],
        strength: 0,
      };
    }
    const reasons = new Set<EvidenceReasonCode>();
    const issued = calendarDateOf(e.issueDate);

    if (spec === undefined) reasons.add('unknown_kind');
    // Valid through its last day, inclusive (see lastValidDay). An unknown kind keeps every reason.
    const lastValid = lastValidDay(e, spec);
    if (lastValid !== null && asOf > lastValid) reasons.add('expired');
    if (issued > asOf) reasons.add('issued_in_future');
    // Ages as the age knock-out counts them (a 29 February birthday falls on 1 March in a common year).
    if (spec !== undefined && issued < birthdayAt(birth, spec.minHolderAgeAtIssue)) reasons.add('issued_before_plausible_age');
    // Older than the maximum on the issue date: on or after the birthday after that age.
    if (spec?.maxHolderAgeAtIssue !== undefined && issued >= birthdayAt(birth, spec.maxHolderAgeAtIssue + 1)) reasons.add('issued_after_plausible_age');

    const reading =
      spec === undefined ? undefined : readScale(spec.scale, { score: e.score, level: e.level, issueDate: e.issueDate, scoreScale: e.scoreScale });
    if (reading !== undefined && !reading.ok) reasons.add(reading.reason);
    // A result below the kind's useful level (a fail, IELTS 0, a CET-6 under the 425 pass line, 1
    // follower) would be accepted at a strength near 0 and still count in full where evidence is
    // counted (cert_accepted_count: a CET-6 221 bought half of what a 700 does): refused instead.
    if (reading?.ok === true && !reading.useful) reasons.add('result_below_useful_level');

    // Checked against every earlier item, accepted or not: a repeat is a repeat.
    const [byKind, byIssuer] = credentialKeys(e);
    if (seenDocuments.has(e.documentHash)) reasons.add('duplicate_document');
    if (seenCredentials.has(byKind) || seenCredentials.has(byIssuer)) reasons.add('duplicate_credential');
    seenDocuments.add(e.documentHash);
    seenCredentials.add(byKind);
    seenCredentials.add(byIssuer);

    if (holderMismatch(e, applicant.identity)) reasons.add('holder_mismatch');
    // A name is the only thing to compare and the applicant has none on file: accepting it would
    // guess the certificate is theirs (anyone's CPA, naming its real holder, counted).
    else if (e.holder.idHash === undefined && applicant.identity.name === undefined) reasons.add('holder_unverified');
    // A verifier with no confidence at all has verified nothing, whatever the floor (minConfidence 0 included).
    if (e.verification.confidence < minConfidence || !(e.verification.confidence > 0)) reasons.add('low_verification_confidence');
    if (e.verification.method === 'self_declared') reasons.add('self_declared_only');
    else if (spec !== undefined && !spec.verificationMethods.includes(e.verification.method)) reasons.add('verification_method_not_accepted');

    const scaleValue = reading?.ok === true ? reading.value : undefined;
    const base = { index, kind: e.kind, category: spec?.category, scaleValue, credentialId: e.credentialId };
    if (reasons.size > 0 || spec === undefined || scaleValue === undefined) {
      return { ...base, status: 'rejected', reasons: evidenceReasonCodes.filter((r) => reasons.has(r)), strength: 0 };
    }
    const halfLife = spec.validity.fadeHalfLifeMonths;
    const fade = halfLife === undefined ? 1 : 0.5 ** (Math.max(0, monthsBetween(asOf, issued)) / halfLife);
    const strength = verificationFactors[e.verification.method] * e.verification.confidence * spec.signalWeight * scaleValue * fade;
    return { ...base, status: 'accepted', reasons: [], strength: Math.min(1, Math.max(0, strength)) };
  });

  return { items, summary: summarizeEvidence(items) };
}
