import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { Applicant } from '../schema/applicant.js';

/**
 * What every feature is computed from: the validated applicant and the assessment of its
 * evidence. `TAttributes` types the lender's own declared attributes (`applicant.attributes`),
 * validated by the lender's schema before any feature sees them. An upload of a data category the
 * jurisdiction bans is in neither `evidence` nor `applicant.evidence` (the rest renumbered): no
 * feature may use it.
 */
export interface FeatureContext<TAttributes = unknown> {
  readonly applicant: Omit<Applicant, 'attributes'> & { readonly attributes: TAttributes };
  readonly evidence: readonly EvidenceAssessment[];
}
