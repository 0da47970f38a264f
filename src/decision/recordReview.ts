import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { principalReasons } from '../explain/principalReasons.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { PolicyReasonCode } from '../policy/policyReasons.js';
import type { FeatureReasons } from '../features/featureDefinitions.js';
import { canonicalJson } from '../hashing/canonicalJson.js';
import { applyStepLimits, type LimitChange } from '../policy/stepLimit.js';
import { ENGINE_VERSION } from '../version.js';
import { buildAudit, sealDecision, type AuditKeys } from './audit.js';
import type { Decision, DecisionReview } from './decision.js';
import { lineActionOf } from './settleLine.js';
import { verifyPrior } from './verifyPrior.js';
import type { FollowUpExplainer, FollowUpOptions } from './explainFollowUp.js';

/**
 * What a review or contest needs from the scorer: its policy (the bounds), its keys (the prior is
 * verified under them, and the new decision is sealed, and signed, under them), the hashes of
 * its policy and catalog, and the lender features' reasons.
 */
export interface ReviewContext {
  readonly policy: PolicyConfig;
  readonly keys: AuditKeys;
  readonly policyHash: string;
  readonly catalogHash: string;
  readonly featureReasons?: ReadonlyMap<string, FeatureReasons>;
  /**
   * The contributions a follow-up carries (the prior's, or, for a prior whose factors were
   * omitted because none were owed, computed again from the applicant in the options).
   */
  readonly explainFollowUp: FollowUpExplainer;
}

/** What a human reviewer decided. */
export interface ReviewInput {
  /** The reviewer's ROLE (`credit_officer`, `review_panel`...): snake_case, never a person's name. */
  readonly reviewerRole: string;
  readonly outcome: 'approve' | 'refer' | 'decline';
  /** The limit granted (approve) or proposed (refer), fen; 0 on decline. */
  readonly limit: number;
  /** A note for the file (why the reviewer decided so); at most 1,000 characters. */
  readonly note?: string;
}

/** A customer's contest of a decision: their point of view and any new facts. */
export interface ContestInput {
  /** The customer's own words; 1 to 2,000 characters. */
  readonly statement: string;
  /** New facts the customer brings (e.g. "income rose to 7,000 RMB from 2026-10"); at most 20. */
  readonly newFacts?: readonly string[];
}

const ROLE = /^[a-z][a-z0-9_]{0,63}$/;

/** The caps a reviewed limit must respect: every cap the automated decision computed, and the healthy limit. */
function reviewCeiling(d: Decision): { readonly ceiling: number; readonly bound: string } {
  let ceiling = d.health.healthyLimit;
  let bound = 'health.healthyLimit (affordability)';
  for (const [name, cap] of Object.entries(d.caps)) {
    if (cap !== null && cap < ceiling) {
      ceiling = cap;
      bound = `caps.${name}`;
    }
  }
  return { ceiling, bound };
}

/** The audit of a review or contest: the prior's model, the subject hash of the prior (a review never sees the applicant), sealed under the scorer's keys. */
function sealFollowUp(prior: Decision, rest: Omit<Decision, 'audit'>, kind: 'review' | 'contest', inputJson: string, env: ReviewContext): Decision {
  const audit = buildAudit(
    {
      applicantId: prior.applicantId,
      asOf: prior.asOf,
      modelId: prior.audit.modelId,
      modelSha256: prior.audit.modelSha256,
      policyHash: env.policyHash,
      catalogHash: env.catalogHash,
      engineVersion: ENGINE_VERSION,
      kind,
      priorDecisionId: prior.audit.decisionId,
      inputJson,
      subject: '',
    },
    env.keys,
  );
  // The subject is the prior's: it keeps the identity hash the next reassessment checks.
  return sealDecision({ ...rest, audit: { ...audit, subjectHash: prior.audit.subjectHash } }, env.keys);
}

