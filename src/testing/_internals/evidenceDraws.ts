import fc from 'fast-check';
import {
  DEFAULT_MIN_USEFUL_VALUE,
  isOnGrid,
  type AlternateScale,
  type CertificateKindSpec,
  type CertificateScale,
  type NumericScale,
} from '../../catalog/certificateKindSpec.js';
import { readScale } from '../../catalog/readScale.js';
import type { CertificateEvidence } from '../../schema/certificateEvidence.js';
import { otherDigest, sha256HexArbitrary } from './hexDigest.js';
import { birthdayOnIsoDate, daysBetween, isoDateBetween, shiftIsoDate } from './isoDates.js';

/** Who the evidence is for: what assessment compares it with (a parsed applicant fits). */
export interface EvidenceHolder {
  readonly asOf: string;
  readonly birthDate: string;
  readonly identity: { readonly idHash: string; readonly name?: string | undefined };
  /** Evidence already held; a `duplicate` draw repeats one of these. */
  readonly evidence?: readonly CertificateEvidence[] | undefined;
}

/** A closed range of ISO dates. */
export interface DateWindow {
  readonly earliest: string;
  readonly latest: string;
}

// Nobody uploads a certificate from before this many years ago; keeps draws realistic and the
// fade factor away from 0.
const MAX_CERTIFICATE_AGE_YEARS = 15;
// Month lengths vary; a window in days that is inside `months` calendar months on every calendar.
const SHORTEST_MONTH_DAYS = 28;
const LONGEST_MONTH_DAYS = 31;
/** Most days after `asOf` a valid item's card expiry is drawn: the latest date a draw writes. */
export const LONGEST_EXPIRY_AHEAD_DAYS = 5 * 365;

const HEX_UPPER = [...'0123456789ABCDEF'];

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

function earlierOf(a: string, b: string): string {
  return a < b ? a : b;
}

function windowOrUndefined(earliest: string, latest: string): DateWindow | undefined {
  return daysBetween(earliest, latest) >= 0 ? { earliest, latest } : undefined;
}

/** The first issue date the catalog finds plausible for this holder (the day the holder reaches the minimum age). */
export function earliestPlausibleIssue(spec: CertificateKindSpec, birthDate: string): string {
  return birthdayOnIsoDate(birthDate, spec.minHolderAgeAtIssue);
}

/** Issue dates on which the kind is still valid on `asOf` and plausible for the holder's age. */
export function validIssueWindow(spec: CertificateKindSpec, birthDate: string, asOf: string): DateWindow | undefined {
  let earliest = laterOf(earliestPlausibleIssue(spec, birthDate), shiftIsoDate(asOf, -MAX_CERTIFICATE_AGE_YEARS * 365));
  const months = spec.validity.expiresAfterMonths;
  if (months !== undefined) earliest = laterOf(earliest, shiftIsoDate(asOf, -months * SHORTEST_MONTH_DAYS));
  // A kind with a maximum holder age (scholarships) is issued before the birthday after that age.
  const max = spec.maxHolderAgeAtIssue;
  const latest = max === undefined ? asOf : earlierOf(asOf, shiftIsoDate(birthdayOnIsoDate(birthDate, max + 1), -1));
  return windowOrUndefined(earliest, latest);
}

/** Issue dates old enough that the kind's own validity period has run out by `asOf`. */
export function expiredIssueWindow(spec: CertificateKindSpec, birthDate: string, asOf: string): DateWindow | undefined {
  const months = spec.validity.expiresAfterMonths;
  if (months === undefined) return undefined;
  const latest = shiftIsoDate(asOf, -(months * LONGEST_MONTH_DAYS + 2));
  const earliest = laterOf(earliestPlausibleIssue(spec, birthDate), shiftIsoDate(latest, -3 * 365));
  return windowOrUndefined(earliest, latest);
}

/**
 * Issue dates that leave room for a card expiry date strictly before `asOf`; none for a kind that
 * does not expire (no `expiresAfterMonths`), whose uploaded expiry date never voids it.
 */
