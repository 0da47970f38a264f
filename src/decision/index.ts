export {
  createScorer,
  type Scorer,
  type ScorerOptions,
  type ScorerOptionsWithFeatures,
  type ApplicantInputWith,
  type DecideOptions,
  type DecideResult,
  type SuggestOptions,
  type ReassessUpdate,
  type ReassessOptions,
  type BatchResult,
} from './createScorer.js';
export {
  Decision,
  DecisionAudit,
  DecisionEvidence,
  DecisionLimitSetBy,
  DecisionReview,
  LineAction,
  CertificateImpact,
  EvidenceSuggestion,
  EvidenceSuggestions,
  LimitMovement,
  decisionJsonSchema,
} from './decision.js';
export { PriorInvalidError } from './priorInvalidError.js';
export { scorerReassessBatch, type ReassessBatch, type ReassessBatchOptions, type ReassessItem } from './reassessBatch.js';
export { ReviewInvalidError } from './reviewInvalidError.js';
export type { ReviewInput, ContestInput } from './recordReview.js';
export type { FollowUpOptions } from './explainFollowUp.js';
export type { LineOnFile } from './priorOnFile.js';
export type { ReductionOptions } from './reduceLine.js';
export { adverseActionNotice, renderAdverseActionNotice, type AdverseActionNotice } from './adverseActionNotice.js';
export { assertAllowedDataCategories, dataCategoriesUsed, POLICY_DATA_CATEGORIES } from './dataCategoryCheck.js';
export type { DecisionErrorData } from './toErrorData.js';
export type { ScoringModel, ContributionExplainer } from './scoringModel.js';
export type { ShadowDecision } from './decision.js';
export { createChampionChallengerScorer, checkChallengers, type Challenger, type ChallengerMode } from './challengers/championChallenger.js';
export { assignArm, assignmentPoint, CHAMPION_ARM, DEFAULT_ASSIGNMENT_KEY } from './challengers/assignArm.js';
