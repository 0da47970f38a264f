import { ValidationError } from '../errors/validationError.js';
import type { Applicant } from '../schema/applicant.js';
import { checkedApplicant } from '../schema/checkedApplicant.js';
import { affordabilityCapacity, affordabilityInputOf, checkAffordability, type AffordabilityAssessment, type AffordabilityCheckId } from './affordability.js';
import { assertPd } from './assertPd.js';
import { defaultPolicy } from './defaultPolicy.js';
import { prepareRules, type PolicyFlags, type PolicyHit } from './evaluateRules.js';
import { gradeFor } from './grade.js';
import { composeLimit, lenderCapHeadroom, regulatoryHeadroom, riskLimit, roundDownToStep, type BindingConstraint, type LimitCaps } from './limit.js';
import type { PolicyConfig } from './policyConfig.js';
import { policyHashOf } from './policyHash.js';
import type { PolicyReasonCode } from './policyReasons.js';
import { offeredPlans, type OfferedPlan } from './offeredPlans.js';
import { priceApr, type AprQuote } from './pricing.js';
import { MAX_LEDGER_ENTRIES, prepareParsedStepLimits, prepareStepLimits, type LimitChange, type SteppedLimit } from './stepLimit.js';
import { validatePolicy } from './validatePolicy.js';

/** What finally set a limit: a cap, or a step limit on raising an existing line. */
export type LimitSetBy = BindingConstraint | 'step_limit';

/** The decision the policy reaches. */
export type PolicyOutcome = 'approve' | 'refer' | 'decline';

/** Input of {@link applyPolicy}. */
export interface PolicyInput {
  /** A validated applicant (`Applicant.parse`); `asOf` is the decision date. */
  readonly applicant: Applicant;
  /** The model's 12-month probability of default, in [0, 1]. */
  readonly pd: number;
  /** Upstream signals; default: no flags. */
  readonly flags?: PolicyFlags;
  /** The policy; default {@link defaultPolicy}. Validated (once, if frozen). */
  readonly policy?: PolicyConfig;
  /**
   * Ledger of recent limit changes, for step limits when the applicant already has a line, or had
   * one: a line at 0 whose ledger holds rises inside the window reopens as a step.
   */
  readonly limitHistory?: readonly LimitChange[];
}

/** Everything the policy decided and every number it decided with. Money in integer fen. */
export interface PolicyResult {
  readonly outcome: PolicyOutcome;
  /**
   * What the automated policy alone decided. Differs from `outcome` only when the customer asked
   * for no solely automated decision (`controls.humanReview`): `outcome` is then `refer` and this
   * is the proposal a reviewer sees.
   */
  readonly automatedOutcome: PolicyOutcome;
  /**
   * Policy reason codes in a fixed order: knock-outs, the customer's cap or request below the
   * minimum (where it binds), a step limit that held the line below the minimum (a closed line the
   * window leaves no room to reopen), refers, a balance owed on the line that is unaffordable by
   * itself, minimum, affordability, binding cap, step limit. A
   * step limit that bound (`limitSetBy: 'step_limit'`) leaves the binding cap out: the cap did not
   * set the limit, the step did.
   */
  readonly reasons: readonly PolicyReasonCode[];
  readonly knockouts: readonly PolicyHit[];
  readonly refers: readonly PolicyHit[];
  readonly pd: number;
  readonly grade: string;
  /** APR as a fraction (whole basis points), its daily rate and the product's daily-rate text. */
  readonly apr: number;
  readonly dailyRate: number;
  readonly dailyRateText: string;
  readonly pricing: AprQuote;
  /** Every plan offered on the line (revolving and each instalment plan) with its comprehensive cost. */
  readonly plans: readonly OfferedPlan[];
  /** Monthly net income after the source haircut. */
  readonly effectiveIncome: number;
  readonly riskLimit: number;
  readonly affordabilityCapacity: number;
  /** The affordability check that stops the capacity going higher. */
  readonly affordabilityBindingCheck: AffordabilityCheckId;
  /** Every cap on the limit (`null`: customer cap not given). */
  readonly caps: LimitCaps;
  /** The smallest cap, rounded down, before step limits. */
  readonly composedLimit: number;
  readonly bindingConstraint: BindingConstraint;
  /** What finally set the limit: the binding cap, or `step_limit` when a step limit on raising an existing line held it lower (on a first decision on an existing line as on a reassessment). */
  readonly limitSetBy: LimitSetBy;
  /** Step limits, when the applicant has a line (or had one within the window) and the proposal raised it. */
  readonly stepLimit: SteppedLimit | null;
  /** The limit granted (approve) or proposed for review (refer), fen; 0 on decline or below the minimum. */
  readonly limit: number;
  /**
   * The affordability checks at `affordability.limit`: the limit the policy composed (after step
   * limits), the one granted or proposed, or the one a knock-out declines (what the line would have
   * cost); the product minimum when that limit is below it. So on a knock-out `limit` is 0 and the
   * checks are at the composed limit; read `affordability.limit` for the limit tested.
   */
  readonly affordability: AffordabilityAssessment;
  readonly policyName: string;
  readonly policyVersion: string;
  /** SHA-256 of the policy's canonical JSON; see {@link policyHash}. */
  readonly policyHash: string;
}

