import { LIMIT_SETTING_REASONS, policyReasons as POLICY_REASONS } from '../policy/policyReasons.js';
import type { PolicyReasonCode } from '../policy/policyReasons.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import { applyReduction, reductionBelowMinimumIssues } from '../policy/applyReduction.js';
import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { IsoDate } from '../schema/primitives.js';
import { roundDownToStep } from '../policy/limit.js';
import { MAX_PRINCIPAL_REASONS, type PrincipalReason } from '../explain/principalReasons.js';
import { canonicalJson } from '../hashing/canonicalJson.js';
import type { AuditKeys } from './audit.js';
import type { Decision } from './decision.js';
import { affordabilityAt, aprBpOf } from './affordabilityAt.js';
import { optionKeyIssues } from './checkOptionKeys.js';
import { lineOnFileAfter } from './lineOnFile.js';
import { lowerLimitOfferOn } from './lowerLimitOffer.js';
import { beforePriorIssue } from './followUpDate.js';
import { requireSamePolicy } from './requireSamePolicy.js';
import { sealFollowUp } from './sealFollowUp.js';

/** What a reduction needs from the scorer. */
export interface ReductionContext {
  readonly policy: PolicyConfig;
  readonly keys: AuditKeys;
  /** Hash of `policy`: the prior must have been priced and capped under it. */
  readonly policyHash: string;
}

/** What a reduction may be told besides its amount: see {@link reduceLine}. */
export interface ReductionOptions {
  /** The day the customer lowered their line (YYYY-MM-DD), not before the prior's `asOf`. Default: the prior's `asOf`. */
  readonly asOf?: string;
}

/** The option keys a reduction reads. */
const REDUCTION_OPTION_KEYS: readonly string[] = ['asOf'];

const CUSTOMER_REDUCTION: PolicyReasonCode = 'customer_reduction';

/**
 * The reduction's date: `options.asOf`, or the prior's. Read strictly (a misspelt `asof` would
 * date the reduction at its prior without a word) and never before the prior's date: a line is not
 * lowered before the decision that set it, and a later review or reassessment counts its dates
 * (the step-limit window, the ledger) from this one. ISO dates compare as strings.
 *
 * @throws ValidationError (subject `reduction options`) naming every offending option.
 */
function reductionDate(options: unknown, prior: Decision): string {
  if (options === undefined) return prior.asOf;
  const issues: ValidationIssue[] = optionKeyIssues(options, REDUCTION_OPTION_KEYS);
  const given = issues[0]?.code === 'invalid_type' ? undefined : (options as ReductionOptions).asOf;
  let asOf = prior.asOf;
  if (given !== undefined) {
    const parsed = IsoDate.safeParse(given);
    if (!parsed.success) issues.push(...validationIssuesFromZod(parsed.error).map((i) => ({ ...i, path: ['asOf', ...i.path] })));
    else {
      const early = beforePriorIssue(parsed.data, prior, 'a line is not lowered before the decision that set it');
      if (early === undefined) asOf = parsed.data;
      else issues.push(early);
    }
  }
  if (issues.length > 0) throw new ValidationError('reduction options', issues);
  return asOf;
}

/**
 * A review still waiting for a person (`pending`, or a customer's `contested` one) proposes no
 * more than the customer's cap (rounded down to the step): a proposal above it is one no person
 * may approve (recordReview refuses it), shown to the reviewer as if it were on offer. A review a
 * person already decided keeps what was proposed then, as the record of it.
 */
function boundedReview(review: Decision['review'], cap: number, step: number): Decision['review'] {
  if (review === null || review.status === 'reviewed' || review.proposed.limit <= cap) return review;
  return { ...review, proposed: { ...review.proposed, limit: roundDownToStep(cap, step) } };
}

/**
 * The customer lowers their own line (the brake in their hand), without the model: the line they
 * hold after `prior` (a referral's proposal granted nothing; see lineOnFileAfter) goes to `amount`
 * rounded down to the step, at once, if it is above it, and `amount` rounded down becomes their cap
 * (unless a lower cap is already in force). What else the prior decided stands: its
 * outcome (a pending review stays pending, its proposal now bounded by the cap, as is `maxGrantable`), its reason codes behind the new
 * one, its binding constraint unless the reduction now binds, and its principal reasons, led by
 * the customer's own request when the line went down; a line they lowered is explained by their
 * request, not by what set the prior's limit (on an approval, by their request alone). Reasons are
 * owed as on any decision. The new decision is dated `options.asOf`, the day the customer asked
 * (default the prior's date), so a review or reassessment after it is dated no earlier.
 *
 * @throws ValidationError (subject `reduction options`) for an unknown option, or an `asOf` that is
 *   not a date or is before the prior's (`out_of_range`); (subject `reduction amount`) for an amount
 *   below the product minimum: a line is never lower, and such a cap would turn every later
 *   decision into a decline.
 */
