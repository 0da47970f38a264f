import { everyKeyOf, refuseArguments, typeIssue } from '../errors/argumentIssues.js';
import { readOptionsOrRefuse } from '../errors/readOptions.js';
import fc from 'fast-check';
import type { CertificateKindSpec, CertificateKindSpecInput } from '../catalog/certificateKindSpec.js';
import { defaultCatalog, type Catalog } from '../catalog/resolveCatalog.js';
import { DEFAULT_MIN_CONFIDENCE } from '../evidence/assessEvidence.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { ValidationIssueCode } from '../errors/validationIssueCode.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';
import { IsoDate } from '../schema/primitives.js';
import {
  acceptedVerification,
  alternateIssueWindow,
  alternateReading,
  belowUsefulReading,
  cardExpiredDates,
  cardExpiryIssueWindow,
  duplicateOf,
  evidenceItem,
  expiredIssueWindow,
  kindExpiredDates,
  matchingHolder,
  mismatchedHolder,
  offScaleReading,
  onScaleReading,
  readingCounts,
  validDates,
  validIssueWindow,
  type EvidenceHolder,
} from './_internals/evidenceDraws.js';
import type { EvidenceValidity } from './evidenceValidity.js';
import { catalogOption } from './_internals/catalogOption.js';
import { drawableAsOfIssue, LATEST_DRAWABLE_AS_OF } from './_internals/drawableAsOf.js';

export type { EvidenceHolder } from './_internals/evidenceDraws.js';

/** Options of {@link certificateEvidenceArbitrary}. */
export interface CertificateEvidenceArbitraryOptions {
  /** Whose evidence it is: identity, birth date and decision date (a parsed applicant fits). */
  readonly applicant: EvidenceHolder;
  /** Decision date the validity is judged on, at most 9995-01-01 (a card expiry is drawn up to 5 years after it); default `applicant.asOf`. */
  readonly asOf?: string;
  /**
   * Catalog kind(s) to draw from; default every kind of the catalog the holder is old enough to
   * hold. A catalog's own kinds (new, or overriding a built-in one) are drawn as often as all the
   * built-in kinds together, so a lender's rules about them are met within a few runs.
   */
  readonly kind?: string | readonly string[];
  /** What the item should be; `'any'` mixes every kind that can be drawn. Default `'valid'`. */
  readonly validity?: EvidenceValidity | 'any';
  /**
   * Catalog the item is judged against, as `createScorer({ catalog })` takes it: a catalog from
   * `resolveCatalog`, or the array of kind specs to add or override in the default one (anything
   * else, or an invalid kind, is refused at `catalog`). Default: inside a credit law's scorer part,
   * the scorer's catalog (its `certificateKinds`, the lender's own kinds included); anywhere else
   * the default catalog.
   */
  readonly catalog?: Catalog | readonly CertificateKindSpecInput[];
  /** The scorer's `minConfidence`; valid items are verified at least this confidently. Default 0.6. */
  readonly minConfidence?: number;
}

function optionsError(path: string, code: ValidationIssueCode, message: string): ValidationError {
  return new ValidationError('certificateEvidenceArbitrary options', [{ path: [path], code, message }]);
}

