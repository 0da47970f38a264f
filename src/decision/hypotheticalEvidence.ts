import type { CertificateKindSpec } from '../catalog/certificateKindSpec.js';
import { typicalEvidence, type TypicalEvidence } from '../catalog/typicalEvidence.js';
import type { Catalog } from '../catalog/resolveCatalog.js';
import type { Applicant } from '../schema/applicant.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';
import { sha256Hex } from '../hashing/sha256Hex.js';

/**
 * The verifier confidence every what-if preview (`decision.suggestions`, `scorer.suggest`) assumes for
 * the certificate it names: a clean, verified upload (the credit law `suggestions_come_true` uploads
 * it so). A certificate's strength is proportional to its confidence, so an upload verified at or
 * above it gives at least the previewed limit on a model monotone in certificate strength; one
 * verified below it can fall short. An upload screen can say so with this figure.
 */
export const WHAT_IF_CONFIDENCE = 0.95;

/**
 * The confidence a scorer's previews assume: {@link WHAT_IF_CONFIDENCE}, or the scorer's
 * `minConfidence` where that floor is higher. A preview at 0.95 under a floor of 0.98 was refused
 * like any upload below the floor, so every suggestion vanished behind a false "no certificate would
 * lower the risk enough".
 */
export function previewConfidence(minConfidence: number): number {
  return Math.max(WHAT_IF_CONFIDENCE, minConfidence);
}

/** A what-if's document hash is a constant of its kind: hashed once per kind, not once per what-if. */
const documentHashes = new Map<string, string>();

function whatIfDocumentHash(kind: string): string {
  let hash = documentHashes.get(kind);
  if (hash === undefined) {
    // Kind ids come from catalogs a process builds; the bound only guards against unbounded growth.
    if (documentHashes.size >= 4096) documentHashes.clear();
    documentHashes.set(kind, (hash = sha256Hex(`creditlift what-if ${kind}`)));
  }
  return hash;
}

/**
 * The certificate a what-if preview assumes: the kind's typical result, issued on `asOf`,
 * verified by the kind's strongest accepted method, held by the applicant. It goes through the
 * same assessment as a real upload, so a kind the applicant could not plausibly hold (too young
 * for it, say) gains nothing.
 */
export function hypotheticalEvidence(
  applicant: Applicant,
  spec: CertificateKindSpec,
  catalog: Catalog,
  confidence: number,
): { evidence: CertificateEvidence; typical: TypicalEvidence } | undefined {
  const typical = typicalEvidence(spec.id, catalog);
  const method = spec.verificationMethods[0];
  if (typical === undefined || method === undefined) return undefined;
  return {
    typical,
    evidence: {
      kind: spec.id,
      issuer: 'what-if preview',
      credentialId: `what-if:${spec.id}`,
      holder: { idHash: applicant.identity.idHash },
      issueDate: applicant.asOf,
      ...(typical.score !== undefined ? { score: typical.score } : {}),
      ...(typical.level !== undefined ? { level: typical.level } : {}),
      verification: { method, confidence },
      documentHash: whatIfDocumentHash(spec.id),
    },
  };
}
