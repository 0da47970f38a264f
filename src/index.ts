/**
 * creditlift: explainable credit-limit decisions for people classic credit data barely sees.
 *
 * The public face, by explicit list: what an integrator calls and the types they hold. The flow of
 * a decision: input schemas -> evidence assessment -> features -> model -> policy -> decision.
 * Building blocks of each step (pricing arithmetic, tree evaluation, rule evaluation...) are in
 * `creditlift/internals`; training in `creditlift/train`, the budget assistant in
 * `creditlift/health`, property-testing tools in `creditlift/testing`.
 *
 * Adding a public export: add it to the group of its layer below (one `export` per source
 * module), then run `npm run api:report` and commit the updated `api/` report.
 * @packageDocumentation
 */

// Errors: one model, stable codes.
export { CreditliftError, CREDITLIFT_ERROR_CODES, type CreditliftErrorCode, type CreditliftErrorData } from './errors/creditliftError.js';
export { ValidationError, MAX_ISSUES, formatPath, type ValidationIssue, type ValidationErrorCode, type ValidationErrorData } from './errors/validationError.js';
export { CREDITLIFT_ISSUE_CODES, ZOD_ISSUE_CODES, type ValidationIssueCode } from './errors/validationIssueCode.js';
export { PolicyInvalidError } from './policy/policyInvalidError.js';
export { toProblemDetails, PROBLEM_STATUS, PROBLEM_JSON_MEDIA_TYPE, type ProblemDetails, type ProblemDetailsOptions } from './errors/toProblemDetails.js';
export { isProtectedKey } from './errors/validationError.js';
export { parseStrictJson, type StrictJson } from './json/parseStrictJson.js';

// Input schemas (zod; the types come from them).
export type { DeepReadonly } from './common/deepReadonly.js';
export { Fen, MAX_MONEY_FEN, IsoDate, Sha256Hex, Count, Share } from './schema/primitives.js';
export { VerificationMethod, CertificateHolder, CertificateEvidence, MAX_EVIDENCE_ITEMS, type CertificateEvidenceInput } from './schema/certificateEvidence.js';
export { Applicant, EmploymentType, Industry, IncomeSource, Region, type ApplicantInput } from './schema/applicant.js';
export { parseApplicant, safeParseApplicant, type SafeParseApplicantResult } from './schema/parseApplicant.js';
export { applicantJsonSchema, certificateEvidenceJsonSchema, type JsonSchema } from './schema/jsonSchema.js';
export { applicantServiceJsonSchema, certificateEvidenceServiceJsonSchema } from './schema/serviceJsonSchema.js';

// Certificate catalog and evidence assessment.
export { CertificateCategory, CertificateKindSpec, DEFAULT_MIN_USEFUL_VALUE, type CertificateKindSpecInput } from './catalog/certificateKindSpec.js';
export { defaultCertificateKinds } from './catalog/defaultCertificateKinds.js';
export { defaultCatalog, resolveCatalog, type Catalog } from './catalog/resolveCatalog.js';
export { certificateKindSpecJsonSchema } from './catalog/certificateKindSpecJsonSchema.js';
// The typical certificate of a kind, as what-if previews assume it: a UI previews an upload with it.
export { typicalEvidence, type TypicalEvidence } from './catalog/typicalEvidence.js';
export type { EvidenceAssessment, EvidenceReasonCode } from './evidence/evidenceAssessment.js';
export { assessEvidence, DEFAULT_MIN_CONFIDENCE, type AssessEvidenceOptions, type EvidenceReport } from './evidence/assessEvidence.js';
export { summarizeEvidence, type CategorySummary, type EvidenceSummary } from './evidence/evidenceSummary.js';
export { evidenceReasons, evidenceReasonCodes } from './evidence/evidenceReasons.js';

// Features and the model.
export { featureDefinitions, type FeatureDefinition, type FeatureFactor, type FeatureReasons, type FeatureText } from './features/featureDefinitions.js';
export { builtInFeatures, builtInFeatureSet, defineFeatureSet, type FeatureSet, type FeatureSetSpec } from './features/featureSet.js';
export { builtInDataCategories } from './features/featureDataCategories.js';
export { FeatureMismatchError, type FeatureMismatch } from './features/featureMismatchError.js';
export { parseFeatureApplicant } from './features/parseFeatureApplicant.js';
export { MANIFEST_METADATA_KEY, ModelManifest, ManifestFeature } from './model/manifest.js';
export { loadModel, type LoadedModel, type LoadModelOptions } from './model/loadModel.js';
export type { ModelEvaluatorInfo, ModelEvaluatorOption } from './model/chooseModelEvaluator.js';
export { defaultModelPath } from './model/defaultModelPath.js';
export { decodeTreeEnsembleModel, type DecodedTreeModel } from './model/onnx/decodeTreeEnsemble.js';
export type { TreeEnsemble, Tree, PostTransform } from './model/treeEnsemble.js';