export function cardExpiryIssueWindow(spec: CertificateKindSpec, birthDate: string, asOf: string): DateWindow | undefined {
  if (spec.validity.expiresAfterMonths === undefined) return undefined;
  const earliest = laterOf(earliestPlausibleIssue(spec, birthDate), shiftIsoDate(asOf, -MAX_CERTIFICATE_AGE_YEARS * 365));
  return windowOrUndefined(earliest, shiftIsoDate(asOf, -1));
}

/** The issue and expiry dates of an item. */
export interface EvidenceDates {
  readonly issueDate: string;
  readonly expiryDate?: string;
}

/** Dates of a currently valid item: issued inside the window, sometimes with a card expiry still ahead. */
export function validDates(window: DateWindow, asOf: string): fc.Arbitrary<EvidenceDates> {
  return fc
    .record({
      issueDate: isoDateBetween(window.earliest, window.latest),
      expiresIn: fc.option(fc.integer({ min: 0, max: LONGEST_EXPIRY_AHEAD_DAYS }), { nil: undefined }),
    })
    .map(({ issueDate, expiresIn }) => (expiresIn === undefined ? { issueDate } : { issueDate, expiryDate: shiftIsoDate(asOf, expiresIn) }));
}

/** Dates of an item whose card expiry date has passed on `asOf`. */
export function cardExpiredDates(window: DateWindow, asOf: string): fc.Arbitrary<EvidenceDates> {
  return isoDateBetween(window.earliest, window.latest).chain((issueDate) =>
    isoDateBetween(issueDate, shiftIsoDate(asOf, -1)).map((expiryDate) => ({ issueDate, expiryDate })),
  );
}

/** Dates of an item issued so long ago that its kind's validity has run out. */
export function kindExpiredDates(window: DateWindow): fc.Arbitrary<EvidenceDates> {
  return isoDateBetween(window.earliest, window.latest).map((issueDate) => ({ issueDate }));
}

/** A score or level as the item carries it, and for a kind with two scales which one the score is on. */
export interface EvidenceReading {
  readonly score?: number;
  readonly level?: string;
  readonly scoreScale?: 'main' | 'alternate';
}

