import type { EvidenceReasonCode } from '../evidence/evidenceAssessment.js';

/** What a drawn evidence item is meant to be: accepted, or rejected for one stated reason. */
export type EvidenceValidity = 'valid' | 'expired' | 'off_scale' | 'below_useful_level' | 'duplicate' | 'holder_mismatch';

/** The deliberately invalid kinds of evidence the kit draws. */
export type InvalidEvidence = Exclude<EvidenceValidity, 'valid'>;

/**
 * The reason codes `assessEvidence` gives each deliberately invalid kind: a drawn item is
 * rejected with at least one of these and, when everything it repeats was valid, with no other.
 *
 * @example expect(report.items.at(-1)?.reasons).toContain(...evidenceRejectionReasons.expired)
 */
export const evidenceRejectionReasons: Readonly<Record<InvalidEvidence, readonly EvidenceReasonCode[]>> = Object.freeze({
  expired: Object.freeze(['expired'] as const),
  off_scale: Object.freeze(['score_off_scale', 'level_unknown', 'reading_not_on_scale'] as const),
  below_useful_level: Object.freeze(['result_below_useful_level'] as const),
  duplicate: Object.freeze(['duplicate_document', 'duplicate_credential'] as const),
  holder_mismatch: Object.freeze(['holder_mismatch'] as const),
});