// One arbitrary per drawable kind, or undefined when this kind cannot be drawn that way for this
// holder (too young for it, or a pass/fail kind that has no scale to be off).
function drawFor(
  spec: CertificateKindSpec,
  validity: Exclude<EvidenceValidity, 'duplicate'>,
  holder: EvidenceHolder,
  asOf: string,
  minConfidence: number,
): fc.Arbitrary<CertificateEvidence> | undefined {
  const valid = validIssueWindow(spec, holder.birthDate, asOf);
  const verification = acceptedVerification(spec, minConfidence);
  switch (validity) {
    case 'valid':
    case 'holder_mismatch': {
      if (valid === undefined) return undefined;
      const who = validity === 'valid' ? matchingHolder(holder.identity) : mismatchedHolder(holder.identity);
      const main = evidenceItem(spec, { dates: validDates(valid, asOf), reading: onScaleReading(spec.scale), holder: who, verification });
      // A kind with a second reporting scale (TOEFL's bands) is drawn on it too, issued since it began.
      const altWindow = alternateIssueWindow(spec.scale, valid);
      const altReading = alternateReading(spec.scale);
      const items =
        altWindow === undefined || altReading === undefined
          ? main
          : fc.oneof(main, evidenceItem(spec, { dates: validDates(altWindow, asOf), reading: altReading, holder: who, verification }));
      return items.filter((e) => readingCounts(spec, e));
    }
    case 'below_useful_level': {
      const reading = belowUsefulReading(spec.scale);
      if (valid === undefined || reading === undefined) return undefined;
      return evidenceItem(spec, { dates: validDates(valid, asOf), reading, holder: matchingHolder(holder.identity), verification }).filter(
        (e) => !readingCounts(spec, e),
      );
    }
    case 'off_scale': {
      const reading = offScaleReading(spec.scale);
      if (valid === undefined || reading === undefined) return undefined;
      return evidenceItem(spec, { dates: validDates(valid, asOf), reading, holder: matchingHolder(holder.identity), verification });
    }
    case 'expired': {
      const byKind = expiredIssueWindow(spec, holder.birthDate, asOf);
      const byCard = cardExpiryIssueWindow(spec, holder.birthDate, asOf);
      const dates = [...(byKind ? [kindExpiredDates(byKind)] : []), ...(byCard ? [cardExpiredDates(byCard, asOf)] : [])];
      if (dates.length === 0) return undefined;
      return evidenceItem(spec, {
        dates: fc.oneof(...dates),
        reading: onScaleReading(spec.scale),
        holder: matchingHolder(holder.identity),
        verification,
      }).filter((e) => readingCounts(spec, e));
    }
  }
}

function kindsOf(options: CertificateEvidenceArbitraryOptions, catalog: Catalog): CertificateKindSpec[] {
  if (options.kind === undefined) return [...catalog.values()];
  const ids = typeof options.kind === 'string' ? [options.kind] : [...options.kind];
  const unknown = ids.filter((id) => !catalog.has(id));
  if (unknown.length > 0) throw optionsError('kind', 'unknown_kind', `kind(s) not in the catalog: ${unknown.join(', ')}`);
  return ids.map((id) => catalog.get(id) as CertificateKindSpec);
}

function duplicates(holder: EvidenceHolder, kinds: readonly CertificateKindSpec[], catalog: Catalog): fc.Arbitrary<CertificateEvidence> | undefined {
  const ids = new Set(kinds.map((k) => k.id));
  const held = (holder.evidence ?? []).filter((e) => ids.has(e.kind) || !catalog.has(e.kind));
  if (held.length === 0) return undefined;
  return fc.constantFrom(...held).chain((original) => duplicateOf(original, catalog.get(original.kind)));
}

/** The options {@link certificateEvidenceArbitrary} reads. */
const CERTIFICATE_EVIDENCE_ARBITRARY_OPTION_KEYS = everyKeyOf<CertificateEvidenceArbitraryOptions>()([
  'applicant',
  'asOf',
  'kind',
  'validity',
  'catalog',
  'minConfidence',
]);

/**
 * A fast-check arbitrary of certificate evidence for one holder, valid or deliberately invalid
 * in one stated way. A `'valid'` item is accepted by `assessEvidence` when appended to the
 * holder's (duplicate-free) evidence; an invalid one is rejected with the reason codes in
 * `evidenceRejectionReasons` and, on otherwise valid evidence, no other:
 * - `'expired'`: its card expiry date has passed, or its kind's validity (IELTS: 24 months) has run out;
 *   only kinds that expire (catalog `validity.expiresAfterMonths`) can be drawn expired;
 * - `'off_scale'`: a score outside the kind's range or between its steps (IELTS 7.25), or an unknown level;
 * - `'below_useful_level'`: a result on the kind's scale below its useful level (a TEM-8 fail, a
 *   CET-6 under 425, IELTS 3.5, a 4.4 driver rating, 999 followers): it cannot count, so it changes
 *   no decision;
 * - `'duplicate'`: repeats an item the holder already has (same document, same credential, or both);
 * - `'holder_mismatch'`: the issuer's record names someone else.
 * Dates are relative to `asOf`, never to a clock; the item is issued after the holder could plausibly hold it.
 *
 * @example
 * fc.assert(fc.property(
 *   applicantArbitrary().chain((a) => certificateEvidenceArbitrary({ applicant: a, validity: 'expired' }).map((e) => ({ a, e }))),
 *   ({ a, e }) => assessEvidence({ ...a, evidence: [...a.evidence, e] }).items.at(-1)?.status === 'rejected',
 * ));
 * @throws ValidationError when no kind can be drawn as asked (an unknown kind, a holder too young
 *   for every kind, `'duplicate'` with no evidence to repeat, `'off_scale'` or `'below_useful_level'`
 *   for pass/fail kinds only), an `asOf` after 9995-01-01 (`out_of_range`), or a `catalog` that is
 *   neither a catalog nor an array of valid kind specs (at `catalog`)
 */