export function reduceLine(prior: Decision, amount: number, env: ReductionContext, options?: ReductionOptions): Decision {
  // A reduction keeps its prior's terms (APR, plans, caps, affordability): under a policy that has
  // since moved they could break a cap in force (a lower APR cap, a lender cap below the new line),
  // sealed under this scorer's keys. Reassessing reprices under this policy; lower that line then.
  requireSamePolicy(
    prior,
    env.policyHash,
    'policy_mismatch',
    "reassess the decision under this policy first (scorer.reassess), then lower that line, or lower it on a scorer with the decision's policy",
  );
  const asOf = reductionDate(options, prior);
  const belowMinimum = reductionBelowMinimumIssues(amount, env.policy, []);
  if (belowMinimum.length > 0) throw new ValidationError('reduction amount', belowMinimum);
  const step = env.policy.limits.roundingStep;
  const line = lineOnFileAfter(prior, step);
  const limit = applyReduction(line, amount, env.policy);
  // The cap is what the customer asked for, never the line it happened to be below: a cap set at
  // the line (or at 0 on a declined decision) refused raises they never refused. Rounded down like
  // every limit, and never above a cap already in force (a reduction never loosens one).
  const asked = roundDownToStep(amount, step);
  const priorCap = prior.controls.selfSetCap;
  const cap = priorCap !== null && priorCap < asked ? priorCap : asked;
  const lowered = limit < line;
  const codes: PolicyReasonCode[] = [CUSTOMER_REDUCTION, ...prior.policyReasons.filter((c) => c !== CUSTOMER_REDUCTION)];
  const owed = prior.outcome !== 'approve' || (prior.requestedLimit !== null && limit < prior.requestedLimit) || limit < line;
  const r = POLICY_REASONS[CUSTOMER_REDUCTION];
  const own: PrincipalReason = { code: CUSTOMER_REDUCTION, source: 'policy', factor: r.factor, en: r.en, zhHans: r.zhHans };
  // The customer's own request leads when this reduction lowered the line, or when an earlier one
  // did and the line is still below what was asked (a retried reduction owes the same reason).
  const byCustomer = lowered || prior.reasons.some((x) => x.code === CUSTOMER_REDUCTION);
  // A line the customer lowered was set by their request, not by what set the prior's limit (the
  // risk grade, a cap, a step limit: "Limit set by your risk grade" beside 8,000 RMB they asked
  // for). On an approval that request is the whole reason; on a referral or a decline, what
  // referred or declined it still stands.
  const carried = prior.reasons.filter(
    (x) => x.code !== CUSTOMER_REDUCTION && !(lowered && (prior.outcome === 'approve' || LIMIT_SETTING_REASONS.has(x.code as PolicyReasonCode))),
  );
  const reasons = owed ? [...(byCustomer ? [own] : []), ...carried].slice(0, MAX_PRINCIPAL_REASONS) : [];
  const { audit: _priorAudit, ...rest } = prior;
  // Only the rounding step is this scorer's (the rest of the terms are the prior's, under its
  // policy), and rounding down never raises a line.
  return sealFollowUp(
    prior,
    {
      ...rest,
      asOf,
      limit,
      lineAction: lowered ? 'lower' : line === 0 ? 'none' : 'keep',
      // The most the policy grants today under every cap: the customer's new one among them.
      maxGrantable: Math.min(prior.maxGrantable, cap),
      review: boundedReview(prior.review, cap, step),
      previousLimit: line,
      bindingConstraint: lowered ? 'self_cap' : prior.bindingConstraint,
      caps: { ...prior.caps, self_cap: cap },
      affordability: affordabilityAt(prior.affordability, limit, aprBpOf(prior), env.policy),
      controls: { selfSetCap: cap },
      // A customer still over budget keeps being offered a lower line, on the line they now hold.
      health: { ...prior.health, lowerLimitOffer: lowerLimitOfferOn(limit, prior.health, env.policy.limits) },
      policyReasons: codes,
      reasons,
      certificateImpacts: [],
      suggestions: { items: [], blockedBy: 'self_cap', note: null },
      movement: { from: line, withoutNewEvidence: line, to: limit, byEvidence: [], stepLimited: false },
    },
    'reduction',
    // The date goes into the id only when it is the reduction's own, so reductions dated as before keep their ids.
    canonicalJson({ priorDecisionId: prior.audit.decisionId, amount, ...(asOf === prior.asOf ? {} : { asOf }) }),
    env.keys,
  );
}
