import fc from 'fast-check';
import type { Catalog } from '../../catalog/resolveCatalog.js';
import type { Scorer } from '../../decision/createScorer.js';
import type { Decision } from '../../decision/decision.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CertificateEvidence } from '../../schema/certificateEvidence.js';
import type { CreditLaw } from '../creditLaw.js';
import { certificateEvidenceArbitrary } from '../certificateEvidenceArbitrary.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { scorerEvidence } from '../_internals/scorerEvidence.js';
import { duplicateOf } from '../_internals/evidenceDraws.js';
import type { LawContext } from '../_internals/lawContext.js';
import { requireLaw } from '../_internals/runLaw.js';
import type { ValidationIssue } from '../../errors/validationError.js';

const bannedCatalogs = new WeakMap<Scorer, Catalog>();

/**
 * The kinds the scorer refuses for their data category (its `bannedCertificateKinds`: in a category
 * its jurisdiction bans, the lender's own kinds included), as a catalog to draw uploads from.
 */
function bannedKinds(scorer: Scorer): Catalog {
  let catalog = bannedCatalogs.get(scorer);
  if (catalog === undefined) bannedCatalogs.set(scorer, (catalog = new Map(scorer.bannedCertificateKinds.map((k) => [k.id, k]))));
  return catalog;
}

/**
 * Why the law has nothing to draw for this scorer, as the issue refusing it: a wrapper that did not
 * keep `bannedCertificateKinds`, or a catalog with no kind in a category the jurisdiction bans (the
 * default catalog under cn-consumer-finance-2024). Passing would say banned data was checked.
 */
function nothingToDraw(scorer: Scorer): ValidationIssue | undefined {
  const kinds = (scorer as Partial<Scorer>).bannedCertificateKinds;
  if (!Array.isArray(kinds))
    return {
      path: ['subject', 'scorer', 'bannedCertificateKinds'],
      code: 'invalid_type',
      message:
        "a scorer wrapper must keep the scorer's bannedCertificateKinds (banned_data_never_counts draws its uploads from them): spread the scorer into the wrapper",
    };
  if (kinds.length > 0) return undefined;
  const { id, bannedDataCategories } = scorer.policy.jurisdiction;
  return {
    path: ['subject', 'scorer'],
    code: 'nothing_to_check',
    message: `banned_data_never_counts has nothing to check: the scorer's jurisdiction ${id} bans ${bannedDataCategories.length === 0 ? 'no data category' : bannedDataCategories.join(', ')}, and no kind of its catalog is of ${bannedDataCategories.length === 1 ? 'it' : 'one of them'} (its bannedCertificateKinds is empty), so no upload of banned data can be drawn`,
  };
}

const VALIDITIES = ['valid', 'expired', 'off_scale', 'below_useful_level', 'holder_mismatch'] as const;

/** One upload of a banned kind: of any validity, or carrying the document or number of another item. */
function bannedUpload(holder: Applicant, banned: Catalog, others: readonly CertificateEvidence[]): fc.Arbitrary<CertificateEvidence> | null {
  // Every validity but 'duplicate', which would repeat one of the holder's own permitted items.
  const draws: fc.Arbitrary<CertificateEvidence>[] = [];
  for (const validity of VALIDITIES) {
    try {
      draws.push(certificateEvidenceArbitrary({ applicant: holder, validity, catalog: banned }));
    } catch {
      // Not drawable so for this holder (too young for the kind, or no scale to be off).
    }
  }
  if (draws.length === 0) return null;
  const fresh = fc.oneof(...draws);
  if (others.length === 0) return fresh;
  // The findings' case: a follower count under a permitted rating's issuer and number (or its document).
  const shadow = fc
    .record({ item: fresh, of: fc.constantFrom(...others), mode: fc.constantFrom('document', 'credential', 'both') })
    .map(({ item, of, mode }) => ({
      ...item,
      ...(mode === 'credential' ? {} : { documentHash: of.documentHash }),
      ...(mode === 'document' ? {} : { issuer: of.issuer, credentialId: of.credentialId }),
    }));
  return fc.oneof(fresh, shadow);
}

/** Up to three banned uploads, a second snapshot of one among them at times. */
function bannedUploads(
  holder: Applicant,
  banned: Catalog,
  others: readonly CertificateEvidence[],
  minLength: number,
): fc.Arbitrary<CertificateEvidence[]> | null {
  const one = bannedUpload(holder, banned, others);
  if (one === null) return null;
  return fc
    .array(one, { minLength, maxLength: 2 })
    .chain((items) =>
      items.length === 0
        ? fc.constant(items)
        : fc
            .option(duplicateOf(items[0] as CertificateEvidence, banned.get((items[0] as CertificateEvidence).kind)), { nil: undefined })
            .map((again) => (again === undefined ? items : [...items, again])),
    );
}

/** `items` with `inserted` placed among them at the drawn positions (each counted in the list as it grows). */
function interleaved(items: readonly CertificateEvidence[], inserted: readonly CertificateEvidence[], positions: readonly number[]): CertificateEvidence[] {
  const out = [...items];
  inserted.forEach((item, i) => out.splice((positions[i] ?? 0) % (out.length + 1), 0, item));
  return out;
}

/** An applicant, one permitted certificate a reassessment adds, and the same two with banned uploads among their evidence. */
type Drawn = {
  readonly applicant: Applicant;
  readonly added: readonly CertificateEvidence[];
  readonly withBanned: Applicant;
  readonly addedWithBanned: readonly CertificateEvidence[];
};