// Credit policy.
export { MAX_APR, REGULATORY_CAP_PER_BORROWER_FEN, CITY_TIERS, PolicyConfig, GradeBand, DsrBand } from './policy/policyConfig.js';
export { JurisdictionProfile, jurisdictionProfiles, cnConsumerFinance2024, euCcd2 } from './policy/jurisdictionProfile.js';
export { defaultPolicy } from './policy/defaultPolicy.js';
export { resolvePolicy, type PolicyOverrides } from './policy/resolvePolicy.js';
export { validatePolicy } from './policy/validatePolicy.js';
export { policyHash } from './policy/policyHash.js';
export { policyReasons, type PolicyReason, type PolicyReasonCode, type PolicyFactor } from './policy/policyReasons.js';
export { dailyRateText, DAYS_PER_YEAR, type AprQuote } from './policy/pricing.js';
export type { PolicyHit, PolicyFlags } from './policy/evaluateRules.js';
export { affordabilityCheckLabels, type AffordabilityCheck, type AffordabilityCheckId, type AffordabilityAssessment } from './policy/affordability.js';
export type { TestedRepayment } from './policy/affordabilityPayment.js';
export type { BindingConstraint, LimitCaps } from './policy/limit.js';
export { LimitChange, type SteppedLimit } from './policy/stepLimit.js';
export { applyPolicy, type PolicyInput, type PolicyResult, type PolicyOutcome, type LimitSetBy } from './policy/applyPolicy.js';
export { comprehensiveCost, type ComprehensiveCost, type PlanCashFlows } from './policy/comprehensiveCost.js';

// Explanations.
export { factorCatalog, type BilingualText, type FactorEntry } from './explain/factorCatalog.js';
export { MAX_PRINCIPAL_REASONS, MODEL_REASON_MIN_LOG_ODDS, type PrincipalReason } from './explain/principalReasons.js';
export type { FactorContribution } from './explain/factorContributions.js';

// Decisions: the scorer, the pool, services.
export {
  createScorer,
  type Scorer,
  type ScorerOptions,
  type ScorerOptionsWithFeatures,
  type ApplicantInputWith,
  type BatchDecideOptions,
  type DecideOptions,
  type DecideResult,
  type SuggestOptions,
  type ReassessUpdate,
  type ReassessOptions,
  type BatchResult,
} from './decision/createScorer.js';
export {
  Decision,
  DecisionAudit,
  DecisionEvidence,
  DecisionLimitSetBy,
  LineAction,
  CertificateImpact,
  EvidenceSuggestion,
  EvidenceSuggestions,
  LimitMovement,
  decisionJsonSchema,
} from './decision/decision.js';
export { lineOnFileAfter } from './decision/lineOnFile.js';
export { scorerReassessBatch, type ReassessBatch, type ReassessBatchOptions, type ReassessItem } from './decision/reassessBatch.js';
export { WHAT_IF_CONFIDENCE } from './decision/hypotheticalEvidence.js';
export { adverseActionNotice, renderAdverseActionNotice, type AdverseActionNotice, type AdverseActionNoticeOptions } from './decision/adverseActionNotice.js';
export { decisionServiceJsonSchema } from './service/decisionServiceJsonSchema.js';
export { PriorInvalidError } from './decision/priorInvalidError.js';
export { ReviewInvalidError } from './decision/reviewInvalidError.js';
export { verifyDecision, type VerifyDecisionOptions, type DecisionVerification, type DecisionSigner } from './decision/verifyDecision.js';
export type { ReviewInput, ContestInput } from './decision/recordReview.js';
export type { FollowUpOptions } from './decision/explainFollowUp.js';
export type { LineOnFile } from './decision/priorOnFile.js';
export type { ReductionOptions } from './decision/reduceLine.js';
export type { DecisionErrorData } from './decision/toErrorData.js';
export type { ScoringModel, ContributionExplainer } from './decision/scoringModel.js';
export { createScorerPool, type ScorerPool, type ScorerPoolOptions } from './parallel/createScorerPool.js';
export type { BatchResultJson } from './parallel/batchResultJson.js';
export * from './simulate/index.js';
export * from './monitor/index.js';
export { ENGINE_VERSION } from './version.js';
