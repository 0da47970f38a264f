import { isBannedDataItem } from '../evidence/bannedDataItem.js';
import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';

/** What {@link withoutBannedData} reads of a feature input or context. */
interface EvidenceView {
  readonly applicant: { readonly evidence: readonly CertificateEvidence[] };
  readonly evidence: readonly EvidenceAssessment[];
}

/**
 * A feature input as it would be had no item of a banned data category been uploaded: those items
 * are gone from the assessments and from the applicant's own evidence, and the rest keep their order
 * with their `index` renumbered to match. What a lender's feature is given: data the jurisdiction
 * bans may not be used, and a feature counting uploads, rejections or issuers would otherwise read it.
 * The input itself when it holds none (no copy on the hot path).
 */
export function withoutBannedData<T extends EvidenceView>(input: T): T {
  const { evidence } = input;
  if (!evidence.some(isBannedDataItem)) return input;
  const dropped = new Set<number>();
  for (const item of evidence) if (isBannedDataItem(item)) dropped.add(item.index);
  const uploads = input.applicant.evidence;
  const kept = uploads.map((_, i) => i).filter((i) => !dropped.has(i));
  const at = new Map(kept.map((old, i) => [old, i]));
  const view: EvidenceView = {
    applicant: { ...input.applicant, evidence: uploads.filter((_, i) => !dropped.has(i)) },
    // An assessment whose item is not in the applicant's evidence (a what-if appended after it) keeps its place after the rest.
    evidence: evidence.filter((e) => !isBannedDataItem(e)).map((e) => ({ ...e, index: at.get(e.index) ?? e.index - dropped.size })),
  };
  return { ...input, ...view };
}
