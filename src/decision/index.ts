export { createScorer, type Scorer, type ScorerOptions, type ScorerOptionsWithFeatures, type ApplicantInputWith, type DecideOptions, type ReassessUpdate, type BatchResult } from './createScorer.js';
export type { Decision, CertificateImpact, EvidenceSuggestion, EvidenceSuggestions, LimitMovement, DecisionReview } from './decision.js';
export { recordReview, recordContest, type ReviewInput, type ContestInput } from './recordReview.js';
export { adverseActionNotice, renderAdverseActionNotice, type AdverseActionNotice } from './adverseActionNotice.js';
export { assertAllowedDataCategories, dataCategoriesUsed, POLICY_DATA_CATEGORIES } from './dataCategoryCheck.js';
export type { DecisionAudit } from './audit.js';
export type { DecisionErrorData } from './toErrorData.js';
export type { ScoringModel, ContributionExplainer } from './scoringModel.js';