const affordabilityLimitReason: Readonly<Record<AffordabilityCheckId, PolicyReasonCode>> = {
  income_level: 'limit_affordability_income_level',
  debt_service: 'limit_affordability_debt_service',
  residual_income: 'limit_affordability_residual_income',
};

const affordabilityFailureReason: Readonly<Record<AffordabilityCheckId, PolicyReasonCode>> = {
  income_level: 'income_level_too_low',
  debt_service: 'debt_service_too_high',
  residual_income: 'residual_income_too_low',
};

const bindingReason: Readonly<Record<Exclude<BindingConstraint, 'affordability'>, PolicyReasonCode>> = {
  risk: 'limit_risk_grade',
  regulatory: 'limit_regulatory_cap',
  lender_cap: 'limit_lender_cap',
  product_max: 'limit_product_max',
  self_cap: 'limit_self_cap',
  requested: 'limit_requested',
};

/**
 * The credit policy as one pure function: knock-outs and refer rules, grade, risk-based APR,
 * affordability capacity, every cap on the limit, the limit (smallest cap, rounded down to
 * 100 RMB), step limits for an existing line, and the outcome. Deterministic: the same input
 * always gives the same result; dates come from `applicant.asOf` only.
 *
 * @example
 * const result = applyPolicy({ applicant: Applicant.parse(raw), pd: 0.03 });
 * result.outcome; // 'approve'
 * result.limit;   // e.g. 1_200_000 (12,000 RMB)
 * @throws ValidationError for a PD outside [0, 1] or malformed dates; PolicyInvalidError for a bad policy.
 */
export function applyPolicy(input: PolicyInput): PolicyResult {
  return preparePolicy(input).evaluate(input.pd);
}

/** The part of a policy result that counterfactual scenarios need. */
export interface PolicyLimit {
  readonly outcome: PolicyOutcome;
  readonly limit: number;
  readonly limitSetBy: LimitSetBy;
  readonly affordabilityCapacity: number;
}

/** The policy for one applicant, ready to be evaluated at any PD. */
export interface PreparedPolicy {
  /** Outcome and limit only, skipping the report (checks, texts, reasons): the same numbers as `evaluate`. */
  limitAt(pd: number): PolicyLimit;
  /** The full policy result at this PD; the same as `applyPolicy({ ...input, pd })`. */
  evaluate(pd: number): PolicyResult;
}

/**
 * Works out everything in the policy that depends on the applicant but not on the PD (the
 * applicant-only rules, effective income and affordability rooms, the fixed caps, the step-limit
 * window) once. A decision evaluates the same applicant at several PDs (with and without each
 * certificate, each what-if), and this keeps each extra PD to a few arithmetic steps.
 *
 * @throws ValidationError for malformed dates or ledger; PolicyInvalidError for a bad policy.
 */
export function preparePolicy(input: Omit<PolicyInput, 'pd'>): PreparedPolicy {
  if (typeof input !== 'object' || input === null) {
    throw new ValidationError('PolicyInput', [{ path: [], code: 'invalid_type', message: 'expected an object with an applicant', expected: 'object' }]);
  }
  const policy = validatePolicy(input.policy ?? defaultPolicy);
  // A parseApplicant result is trusted as is; anything else is validated (ValidationError, never a TypeError).
  const applicant = checkedApplicant(input.applicant);
  return prepare(applicant, input.flags ?? { duplicateEvidence: false }, policy, policyHashOf(policy), input.limitHistory ?? [], false);
}

/** Input of {@link prepareCheckedPolicy}: everything already validated. */
export interface CheckedPolicyInput {
  /** A `parseApplicant` result. */
  readonly applicant: Applicant;
  readonly flags: PolicyFlags;
  /** A `validatePolicy` result, and its {@link policyHash}. */
  readonly policy: PolicyConfig;
  readonly policyHash: string;
  /** A ledger parsed with `LimitChange` (as the scorer does once per call). */
  readonly limitHistory: readonly LimitChange[];
}