export function certificateEvidenceArbitrary(given: CertificateEvidenceArbitraryOptions): fc.Arbitrary<CertificateEvidence> {
  refuseArguments('certificateEvidenceArbitrary options', [typeIssue([], given, 'object', 'an object of options, { applicant, ... }')]);
  // Read once into a plain copy, which the draws then use: a getter or Proxy (or an unknown option) is refused by name.
  const options = readOptionsOrRefuse(
    given,
    CERTIFICATE_EVIDENCE_ARBITRARY_OPTION_KEYS,
    'certificateEvidenceArbitrary options',
  ) as CertificateEvidenceArbitraryOptions;
  const { catalog, issues: catalogIssues } = catalogOption(options.catalog);
  if (catalogIssues.length > 0) throw new ValidationError('certificateEvidenceArbitrary options', catalogIssues);
  const holder = options.applicant;
  const asOf = options.asOf ?? holder?.asOf;
  if (holder === undefined || holder === null || typeof holder !== 'object')
    throw optionsError('applicant', 'invalid_type', 'applicant (the evidence holder) is required');
  if (!IsoDate.safeParse(asOf).success || !IsoDate.safeParse(holder.birthDate).success) {
    throw optionsError('asOf', 'invalid_date', 'asOf and applicant.birthDate must be ISO dates');
  }
  // Only the late end binds here: every date but a card expiry is drawn between birth and asOf.
  if ((asOf as string) > LATEST_DRAWABLE_AS_OF) {
    throw new ValidationError('certificateEvidenceArbitrary options', [drawableAsOfIssue(asOf as string) as ValidationIssue]);
  }
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw optionsError('minConfidence', 'out_of_range', 'minConfidence must be in [0, 1]');
  const kinds = kindsOf(options, catalog);
  const validity = options.validity ?? 'valid';
  const wanted: EvidenceValidity[] = validity === 'any' ? ['valid', 'expired', 'off_scale', 'below_useful_level', 'duplicate', 'holder_mismatch'] : [validity];
  const draws: fc.Arbitrary<CertificateEvidence>[] = [];
  for (const v of wanted) {
    if (v === 'duplicate') {
      const d = duplicates(holder, kinds, catalog);
      if (d !== undefined) draws.push(d);
      continue;
    }
    const drawable = (group: readonly CertificateKindSpec[]) =>
      group.map((spec) => drawFor(spec, v, holder, asOf as string, minConfidence)).filter((a) => a !== undefined);
    // A catalog's own kinds as often as the built-in ones together: one lender kind among two dozen
    // built-in ones would otherwise be met once in twenty-five draws.
    const own = drawable(kinds.filter((k) => defaultCatalog.get(k.id) !== k));
    const builtIn = drawable(kinds.filter((k) => defaultCatalog.get(k.id) === k));
    const groups = [own, builtIn].filter((g) => g.length > 0).map((g) => fc.oneof(...g));
    if (groups.length > 0) draws.push(groups.length === 1 ? (groups[0] as fc.Arbitrary<CertificateEvidence>) : fc.oneof(...groups));
  }
  if (draws.length === 0)
    throw optionsError('validity', 'no_feasible_kind', `no ${validity} evidence of the given kind(s) can be drawn for this holder on ${asOf}`);
  return draws.length === 1 ? (draws[0] as fc.Arbitrary<CertificateEvidence>) : fc.oneof(...draws);
}
