export { createScorer, type Scorer, type ScorerOptions, type ScorerOptionsWithFeatures, type ApplicantInputWith, type DecideOptions, type ReassessUpdate, type BatchResult } from './createScorer.js';
export type { Decision, CertificateImpact, EvidenceSuggestion, EvidenceSuggestions, LimitMovement } from './decision.js';
export type { DecisionAudit } from './audit.js';
export type { DecisionErrorData } from './toErrorData.js';
export type { ScoringModel, ContributionExplainer } from './scoringModel.js';
