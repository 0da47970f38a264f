import { exampleApplicants, exampleStory } from '../examples/index.js';
import {
  assessEvidence,
  defaultCatalog,
  evidenceReasons,
  type ApplicantInput,
  type BilingualText,
  type Catalog,
  type CertificateEvidence,
  type CertificateKindSpec,
  type EvidenceReasonCode,
  parseApplicant,
  type PolicyConfig,
} from '../index.js';

/**
 * The evidence reasons that say the catalog does not know a certificate as written (its kind, its
 * result's scale, its verification method), in the order a left-out certificate names them: never
 * the point of an example, which the examples are written for the default catalog to make.
 */
const MISFITS = [
  'unknown_kind',
  'banned_data_category',
  'score_off_scale',
  'score_scale_ambiguous',
  'level_unknown',
  'reading_not_on_scale',
  'verification_method_not_accepted',
] as const satisfies readonly EvidenceReasonCode[];

/** Why the catalog in use does not count a certificate as an example writes it: the code its decision would refuse it with. */
export type LeftOutReason = (typeof MISFITS)[number];

/** A certificate of an example that the catalog in use does not count as written, so the page's copy of the example leaves it out. */
export interface LeftOutCertificate {
  /** Its place in the example as written (`applicant.evidence` of `exampleApplicants`). */
  readonly index: number;
  readonly kind: string;
  readonly credentialId: string;
  readonly reason: LeftOutReason;
  /** What is wrong with it under this catalog and that it was left out, both languages. */
  readonly text: BilingualText;
}

/** An example as the page serves it under the catalog in use, with every certificate it lost named. */
export interface PlaygroundExample {
  readonly id: string;
  readonly segment: string;
  /**
   * The example's story told of the applicant served ({@link exampleStory}): a phrase about a
   * certificate in `leftOut` is not in it, so the story never names a certificate the page does not show.
   */
  readonly story: string;
  /** The example's applicant less the certificates in `leftOut`. */
  readonly applicant: ApplicantInput;
  /** The certificates of the written example this catalog does not count as written, in their order; empty under the default catalog. */
  readonly leftOut: readonly LeftOutCertificate[];
}

/** What the scorer in use counts: the kinds it offers, the kinds its jurisdiction bans, and that jurisdiction. */
export interface CatalogInUse {
  readonly offered: readonly CertificateKindSpec[];
  readonly banned: readonly CertificateKindSpec[];
  readonly jurisdiction: Pick<PolicyConfig['jurisdiction'], 'id' | 'bannedDataCategories'>;
}

/**
 * The examples, each fitted to the catalog in use: a certificate the evidence assessment would refuse
 * under it for the catalog's sake ({@link MISFITS}: its kind missing or banned by the jurisdiction, its
 * result off the kind's scale as the catalog defines it, its verification method not one the kind
 * takes) is left out and named. The examples are written for the default catalog, where every
 * certificate fits: served as written under a lender's catalog without IELTS, the new graduate decided
 * with her IELTS refused `unknown_kind`, a fault of the example the page did not explain. Every example
 * stays listed (its income, debts and story still apply), even one left without certificates: what it
 * lost is said beside it. A result the catalog grades too low, a term run out, a duplicate and the like
 * are the catalog's judgment of the certificate, not a misfit, and stay.
 */
export function examplesUnderCatalog(inUse: CatalogInUse): PlaygroundExample[] {
  const catalog: Catalog = new Map([...inUse.offered, ...inUse.banned].map((k) => [k.id, k]));
  return exampleApplicants.map((e) => {
    const written = e.applicant.evidence ?? [];
    // Read as the decision reads them (the same assessment, catalog and bans), so what is left out is
    // exactly what a decision would refuse for the catalog's sake.
    const assessed = assessEvidence(parseApplicant(e.applicant), {
      catalog,
      bannedDataCategories: inUse.jurisdiction.bannedDataCategories,
    }).items;
    const leftOut: LeftOutCertificate[] = [];
    for (const item of assessed) {
      const reason = MISFITS.find((r) => item.reasons.includes(r));
      const c = written[item.index];
      if (reason !== undefined && c !== undefined)
        leftOut.push({ index: item.index, kind: c.kind, credentialId: c.credentialId, reason, text: textOf(c, reason, catalog, inUse) });
    }
    const gone = new Set(leftOut.map((l) => l.index));
    // A deep copy: the examples are frozen and shared, and the page's copy is its own.
    const applicant = structuredClone(
      e.applicant.evidence === undefined ? e.applicant : { ...e.applicant, evidence: written.filter((_, i) => !gone.has(i)) },
    ) as ApplicantInput;
    return { id: e.id, segment: e.segment, story: exampleStory(e, (i) => !gone.has(i)), applicant, leftOut };
  });
}

/** What is wrong with `c` under the catalog in use, naming it, and that it was left out, both languages. */
function textOf(c: CertificateEvidence, reason: LeftOutReason, catalog: Catalog, inUse: CatalogInUse): BilingualText {
  const spec = catalog.get(c.kind);
  const name = (spec ?? defaultCatalog.get(c.kind))?.names ?? { en: c.kind, zhHans: c.kind };
  const detail: Record<LeftOutReason, () => string> = {
    unknown_kind: () => 'not in the catalog in use',
    banned_data_category: () => `of ${spec?.dataCategory ?? 'a'} data, which the policy's jurisdiction (${inUse.jurisdiction.id}) bans`,
    score_off_scale: () => `${resultOf(c)} is not a result on the kind's scale in the catalog in use`,
    score_scale_ambiguous: () => `${resultOf(c)} is a result on both of the kind's scales in the catalog in use, and the example does not say which`,
    level_unknown: () => `${resultOf(c)} is not a level the kind awards in the catalog in use`,
    reading_not_on_scale: () => `${resultOf(c)} is not how the kind is graded in the catalog in use`,
    verification_method_not_accepted: () =>
      `verified by ${c.verification.method}, which the kind does not take in the catalog in use (it takes ${spec?.verificationMethods.join(', ')})`,
  };
  return {
    en: `${name.en} (${c.kind}), ${c.credentialId}: ${detail[reason]()}; left out of this example (a decision would refuse it ${reason}).`,
    zhHans: `${name.zhHans}（${c.kind}），${c.credentialId}：${evidenceReasons[reason].zhHans}已从此示例中移除。`,
  };
}

/** The result as the example writes it. */
function resultOf(c: CertificateEvidence): string {
  if (c.score !== undefined) return `the score ${c.score}`;
  if (c.level !== undefined) return `the level "${c.level}"`;
  return 'a result of neither score nor level';
}
