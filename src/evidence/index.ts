export type { CertificateCategory, EvidenceAssessment, EvidenceReasonCode } from './evidenceAssessment.js';
export { assessEvidence, DEFAULT_MIN_CONFIDENCE, type AssessEvidenceOptions, type EvidenceReport } from './assessEvidence.js';
export { summarizeEvidence, type CategorySummary, type EvidenceSummary } from './evidenceSummary.js';
export { evidenceReasons, evidenceReasonCodes } from './evidenceReasons.js';
export { verificationFactors } from './verificationFactors.js';
