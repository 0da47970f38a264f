/**
 * `creditlift/internals`: the building blocks under each step of a decision (tree evaluation,
 * TreeSHAP, rule evaluation, pricing and limit arithmetic, the feature encoder), for tests,
 * research and tools that compose their own pipeline. No compatibility promise: these follow the
 * engine and may change in any minor version. Integrators use the root entry, `creditlift`.
 * @packageDocumentation
 */

// Catalog and evidence.
export {
  CertificateScale,
  CertificateValidity,
  LevelledScale,
  LocalizedName,
  NoScale,
  NumericScale,
  ScaleLevel,
  isOnGrid,
} from './catalog/certificateKindSpec.js';
export { readScale, type ScaleReading } from './catalog/readScale.js';
export { verificationFactors } from './evidence/verificationFactors.js';
export { validationIssuesFromZod } from './errors/validationError.js';
export { MAX_ECHO_LENGTH, truncateForMessage } from './errors/truncateForMessage.js';

// Features.
export type { FeatureContext } from './features/featureContext.js';
export { featureDefinitionsByName } from './features/featureDefinitions.js';
export {
  createFeatureEncoder,
  defaultFeatureColumns,
  featureMismatches,
  type FeatureEncoder,
  type FeatureInput,
  type UnseenCategory,
} from './features/featureEncoder.js';

// Model and explanation.
export { NodeMode, sigmoid, allocateTree, type NodeModeCode } from './model/treeEnsemble.js';
export { evaluateEnsemble, evaluateEnsembleBatch, type EnsembleEvaluation } from './model/evaluateEnsemble.js';
export { createTreeExplainer, type TreeExplainer, type TreeExplainerOptions } from './explain/createTreeExplainer.js';
export { coversFromBackground, type BackgroundSample } from './explain/coversFromBackground.js';
export { toProbabilitySpace } from './explain/treeShap/toProbabilitySpace.js';
export { groupContributions } from './explain/factorContributions.js';
export { principalReasons } from './explain/principalReasons.js';

// Policy arithmetic.
export { canonicalJson } from './policy/policyHash.js';
export { evaluateRules, prepareRules, type RuleHits, type PreparedRules } from './policy/evaluateRules.js';
export { ageInYears } from './policy/ageInYears.js';
export { gradeFor } from './policy/grade.js';
export { priceApr } from './policy/pricing.js';
export { annuityFactor, annuityPerFen, monthlyPayment, largestPrincipal } from './policy/annuity.js';
export { paymentOn, largestPrincipalAt, type PerFen } from './policy/perFen.js';
export { exactDecimal, type ExactDecimal } from './policy/exactDecimal.js';
export { dearestRepayment, repaymentAt, type DearestRepayment, type TestedRepayment } from './policy/affordabilityPayment.js';
export { effectiveIncome, dsrBandFor } from './policy/effectiveIncome.js';
export {
  affordabilityInputOf,
  checkAffordability,
  affordabilityCapacity,
  type AffordabilityInput,
  type AffordabilityCapacity,
} from './policy/affordability.js';
export { composeLimit, roundDownToStep, riskLimit, incomeMultipleAt, regulatoryHeadroom, BINDING_PRIORITY, type ComposedLimit } from './policy/limit.js';
export { applyStepLimits, prepareStepLimits, StepLimitInput, type PreparedStepLimits, type StepBound } from './policy/stepLimit.js';
export { applyReduction } from './policy/applyReduction.js';
export { preparePolicy, type PreparedPolicy, type PolicyLimit } from './policy/applyPolicy.js';