/**
 * {@link preparePolicy} for the scorer, whose inputs were validated once at their entry: the
 * policy at `createScorer`, the applicant by `parseApplicant`, the ledger once per call. Nothing
 * is looked up or parsed again per decision.
 */
export function prepareCheckedPolicy(input: CheckedPolicyInput): PreparedPolicy {
  return prepare(input.applicant, input.flags, input.policy, input.policyHash, input.limitHistory, true);
}

function prepare(
  applicant: Applicant,
  flags: PolicyFlags,
  policy: PolicyConfig,
  hash: string,
  limitHistory: readonly LimitChange[],
  ledgerParsed: boolean,
): PreparedPolicy {
  const rules = prepareRules(applicant, flags, policy);
  const affordabilityInput = affordabilityInputOf(applicant, policy);
  // The per-borrower caps count this lender's own other lines, never balances elsewhere (those
  // are in the debt-service check through otherMonthlyDebtService).
  const regulatory = regulatoryHeadroom(applicant.platform.otherLinesLimit ?? 0, policy);
  const lenderCap = lenderCapHeadroom(applicant.platform.otherLinesLimit ?? 0, policy);
  const humanReview = applicant.controls.humanReview === true;
  const priorLimit = applicant.platform.currentLimit;
  // A parsed ledger longer than the step-limit input allows still gets the validator's error. A
  // new customer with no ledger (most of a batch) has no window to count.
  const window =
    priorLimit <= 0 && limitHistory.length === 0
      ? null
      : ledgerParsed && limitHistory.length <= MAX_LEDGER_ENTRIES
        ? prepareParsedStepLimits({ priorLimit, asOf: applicant.asOf, history: limitHistory }, policy)
        : prepareStepLimits({ priorLimit, asOf: applicant.asOf, history: [...limitHistory] }, policy);
  // Step limits brake an existing line. A line at 0 whose ledger shows a line inside the window (a
  // rise, or the close a decision entered) existed recently: opening it again is a rise from 0 like
  // any other, or a close followed by a reopening would reset the window (3,000 to 37,900 RMB in
  // three days, where the window allows 20,000; or the same day, closed before its first rise by
  // the customer's own cap). A brand-new customer (no line in the window) opens freely.
  const steps = window !== null && (priorLimit > 0 || window.lineInWindow) ? window : null;

  // A customer's cap below the minimum leaves no line the product offers, whatever else binds, and
  // nobody can grant one: a reviewer may go neither above the cap nor below the minimum. So it is
  // a decline (naming the cap where it binds), never a referral (belowMinimum: 'refer' is for what
  // a person can fix). It depends on the applicant alone, not on the PD.
  const selfCap = applicant.controls.selfSetCap ?? null;
  const capLeavesNoLine = selfCap !== null && roundDownToStep(selfCap, policy.limits.roundingStep) < policy.limits.productMin;
  // So does a request below the minimum, for the same reason: the request is a cap (nobody grants
  // more than was asked, a reviewer included) and a line is never below the minimum. Referred, it
  // reached a person who could approve nothing; declined, it names the request, and the customer
  // may ask again for at least the minimum.
  const requested = applicant.controls.requestedLimit ?? null;
  const requestLeavesNoLine = requested !== null && roundDownToStep(requested, policy.limits.roundingStep) < policy.limits.productMin;

  // The arithmetic both views share: everything that decides the outcome and the limit.
  function core(pd: number) {
    assertPd(pd);
    const { knockouts, refers } = rules.at(pd);
    const pricing = priceApr(pd, policy);
    const capacity = affordabilityCapacity(affordabilityInput, pricing.aprBp, policy);
    const caps: LimitCaps = {
      risk: riskLimit(affordabilityInput.effectiveIncome, pd, policy),
      affordability: capacity.capacity,
      regulatory,
      lender_cap: lenderCap,
      product_max: policy.limits.productMax,
      self_cap: selfCap,
      requested,
    };
    const composed = composeLimit(caps, policy.limits.roundingStep);
    const stepLimit = steps !== null && composed.limit > priorLimit ? steps.step(composed.limit) : null;
    const candidate = stepLimit?.limit ?? composed.limit;
    const belowMinimum = candidate < policy.limits.productMin;
    const automatedOutcome: PolicyOutcome =
      knockouts.length > 0 || capLeavesNoLine || requestLeavesNoLine
        ? 'decline'
        : belowMinimum
          ? policy.limits.belowMinimum
          : refers.length > 0
            ? 'refer'
            : 'approve';
    const limit = automatedOutcome === 'decline' || belowMinimum ? 0 : candidate;
    // A customer who refused a solely automated decision gets a person: the automated terms stay
    // as the proposal (`automatedOutcome`, `limit`), the outcome is refer.
    const outcome: PolicyOutcome = humanReview ? 'refer' : automatedOutcome;
    const limitSetBy: LimitSetBy = stepLimit?.bound ? 'step_limit' : composed.bindingConstraint;
    return { knockouts, refers, pricing, capacity, caps, composed, stepLimit, candidate, belowMinimum, automatedOutcome, outcome, limit, limitSetBy };
  }

  return {
    limitAt(pd) {
      const c = core(pd);
      return { outcome: c.outcome, limit: c.limit, limitSetBy: c.limitSetBy, affordabilityCapacity: c.capacity.capacity };
    },
    evaluate(pd) {
      const { knockouts, refers, pricing, capacity, caps, composed, stepLimit, candidate, belowMinimum, automatedOutcome, outcome, limit, limitSetBy } =
        core(pd);
      const grade = gradeFor(pd, policy);
      const affordability = checkAffordability(affordabilityInput, belowMinimum ? policy.limits.productMin : candidate, pricing.aprBp, policy);

      const reasons: PolicyReasonCode[] = knockouts.map((h) => h.code);
      // A customer's cap below the minimum declines whatever else holds, so where it binds (ties
      // included) it comes before the refer conditions and the failed checks: a decline's four
      // principal reasons must not crowd out the one that decided it. The same for a request
      // below the minimum, after the cap (the customer's standing choice).
      if (capLeavesNoLine && Object.values(caps).every((c) => c === null || c >= (selfCap as number))) reasons.push('limit_self_cap');
      if (requestLeavesNoLine && Object.values(caps).every((c) => c === null || c >= (requested as number))) reasons.push('requested_below_product_minimum');
      // Every cap left a line the product offers, and the step limits held it below the minimum
      // (a closed line the window leaves no room to reopen): the step limit is what decided it,
      // named before anything else, and the cap that would have set a line is no reason.
      const stepReason = stepLimit?.reason ?? null;
      const heldByStep = belowMinimum && stepReason !== null && composed.limit >= policy.limits.productMin;
      if (heldByStep) reasons.push(stepReason);
      for (const h of refers) reasons.push(h.code);
      // The balance already owed on this line fails the checks by itself (it is above the limit they
      // tested, and its payment does not fit): that debt is why no line is offered, said first, since a
      // reason about the limit alone reads as if the debt were gone.
      const owedBalanceUnaffordable = affordability.balanceOwed !== undefined && !capacity.balanceOwedFits;
      if (owedBalanceUnaffordable) reasons.push('balance_owed_unaffordable');
      if (belowMinimum) {
        reasons.push('limit_below_product_minimum');
        for (const c of affordability.checks) if (!c.pass) reasons.push(affordabilityFailureReason[c.id]);
      }
      // The binding cap set the limit only when no step limit held it lower: a line stepped to
      // 23,000 RMB under a 50,000 RMB product maximum was not "set by the product maximum". The
      // step limit is then the reason, and the cap it stepped out of is none (unless that cap
      // itself left no line the product offers: then it is what held the limit below the minimum).
      const steppedFromLine = limitSetBy === 'step_limit' && composed.limit >= policy.limits.productMin;
      if (!steppedFromLine)
        reasons.push(
          composed.bindingConstraint === 'affordability' ? affordabilityLimitReason[capacity.bindingCheck] : bindingReason[composed.bindingConstraint],
        );
      if (stepLimit?.reason) reasons.push(stepLimit.reason);
      if (humanReview) reasons.push('human_review_requested');

      return {
        outcome,
        automatedOutcome,
        reasons: [...new Set(reasons)],
        knockouts,
        refers,
        pd,
        grade: grade.grade,
        apr: pricing.apr,
        dailyRate: pricing.dailyRate,
        dailyRateText: pricing.dailyRateText,
        pricing,
        plans: offeredPlans(pricing, policy),
        effectiveIncome: affordabilityInput.effectiveIncome,
        riskLimit: caps.risk,
        affordabilityCapacity: capacity.capacity,
        affordabilityBindingCheck: capacity.bindingCheck,
        caps,
        composedLimit: composed.limit,
        bindingConstraint: composed.bindingConstraint,
        limitSetBy,
        stepLimit,
        limit,
        affordability,
        policyName: policy.name,
        policyVersion: policy.version,
        policyHash: hash,
      };
    },
  };
}
