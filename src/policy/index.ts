/**
 * The credit policy: pure functions from an applicant, a PD and a policy configuration to an
 * outcome, a price and a limit. No model, no I/O, no clock.
 */
export { MAX_APR, REGULATORY_CAP_PER_BORROWER_FEN, CITY_TIERS, PolicyConfig, GradeBand, DsrBand, aprCapInForce } from './policyConfig.js';
export { JurisdictionProfile, jurisdictionProfiles, cnConsumerFinance2024, euCcd2 } from './jurisdictionProfile.js';
export { comprehensiveCost, type ComprehensiveCost, type PlanCashFlows } from './comprehensiveCost.js';
export {
  instalmentCost,
  instalmentCashFlows,
  revolvingCost,
  revolvingCashFlows,
  REVOLVING_COST_HORIZON_MONTHS,
  type PlanFees,
  type InstalmentPlanTerms,
} from './planCosts.js';
export { offeredPlans, type OfferedPlan } from './offeredPlans.js';
export { defaultPolicy } from './defaultPolicy.js';
export { resolvePolicy, type PolicyOverrides } from './resolvePolicy.js';
export { validatePolicy } from './validatePolicy.js';
export { PolicyInvalidError } from './policyInvalidError.js';
export { policyHash, canonicalJson } from './policyHash.js';
export { policyReasons, type PolicyReason, type PolicyReasonCode, type PolicyFactor } from './policyReasons.js';
export { evaluateRules, prepareRules, type PolicyHit, type PolicyFlags, type RuleHits, type PreparedRules } from './evaluateRules.js';
export { ageInYears } from './ageInYears.js';
export { gradeFor } from './grade.js';
export { priceApr, dailyRateText, DAYS_PER_YEAR, type AprQuote } from './pricing.js';
export { annuityFactor, annuityPerFen, monthlyPayment, largestPrincipal } from './annuity.js';
export { paymentOn, largestPrincipalAt, type PerFen } from './perFen.js';
export { exactDecimal, type ExactDecimal } from './exactDecimal.js';
export { dearestRepayment, repaymentAt, type DearestRepayment, type TestedRepayment } from './affordabilityPayment.js';
export { effectiveIncome, dsrBandFor } from './effectiveIncome.js';
export {
  affordabilityInputOf,
  checkAffordability,
  affordabilityCapacity,
  affordabilityCheckLabels,
  type AffordabilityInput,
  type AffordabilityCheck,
  type AffordabilityCheckId,
  type AffordabilityAssessment,
  type AffordabilityCapacity,
} from './affordability.js';
export {
  composeLimit,
  roundDownToStep,
  riskLimit,
  incomeMultipleAt,
  regulatoryHeadroom,
  lenderCapHeadroom,
  BINDING_PRIORITY,
  type BindingConstraint,
  type LimitCaps,
  type ComposedLimit,
} from './limit.js';
export { applyStepLimits, prepareStepLimits, type PreparedStepLimits, LimitChange, StepLimitInput, type StepBound, type SteppedLimit } from './stepLimit.js';
export { applyReduction } from './applyReduction.js';
export {
  applyPolicy,
  preparePolicy,
  type PreparedPolicy,
  type PolicyLimit,
  type PolicyInput,
  type PolicyResult,
  type PolicyOutcome,
  type LimitSetBy,
} from './applyPolicy.js';
