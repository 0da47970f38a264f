import { defaultCatalog } from '../catalog/resolveCatalog.js';
import { kindDataCategory } from '../catalog/certificateKindSpec.js';
import { readScale, type ScaleReading } from '../catalog/readScale.js';
import { exampleApplicants } from '../examples/index.js';
import { evidenceReasons, type ApplicantInput, type BilingualText, type CertificateEvidence, type CertificateKindSpec } from '../index.js';

/** Why the catalog in use does not count a certificate as an example writes it: the code its decision would refuse it with. */
export type LeftOutReason = 'unknown_kind' | 'banned_data_category' | Extract<ScaleReading, { ok: false }>['reason'] | 'verification_method_not_accepted';

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
  readonly story: string;
  /** The example's applicant less the certificates in `leftOut`. */
  readonly applicant: ApplicantInput;
  /** The certificates of the written example this catalog does not count as written, in their order; empty under the default catalog. */
  readonly leftOut: readonly LeftOutCertificate[];
}

/** What the scorer in use counts: the kinds it offers, the kinds its jurisdiction bans, and that jurisdiction's id. */
export interface CatalogInUse {
  readonly offered: readonly CertificateKindSpec[];
  readonly banned: readonly CertificateKindSpec[];
  readonly jurisdictionId: string;
}

/**
 * The examples, each fitted to the catalog in use: a certificate whose kind the catalog lacks or its
 * jurisdiction bans, whose result is not on the kind's scale as the catalog defines it, or whose
 * verification method the kind does not take, is left out and named. The examples are written for the
 * default catalog (where every certificate fits): served as written under a lender's catalog without
 * IELTS, the new graduate decided with her IELTS refused `unknown_kind`, a fault of the example the
 * page did not explain. Every example stays listed (its income, debts and story still apply), even
 * one left without certificates: what it lost is said beside it. A result the catalog grades lower,
 * a term that has run out and the like are the catalog's judgment, not a misfit, and stay.
 */
export function examplesUnderCatalog(inUse: CatalogInUse): PlaygroundExample[] {
  const offered = new Map(inUse.offered.map((k) => [k.id, k]));
  const banned = new Map(inUse.banned.map((k) => [k.id, k]));
  return exampleApplicants.map((e) => {
    const leftOut: LeftOutCertificate[] = [];
    const evidence = e.applicant.evidence?.filter((c, index) => {
      const misfit = misfitOf(c, offered, banned, inUse.jurisdictionId);
      if (misfit !== undefined) leftOut.push({ index, kind: c.kind, credentialId: c.credentialId, ...misfit });
      return misfit === undefined;
    });
    // A deep copy: the examples are frozen and shared, and the page's copy is its own.
    const applicant = structuredClone(evidence === undefined ? e.applicant : { ...e.applicant, evidence }) as ApplicantInput;
    return { id: e.id, segment: e.segment, story: e.story, applicant, leftOut };
  });
}

/** Why the catalog in use would refuse `c` for the catalog's own sake, read as the evidence assessment reads it; undefined when it fits. */
function misfitOf(
  c: CertificateEvidence,
  offered: ReadonlyMap<string, CertificateKindSpec>,
  banned: ReadonlyMap<string, CertificateKindSpec>,
  jurisdictionId: string,
): { readonly reason: LeftOutReason; readonly text: BilingualText } | undefined {
  const spec = offered.get(c.kind);
  const name = (spec ?? banned.get(c.kind) ?? defaultCatalog.get(c.kind))?.names ?? { en: c.kind, zhHans: c.kind };
  const said = (reason: LeftOutReason, en: string) => ({
    reason,
    text: {
      en: `${name.en} (${c.kind}), ${c.credentialId}: ${en}; left out of this example (a decision would refuse it ${reason}).`,
      zhHans: `${name.zhHans}（${c.kind}），${c.credentialId}：${evidenceReasons[reason].zhHans}已从此示例中移除。`,
    },
  });
  if (spec === undefined) {
    const ban = banned.get(c.kind);
    if (ban !== undefined) return said('banned_data_category', `of ${kindDataCategory(ban)} data, which the policy's jurisdiction (${jurisdictionId}) bans`);
    return said('unknown_kind', 'not in the catalog in use');
  }
  const reading = readScale(spec.scale, { score: c.score, level: c.level, issueDate: c.issueDate, scoreScale: c.scoreScale });
  if (!reading.ok) return said(reading.reason, `${resultOf(c)} ${SCALE_MISFIT[reading.reason]} in the catalog in use`);
  // A self-declared item is refused whatever the catalog says (self_declared_only): not a misfit.
  if (c.verification.method !== 'self_declared' && !spec.verificationMethods.includes(c.verification.method)) {
    return said(
      'verification_method_not_accepted',
      `verified by ${c.verification.method}, which the kind does not take in the catalog in use (it takes ${spec.verificationMethods.join(', ')})`,
    );
  }
  return undefined;
}

const SCALE_MISFIT: Readonly<Record<Extract<ScaleReading, { ok: false }>['reason'], string>> = {
  score_off_scale: "is not a result on the kind's scale",
  score_scale_ambiguous: "is a result on both of the kind's scales, and the example does not say which",
  level_unknown: 'is not a level the kind awards',
  reading_not_on_scale: 'is not how the kind is graded',
};

/** The result as the example writes it. */
function resultOf(c: CertificateEvidence): string {
  if (c.score !== undefined) return `the score ${c.score}`;
  if (c.level !== undefined) return `the level "${c.level}"`;
  return 'a result of neither score nor level';
}