/**
 * Records a human review of a decision (PIPL Art. 24; EU CCD2 Art. 18 human intervention and
 * review) as a NEW sealed decision: the reviewer's outcome and limit, the automated proposal kept,
 * the audit linking the decision reviewed (`priorDecisionId`, `review.automatedDecisionId`) and
 * the reviewer's role (no personal data). A person may decide differently from the model, but
 * never outside a bound: the limit stays at or under every cap of the decision (regulatory,
 * lender, product, risk, affordability, the customer's own cap and request) and the healthy
 * limit, is a whole rounding step, an approval is at least the product minimum, and a raise of an
 * existing line stays within the policy's step limits. The prior is
 * verified first (schema, seal, signature under the scorer's key), so the result is itself a
 * valid prior for `reassess`. Called through `scorer.recordReview`.
 *
 * @throws PriorInvalidError for a prior that is not a valid, unchanged (and signed, with a key)
 *   decision; ValidationError naming every offending review field; CreditliftError
 *   `review_invalid` when the limit would break a bound (the message names the bound).
 */
export function recordReview(priorInput: unknown, review: ReviewInput, env: ReviewContext, options?: FollowUpOptions): Decision {
  const decision = verifyPrior(priorInput, env.keys);
  const policy = env.policy;
  const issues: ValidationIssue[] = [];
  if (typeof review?.reviewerRole !== 'string' || !ROLE.test(review.reviewerRole)) {
    issues.push({
      path: ['reviewerRole'],
      code: 'invalid_format',
      message: 'reviewerRole must be a snake_case role such as credit_officer (no personal names)',
    });
  }
  if (!['approve', 'refer', 'decline'].includes(review?.outcome))
    issues.push({ path: ['outcome'], code: 'invalid_value', message: 'outcome must be approve, refer or decline' });
  if (!Number.isSafeInteger(review?.limit) || review.limit < 0)
    issues.push({ path: ['limit'], code: 'invalid_type', message: 'limit must be a non-negative integer of fen' });
  if (review?.note !== undefined && (typeof review.note !== 'string' || review.note.length > 1000))
    issues.push({ path: ['note'], code: 'too_big', message: 'note must be a string of at most 1000 characters' });
  if (issues.length > 0) throw new ValidationError('ReviewInput', issues);

  const { ceiling, bound } = reviewCeiling(decision);
  const { outcome, limit } = review;
  if (outcome === 'decline' && limit !== 0) throw new CreditliftError('review_invalid', `a declined review must have limit 0, got ${limit}`);
  if (outcome !== 'decline') {
    if (limit > ceiling)
      throw new CreditliftError(
        'review_invalid',
        `limit ${limit} fen is above ${bound} = ${ceiling} fen; a reviewer may not exceed any cap or the affordability ceiling`,
      );
    if (limit % policy.limits.roundingStep !== 0)
      throw new CreditliftError('review_invalid', `limit ${limit} fen is not a multiple of the rounding step ${policy.limits.roundingStep}`);
    if (outcome === 'approve' && limit < policy.limits.productMin)
      throw new CreditliftError('review_invalid', `an approval needs at least the product minimum ${policy.limits.productMin} fen`);
  }

  const previousLimit = decision.previousLimit;
  // Step-limit history counts the increase the person granted, not the one the automated
  // decision proposed (a proposal under review opened or raised nothing).
  const proposedRaise = (c: LimitChange) => c.asOf === decision.asOf && c.from === previousLimit && c.to === decision.limit;
  const history = decision.limitHistory.filter((c) => !proposedRaise(c));
  const raised = outcome === 'approve' && previousLimit > 0 && limit > previousLimit;
  if (raised) {
    // Step limits bound how fast a line grows; a person's approval is a step like any other.
    const stepped = applyStepLimits({ priorLimit: previousLimit, proposedLimit: limit, asOf: decision.asOf, history }, policy);
    if (stepped.limit < limit)
      throw new CreditliftError(
        'review_invalid',
        `limit ${limit} fen raises the line of ${previousLimit} fen past its step limit (${stepped.bound}): at most ${stepped.limit} fen on ${decision.asOf}`,
      );
  }

  const codes: PolicyReasonCode[] = [
    ...decision.policyReasons.filter((c) => c !== 'human_review_requested' && c !== 'contest_received'),
    'human_review_decided',
  ];
  // Reasons are owed whenever the customer gets less than they had or asked for, or no approval.
  const adverse = outcome !== 'approve' || (decision.requestedLimit !== null && limit < decision.requestedLimit) || limit < previousLimit;
  const contributions = env.explainFollowUp(decision, options, adverse, 'review');
  const next: DecisionReview = {
    status: 'reviewed',
    proposed: decision.review?.proposed ?? { outcome: decision.outcome, limit: decision.limit },
    automatedDecisionId: decision.audit.decisionId,
    reviewerRole: review.reviewerRole,
    note: review.note ?? null,
    contest: decision.review?.contest ?? null,
  };
  const limitHistory = raised ? [...history, { asOf: decision.asOf, from: previousLimit, to: limit }] : history;
  const { audit: _prior, ...rest } = decision;
  return sealFollowUp(
    decision,
    {
      ...rest,
      outcome,
      limit,
      lineAction: lineActionOf({ outcome, limit, maxGrantable: decision.maxGrantable, held: false }, previousLimit),
      policyReasons: codes,
      contributions,
      // The automated reasons stay the principal reasons on an adverse review; the review itself is named first.
      reasons: adverse
        ? principalReasons(
            ['human_review_decided', ...decision.reasons.map((r) => r.code).filter(isPolicyCode(codes))],
            contributions.factors,
            env.featureReasons,
          )
        : [],
      review: next,
      limitHistory,
    },
    'review',
    canonicalJson({ priorDecisionId: decision.audit.decisionId, review: next, outcome, limit }),
    env,
  );
}