function drawn(ctx: LawContext, scorer: Scorer): fc.Arbitrary<Drawn | null> {
  const banned = bannedKinds(scorer);
  return ctx.applicants(3).chain((applicant): fc.Arbitrary<Drawn | null> => {
    let permitted: fc.Arbitrary<CertificateEvidence[]>;
    try {
      permitted = fc.array(scorerEvidence(ctx, { applicant, validity: 'valid' }), { maxLength: 1 });
    } catch {
      permitted = fc.constant([]);
    }
    return permitted.chain((added) => {
      const before = bannedUploads(applicant, banned, applicant.evidence, 1);
      const after = bannedUploads(applicant, banned, [...applicant.evidence, ...added], 0);
      if (before === null || after === null) return fc.constant(null);
      const positions = fc.array(fc.nat(), { minLength: 4, maxLength: 4 });
      return fc.record({ before, after, at: positions, addedAt: positions }).map(({ before, after, at, addedAt }) => ({
        applicant,
        added,
        withBanned: { ...applicant, evidence: interleaved(applicant.evidence, before, at) },
        addedWithBanned: interleaved(added, after, addedAt),
      }));
    });
  });
}

/** The positions of a decision's items refused for their data category. */
const bannedAt = (d: Decision): ReadonlySet<number> => new Set(d.evidence.filter((e) => e.reasons.includes('banned_data_category')).map((e) => e.index));

/**
 * Everything a decision says apart from its evidence list: its terms, reasons, impacts, previews and
 * movement, with the positions of the permitted items (which banned ones shift) left out, and the
 * ids that hash the whole input (the audit's, a shadow challenger's `decisionId`): the upload is on
 * the record, as it must be, so they differ; what the challenger decided must not.
 */
function terms(d: Decision): Record<string, unknown> {
  const banned = bannedAt(d);
  const { audit, evidence, certificateImpacts, movement, shadow, ...rest } = d;
  const { decisionId, ...shadowTerms } = (shadow ?? {}) as { decisionId?: string };
  return {
    ...rest,
    shadow: shadow === undefined ? undefined : shadowTerms,
    certificateImpacts: certificateImpacts.map(({ index, ...impact }) => impact),
    movement: movement && { ...movement, byEvidence: movement.byEvidence.filter((m) => !banned.has(m.index)).map(({ index, ...m }) => m) },
    permittedEvidence: evidence.filter((e) => !banned.has(e.index)).map(({ index, ...e }) => e),
  };
}

const shown = (x: unknown): string => {
  const text = JSON.stringify(x) ?? String(x);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

/**
 * Whether the decision refused every banned upload for its category alone: false when the scorer
 * does not know the kind (its catalog dropped it: an unknown kind, not banned data, and no case for
 * this law); a banned upload refused for anything else as well, or accepted, breaks the law.
 */
function refusedForCategory(path: string, d: Decision, expected: number): boolean {
  if (d.evidence.some((e) => e.reasons.includes('unknown_kind'))) return false;
  const ofBannedKinds = d.evidence.filter((e) => e.reasons.includes('banned_data_category'));
  requireLaw(
    ofBannedKinds.length === expected && ofBannedKinds.every((e) => e.status === 'rejected' && e.reasons.length === 1 && e.strength === 0),
    () =>
      `${path}: ${expected} upload(s) of a banned data category should each be refused with banned_data_category alone; the decision's evidence says ${shown(
        d.evidence.map((e) => `${e.index} ${e.kind} ${e.status} ${e.reasons.join('+')}`),
      )}`,
  );
  return true;
}

function compare(path: string, without: Decision, withBanned: Decision): void {
  const [a, b] = [terms(without), terms(withBanned)];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    requireLaw(
      JSON.stringify(a[key]) === JSON.stringify(b[key]),
      () => `${path}: uploads of a banned data category changed ${key} from ${shown(a[key])} to ${shown(b[key])}`,
    );
  }
}

/** Data the jurisdiction bans has no effect on any decision. */
export const bannedDataNeverCounts: CreditLaw = defineLaw({
  name: 'banned_data_never_counts',
  description:
    "Uploads of a kind whose data category the scorer's jurisdiction bans (a creator follower count under eu-ccd2, a lender's own kind declared health under either profile: valid or not, a second snapshot of one, or one carrying the document hash or issuer and number of a permitted certificate) are each refused with banned_data_category alone and change nothing else: deciding with them anywhere among the evidence gives the outcome, terms, reasons, certificate impacts, suggestions and permitted evidence of deciding without them, alone (decide), in a batch (decideBatch) and on a reassessment adding them (reassess). Scorer only; drawn from the scorer's bannedCertificateKinds, so a scorer whose catalog holds no banned kind (the default catalog under cn-consumer-finance-2024) is refused with nothing_to_check, never passed.",
  nothingToCheck: nothingToDraw,
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(drawn(ctx, scorer), async (d) => {
      if (d === null) return;
      const { applicant, added, withBanned, addedWithBanned } = d;
      const bannedBefore = withBanned.evidence.length - applicant.evidence.length;
      const plain = await scorer.decide(applicant);
      const banned = await scorer.decide(withBanned);
      if (!refusedForCategory('decide', banned, bannedBefore)) return;
      compare('decide', plain, banned);
      const [b0, b1] = batchDecisions(await scorer.decideBatch([applicant, withBanned])) as [Decision, Decision];
      refusedForCategory('decideBatch', b1, bannedBefore);
      compare('decideBatch', b0, b1);
      const next = await scorer.reassess(plain, { applicant, evidence: [...added] });
      const nextBanned = await scorer.reassess(banned, { applicant: withBanned, evidence: [...addedWithBanned] });
      refusedForCategory('reassess', nextBanned, bannedBefore + addedWithBanned.length - added.length);
      compare('reassess', next, nextBanned);
    }),
});
