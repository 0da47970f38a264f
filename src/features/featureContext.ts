import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { Applicant } from '../schema/applicant.js';

/** What every feature is computed from: the validated applicant and the assessment of its evidence. */
export interface FeatureContext {
  readonly applicant: Applicant;
  readonly evidence: readonly EvidenceAssessment[];
}
