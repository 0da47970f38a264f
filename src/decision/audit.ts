import { canonicalJson } from '../hashing/canonicalJson.js';
import { sha256Hex } from '../hashing/sha256Hex.js';

/**
 * What makes a decision reproducible and accountable. Holds no personal data beyond the
 * caller's own applicant id: the input is present only as a hash.
 */
export interface DecisionAudit {
  /** Deterministic: the same inputs, model, policy and version give the same id. */
  readonly decisionId: string;
  readonly applicantId: string;
  readonly asOf: string;
  /** Model name@version from its manifest. */
  readonly modelId: string;
  /** SHA-256 of the ONNX file's bytes. */
  readonly modelSha256: string;
  /** SHA-256 of the canonical JSON of the policy in force. */
  readonly policyHash: string;
  /** SHA-256 of the canonical JSON of the catalog in force. */
  readonly catalogHash: string;
  /** SHA-256 of the canonical JSON of the validated applicant. */
  readonly inputHash: string;
  /** creditlift package version. */
  readonly engineVersion: string;
  /** What produced it: a first decision, a reassessment, or a customer's reduction. */
  readonly kind: 'decide' | 'reassess' | 'reduction' | 'review' | 'contest';
  /** For reassessments and reductions: the decision it followed. */
  readonly priorDecisionId?: string;
}

/**
 * Builds the audit record; the id hashes everything that can change the result.
 *
 * @param parts.inputJson the decision's input serialised deterministically by the caller. For
 *   validated applicants plain JSON.stringify is deterministic already (zod writes keys in schema
 *   order whatever order the caller used), which spares the hot path a sorting canonicaliser.
 */
export function buildAudit(parts: Omit<DecisionAudit, 'decisionId' | 'inputHash'> & { readonly inputJson: string }): DecisionAudit {
  const { inputJson, ...rest } = parts;
  const inputHash = sha256Hex(inputJson);
  const decisionId = `dec_${sha256Hex(canonicalJson({ ...rest, inputHash })).slice(0, 32)}`;
  return { decisionId, inputHash, ...rest };
}