function isPolicyCode(codes: readonly PolicyReasonCode[]): (c: string) => c is PolicyReasonCode {
  const set = new Set<string>(codes);
  return (c): c is PolicyReasonCode => set.has(c);
}

/**
 * Attaches a customer's contest (their point of view and new facts; EU CCD2 Art. 18(8)) to a
 * decision as a NEW sealed decision: outcome `refer` (a person will review; `lineAction:
 * 'review'`), the contested terms kept as the proposal and the limit unchanged, the audit linking
 * the contested decision. The prior is verified first. Record the reviewer's answer with
 * `scorer.recordReview`. Called through `scorer.recordContest`.
 *
 * @throws PriorInvalidError for a prior that is not a valid, unchanged (and signed, with a key)
 *   decision; ValidationError naming every offending contest field.
 */
export function recordContest(priorInput: unknown, contest: ContestInput, env: ReviewContext, options?: FollowUpOptions): Decision {
  const decision = verifyPrior(priorInput, env.keys);
  const issues: ValidationIssue[] = [];
  if (typeof contest?.statement !== 'string' || contest.statement.trim().length === 0 || contest.statement.length > 2000) {
    issues.push({ path: ['statement'], code: 'invalid_type', message: 'statement must be 1 to 2000 characters' });
  }
  const facts = contest?.newFacts ?? [];
  if (!Array.isArray(facts) || facts.length > 20)
    issues.push({ path: ['newFacts'], code: 'too_big', message: 'newFacts must be an array of at most 20 strings' });
  else
    facts.forEach((f, i) => {
      if (typeof f !== 'string' || f.length === 0 || f.length > 500)
        issues.push({ path: ['newFacts', i], code: 'invalid_type', message: 'each new fact must be 1 to 500 characters' });
    });
  if (issues.length > 0) throw new ValidationError('ContestInput', issues);

  const next: DecisionReview = {
    status: 'contested',
    proposed: decision.review?.proposed ?? { outcome: decision.outcome, limit: decision.limit },
    automatedDecisionId: decision.audit.decisionId,
    reviewerRole: null,
    note: null,
    contest: { statement: contest.statement, newFacts: [...facts] },
  };
  const codes: PolicyReasonCode[] = [...decision.policyReasons.filter((c) => c !== 'contest_received'), 'contest_received'];
  // A referral owes reasons.
  const contributions = env.explainFollowUp(decision, options, true, 'contest');
  const { audit: _prior, ...rest } = decision;
  return sealFollowUp(
    decision,
    {
      ...rest,
      outcome: 'refer',
      lineAction: 'review',
      policyReasons: codes,
      contributions,
      reasons: principalReasons(
        ['contest_received', ...decision.reasons.map((r) => r.code).filter(isPolicyCode(codes))],
        contributions.factors,
        env.featureReasons,
      ),
      review: next,
    },
    'contest',
    canonicalJson({ priorDecisionId: decision.audit.decisionId, review: next }),
    env,
  );
}