function decimalsOf(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

// Grid points are written as the issuer prints them (4.9, not 4.8999999999999995).
function gridPoint(min: number, step: number, k: number, extraDecimals = 0): number {
  return Number((min + k * step).toFixed(Math.min(20, decimalsOf(step) + decimalsOf(min) + extraDecimals)));
}

function gridSteps(min: number, max: number, step: number): number {
  return Math.min(0x7fff_ffff, Math.floor((max - min) / step + 1e-9));
}

/**
 * The lowest score of a numeric scale (or its alternate) that counts: its `usefulFrom`, else the
 * score valued {@link DEFAULT_MIN_USEFUL_VALUE} (read back through the scale's curve; draws filter
 * on {@link readScale} for the rounding at the edge).
 */
function usefulBottomOf(scale: NumericScale | AlternateScale, curve: 'linear' | 'log' | undefined): number {
  if (scale.usefulFrom !== undefined) return scale.usefulFrom;
  const zeroAt = scale.zeroAt ?? scale.min;
  const fullAt = scale.fullAt ?? scale.max;
  if (curve !== 'log') return zeroAt + DEFAULT_MIN_USEFUL_VALUE * (fullAt - zeroAt);
  const [lo, hi] = [Math.log10(1 + zeroAt), Math.log10(1 + fullAt)];
  return 10 ** (lo + DEFAULT_MIN_USEFUL_VALUE * (hi - lo)) - 1;
}

/** Whether a score reads useful on the kind's main scale (a reading with no issue date is read on it). */
function usefulOnMain(scale: NumericScale, score: number): boolean {
  const r = readScale(scale, { score });
  return r.ok && r.useful;
}

/**
 * A reading the scale accepts and that reaches the kind's useful level, so that it counts: an
 * on-grid score in range from the scale's `usefulFrom` up, or a useful level. (A kind with a
 * second reporting scale reads a few low scores issued since it began on that scale: see
 * {@link readingCounts}.)
 */
export function onScaleReading(scale: CertificateScale): fc.Arbitrary<EvidenceReading> {
  switch (scale.type) {
    case 'none':
      return fc.constant({});
    case 'levels':
      // The catalog's typical level is useful, so there is always one.
      return fc.constantFrom(...scale.levels.filter((l) => usefulLevel(scale, l.id)).map((l) => l.id)).map((level) => ({ level }));
    case 'numeric': {
      const { min, max, step } = scale;
      const bottom = usefulBottomOf(scale, scale.curve);
      const last = step === undefined ? 0 : gridSteps(min, max, step);
      const drawn =
        step === undefined
          ? fc.double({ min: Math.min(bottom, max), max, noNaN: true, noDefaultInfinity: true })
          : fc
              .integer({ min: Math.min(last, Math.max(0, Math.ceil((bottom - min) / step - 1e-9))), max: last })
              .map((k) => Math.min(max, gridPoint(min, step, k)));
      // The catalog's typical score is useful; the filter only drops a rounding edge.
      return fc
        .oneof(drawn, fc.constant(scale.typical))
        .filter((score) => usefulOnMain(scale, score))
        .map((score) => ({ score }));
    }
  }
}

function usefulLevel(scale: CertificateScale, level: string): boolean {
  const r = readScale(scale, { level });
  return r.ok && r.useful;
}

/**
 * A reading the scale accepts but that is below the kind's useful level (a fail, IELTS 0 to 3.5,
 * a CET-6 under 425, a 4.4 driver rating, 999 followers), which assessment refuses as
 * `result_below_useful_level`; undefined for a pass/fail kind, or a levelled one whose every level
 * is useful.
 */
export function belowUsefulReading(scale: CertificateScale): fc.Arbitrary<EvidenceReading> | undefined {
  switch (scale.type) {
    case 'none':
      return undefined;
    case 'levels': {
      const below = scale.levels.filter((l) => !usefulLevel(scale, l.id)).map((l) => l.id);
      return below.length === 0 ? undefined : fc.constantFrom(...below).map((level) => ({ level }));
    }
    case 'numeric': {
      const { min, step } = scale;
      const bottom = usefulBottomOf(scale, scale.curve);
      const drawn =
        step === undefined
          ? fc.double({ min, max: bottom, noNaN: true, noDefaultInfinity: true })
          : fc.integer({ min: 0, max: Math.min(1_000_000, Math.max(0, Math.ceil((bottom - min) / step + 1e-9))) }).map((k) => gridPoint(min, step, k));
      return fc
        .oneof(drawn, fc.constant(min), fc.constant(scale.zeroAt ?? min))
        .filter((score) => readScale(scale, { score }).ok && !usefulOnMain(scale, score))
        .map((score) => ({ score }));
    }
  }
}

/**
 * Whether an item's reading counts (is on scale and reaches the kind's useful level) as
 * assessment reads it, on its issue date: a kind with a second reporting scale reads a low score
 * issued since then on that scale (a 2026 TOEFL of 2 is band 2, below band 3).
 */
export function readingCounts(spec: CertificateKindSpec, item: CertificateEvidence): boolean {
  const r = readScale(spec.scale, { score: item.score, level: item.level, issueDate: item.issueDate, scoreScale: item.scoreScale });
  return r.ok && r.useful;
}

/** Whether a score issued on `issueDate` lies on the kind's alternate scale (in range, on its grid, issued since it began). */
function onAlternateScale(alt: AlternateScale, score: number, issueDate: string): boolean {
  return issueDate >= alt.since && score >= alt.min && score <= alt.max && (alt.step === undefined || isOnGrid(score, alt.min, alt.step));
}

/**
 * A main-scale score that lies on the kind's alternate scale too (a 2026 TOEFL total of 5: band 5,
 * or 5 of 120) says which scale it is on, as an upload must (without it the item is refused
 * `score_scale_ambiguous`); every other reading is left as drawn.
 */
export function sayMainScale(scale: CertificateScale, reading: EvidenceReading, issueDate: string): EvidenceReading {
  if (scale.type !== 'numeric' || scale.alternate === undefined || reading.score === undefined || reading.scoreScale !== undefined) return reading;
  return onAlternateScale(scale.alternate, reading.score, issueDate) ? { ...reading, scoreScale: 'main' } : reading;
}

/**
 * Issue dates on the kind's alternate scale inside `window` (issued since it began); undefined for
 * a kind with no alternate scale, or a window that ends before it began.
 */
export function alternateIssueWindow(scale: CertificateScale, window: DateWindow | undefined): DateWindow | undefined {
  if (window === undefined || scale.type !== 'numeric' || scale.alternate === undefined) return undefined;
  return windowOrUndefined(laterOf(window.earliest, scale.alternate.since), window.latest);
}

/**
 * A reading on the kind's alternate scale that counts (on its grid, from its useful level up), saying so
 * (`scoreScale: 'alternate'`); undefined for a kind with no alternate scale. Issue it since the
 * alternate scale began ({@link alternateIssueWindow}).
 */
export function alternateReading(scale: CertificateScale): fc.Arbitrary<EvidenceReading> | undefined {
  if (scale.type !== 'numeric' || scale.alternate === undefined) return undefined;
  const alt = scale.alternate;
  const { min, max, step } = alt;
  const bottom = usefulBottomOf(alt, 'linear');
  const last = step === undefined ? 0 : gridSteps(min, max, step);
  const drawn =
    step === undefined
      ? fc.double({ min: Math.min(bottom, max), max, noNaN: true, noDefaultInfinity: true })
      : fc.integer({ min: Math.min(last, Math.max(0, Math.ceil((bottom - min) / step - 1e-9))), max: last }).map((k) => Math.min(max, gridPoint(min, step, k)));
  return drawn
    .filter((score) => {
      const r = readScale(scale, { score, issueDate: alt.since, scoreScale: 'alternate' });
      return r.ok && r.useful;
    })
    .map((score) => ({ score, scoreScale: 'alternate' as const }));
}

const UNKNOWN_LEVELS = ['level_0', 'level_9', 'grade_x', 'unrated', 'excellent_plus'];

/** A reading the scale rejects: above or below the range, between grid points, missing, or an unknown level. */
export function offScaleReading(scale: CertificateScale): fc.Arbitrary<EvidenceReading> | undefined {
  switch (scale.type) {
    case 'none':
      return undefined;
    case 'levels': {
      const known = new Set(scale.levels.map((l) => l.id));
      const unknown = UNKNOWN_LEVELS.filter((l) => !known.has(l));
      return fc.oneof(
        fc.constant({}),
        fc.constantFrom(...unknown).map((level) => ({ level })),
      );
    }
    case 'numeric': {
      const { min, max, step } = scale;
      const unit = step ?? (max - min) / 100;
      const outside = fc.oneof(
        fc.integer({ min: 1, max: 20 }).map((j) => ({ score: gridPoint(max, unit, j) })),
        fc.integer({ min: 1, max: 20 }).map((j) => ({ score: gridPoint(min, unit, -j) })),
        fc.constant({}),
      );
      if (step === undefined || gridSteps(min, max, step) < 1) return outside;
      // isOnGrid is exact, but half a step past a grid point is a distinct double only while the
      // scale's figures fit a double's digits; a million steps stays well inside.
      const between = fc.integer({ min: 0, max: Math.min(1_000_000, gridSteps(min, max, step) - 1) }).map((k) => ({ score: gridPoint(min, step, k + 0.5, 1) }));
      // A kind with a second reporting scale (TOEFL's 1-6 bands) reads scores in that range on it:
      // those are not off scale, whatever the main grid says.
      const alt = scale.alternate;
      const offBoth = (r: EvidenceReading): boolean => alt === undefined || r.score === undefined || r.score < alt.min || r.score > alt.max;
      return fc.oneof(outside, between).filter(offBoth);
    }
  }
}

/** A holder record that matches the identity (by id hash, by name, or both). */
export function matchingHolder(identity: EvidenceHolder['identity']): fc.Arbitrary<CertificateEvidence['holder']> {
  const { idHash, name } = identity;
  if (name === undefined) return fc.constant({ idHash });
  return fc.constantFrom<CertificateEvidence['holder']>({ idHash }, { idHash, name }, { name });
}

/** A holder record that names someone else (another id hash, or another name). */
export function mismatchedHolder(identity: EvidenceHolder['identity']): fc.Arbitrary<CertificateEvidence['holder']> {
  const { idHash, name } = identity;
  const other = otherDigest(idHash);
  if (name === undefined) return fc.constant({ idHash: other });
  return fc.constantFrom<CertificateEvidence['holder']>({ idHash: other }, { idHash: other, name }, { name: `${name} Jr` });
}

/** A verification the kind accepts, with confidence at least `minConfidence` and above 0 (a confidence of 0 never counts). */
export function acceptedVerification(spec: CertificateKindSpec, minConfidence: number): fc.Arbitrary<CertificateEvidence['verification']> {
  return fc.record({
    method: fc.constantFrom(...spec.verificationMethods),
    confidence: fc.integer({ min: Math.max(1, Math.ceil(minConfidence * 100)), max: 100 }).map((c) => c / 100),
  });
}

/** A credential number in the issuer's style: a kind prefix and hex digits. */
export function credentialIdArbitrary(spec: CertificateKindSpec): fc.Arbitrary<string> {
  const prefix = spec.id.replace(/_/g, '').slice(0, 8).toUpperCase();
  return fc.string({ unit: fc.constantFrom(...HEX_UPPER), minLength: 12, maxLength: 12 }).map((digits) => `${prefix}-${digits}`);
}

/** Parts an evidence item is assembled from. */
export interface EvidenceParts {
  readonly dates: fc.Arbitrary<EvidenceDates>;
  readonly reading: fc.Arbitrary<EvidenceReading>;
  readonly holder: fc.Arbitrary<CertificateEvidence['holder']>;
  readonly verification: fc.Arbitrary<CertificateEvidence['verification']>;
}

/**
 * Assembles one evidence item of `spec` from its parts, with a fresh credential id and document
 * hash; a main-scale score that lies on the alternate scale too says so ({@link sayMainScale}).
 */
export function evidenceItem(spec: CertificateKindSpec, parts: EvidenceParts): fc.Arbitrary<CertificateEvidence> {
  return fc
    .record({
      dates: parts.dates,
      reading: parts.reading,
      holder: parts.holder,
      verification: parts.verification,
      credentialId: credentialIdArbitrary(spec),
      documentHash: sha256HexArbitrary(),
    })
    .map(({ dates, reading, holder, verification, credentialId, documentHash }) => ({
      kind: spec.id,
      issuer: `Issuer of ${spec.names.en}`,
      credentialId,
      holder,
      ...dates,
      ...sayMainScale(spec.scale, reading, dates.issueDate),
      verification,
      documentHash,
    }));
}

/** How a duplicate repeats an earlier item. */
export type DuplicateMode = 'same_document' | 'same_credential' | 'exact_copy';

/**
 * An item repeating `original`: the same document hash, the same credential (typed differently:
 * assessment normalises case and spaces), or both. Everything else is the original's.
 */
export function duplicateOf(original: CertificateEvidence, spec: CertificateKindSpec | undefined): fc.Arbitrary<CertificateEvidence> {
  const freshCredential = spec === undefined ? fc.constant(`${original.credentialId}-2`) : credentialIdArbitrary(spec);
  return fc
    .record({
      mode: fc.constantFrom<DuplicateMode>('exact_copy', 'same_document', 'same_credential'),
      credentialId: freshCredential,
      documentHash: sha256HexArbitrary(),
    })
    .map(({ mode, credentialId, documentHash }) => {
      switch (mode) {
        case 'exact_copy':
          return { ...original };
        case 'same_document':
          return { ...original, credentialId: credentialId === original.credentialId ? `${credentialId}-2` : credentialId };
        case 'same_credential':
          return {
            ...original,
            credentialId: ` ${original.credentialId.toLowerCase()} `,
            documentHash: documentHash === original.documentHash ? otherDigest(documentHash) : documentHash,
          };
      }
    });
}
