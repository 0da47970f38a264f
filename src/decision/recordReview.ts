import { z } from 'zod';
import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { logOddsPerUnit, MAX_PRINCIPAL_REASONS, principalReasons, reasonCodesForLimit, type ModelReasonRule } from '../explain/principalReasons.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import { CAP_OF_LIMIT_REASON, LIMIT_SETTING_REASONS, type PolicyReasonCode } from '../policy/policyReasons.js';
import { type BindingConstraint, composeLimit, roundDownToStep } from '../policy/limit.js';
import type { FeatureReasons } from '../features/featureDefinitions.js';
import { canonicalJson } from '../hashing/canonicalJson.js';
import { IsoDate } from '../schema/primitives.js';
import { freeText } from '../schema/freeText.js';
import { prepareStepLimits, type LimitChange, type PreparedStepLimits } from '../policy/stepLimit.js';
import type { AuditKeys } from './audit.js';
import type { Decision, DecisionReview } from './decision.js';
import { owedWithin } from './heldLineFirst.js';
import { lineActionOf } from './settleLine.js';
import { verifyPrior } from './verifyPrior.js';
import { requireLatestPrior } from './priorOnFile.js';
import { affordabilityAt, aprBpOf } from './affordabilityAt.js';
import { lineOnFileAfter } from './lineOnFile.js';
import { loweredThisStreak, lowerLimitOfferOn } from './lowerLimitOffer.js';
import { proposedTerms } from './proposedTerms.js';
import { FOLLOW_UP_OPTION_KEYS, type FollowUpExplainer, type FollowUpOptions } from './explainFollowUp.js';
import { readOptions } from '../errors/readOptions.js';
import { followUpDateIssues } from './followUpDate.js';
import { policyMismatch } from './requireSamePolicy.js';
import { ReviewInvalidError } from './reviewInvalidError.js';
import { sealFollowUp } from './sealFollowUp.js';
import { followUpSuggestions } from './suggestionNote.js';

/**
 * What a review or contest needs from the scorer: its policy (the bounds), its keys (the prior is
 * verified under them, and the new decision is sealed, and signed, under them), the hash of
 * its policy (an approval is checked against the prior's), and the lender features' reasons.
 */
export interface ReviewContext {
  readonly policy: PolicyConfig;
  readonly keys: AuditKeys;
  readonly policyHash: string;
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
  /** A note for the file (why the reviewer decided so); at most 1,000 characters, no control character but tabs and line breaks. */
  readonly note?: string;
  /**
   * The day the person decided (YYYY-MM-DD), not before the reviewed decision's `asOf`, nor where
   * decide refuses the applicant (more than 120 years after the `applicant` option's `birthDate`, or,
   * without it, after the decision's `asOf`; see implausibleDateIssue). Default:
   * the reviewed decision's `asOf`. A review often comes days after the decision (a queue): its
   * raise is entered in the ledger on this day and the step limits are applied as of it, so the
   * window counts from when the line actually rose.
   */
  readonly asOf?: string;
}

/** A customer's contest of a decision: their point of view and any new facts. */
export interface ContestInput {
  /** The customer's own words; 1 to 2,000 characters, no control character but tabs and line breaks. */
  readonly statement: string;
  /** New facts the customer brings (e.g. "income rose to 7,000 RMB from 2026-10"); at most 20. */
  readonly newFacts?: readonly string[];
  /** The day the customer contested (YYYY-MM-DD), not before the decision's `asOf` nor where decide refuses the applicant (as a review's). Default: the decision's `asOf`. */
  readonly asOf?: string;
}

const ROLE = /^[a-z][a-z0-9_]{0,63}$/;

const PERSON_CLOSED: PolicyReasonCode = 'line_closed_by_person';
const PERSON_CUT: PolicyReasonCode = 'line_cut_by_person';
const PERSON_DECIDED: PolicyReasonCode = 'human_review_decided';
const HELD: PolicyReasonCode = 'line_held_for_review';

// Read by name, strictly: a misspelt key (`notes`, `newfacts`) would otherwise drop what the person
// or the customer said from the sealed record without a word.
const ReviewInputSchema = z.strictObject({
  reviewerRole: z.string().regex(ROLE, 'reviewerRole must be a snake_case role such as credit_officer (no personal names)'),
  outcome: z.enum(['approve', 'refer', 'decline']),
  limit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  note: freeText('note', 1000).optional(),
  asOf: IsoDate.optional(),
});
const ContestInputSchema = z.strictObject({
  statement: freeText('statement', 2000).refine((t) => t.trim().length > 0, 'statement must be 1 to 2000 characters'),
  newFacts: z.array(freeText('newFacts', 500).min(1)).max(20).optional(),
  asOf: IsoDate.optional(),
});

/**
 * A review's or contest's input read with its schema and dated (its own `asOf`, or the decision's;
 * never before the decision's, nor where decide refuses the applicant: see followUpDateIssues, the
 * applicant's birth date read from `options.applicant` when given, which the follow-up explainer
 * checks is the decision's): the input with its date, or every fault of both, the date checked
 * whenever the field itself is sound.
 */
function readFollowUpInput<T extends { readonly asOf?: string | undefined }>(
  schema: z.ZodType<T>,
  input: unknown,
  decision: Decision,
  subject: string,
  options: unknown,
): { readonly ok: true; readonly data: T; readonly asOf: string } | { readonly ok: false; readonly error: ValidationError } {
  const parsed = schema.safeParse(input);
  const issues = parsed.success ? [] : validationIssuesFromZod(parsed.error);
  const given = parsed.success ? parsed.data.asOf : soundAsOf(input, issues);
  if (given !== undefined) issues.push(...followUpDateIssues(given, decision, birthDateGiven(options)));
  if (!parsed.success || issues.length > 0) return { ok: false, error: new ValidationError(subject, issues) };
  return { ok: true, data: parsed.data, asOf: given ?? decision.asOf };
}

/** `options.applicant.birthDate` as given (unchecked: followUpDateIssues reads only a valid date). */
function birthDateGiven(options: unknown): unknown {
  if (typeof options !== 'object' || options === null) return undefined;
  const applicant: unknown = (options as { applicant?: unknown }).applicant;
  return typeof applicant === 'object' && applicant !== null ? (applicant as { birthDate?: unknown }).birthDate : undefined;
}

/** The `asOf` of an input its schema refused, when that field itself is a sound date the refusal did not name. */
function soundAsOf(input: unknown, issues: readonly { readonly path: readonly (string | number)[] }[]): string | undefined {
  if (typeof input !== 'object' || input === null || issues.some((i) => i.path.length === 0 || i.path[0] === 'asOf')) return undefined;
  const date = IsoDate.safeParse((input as { asOf?: unknown }).asOf);
  return date.success ? date.data : undefined;
}

/**
 * The fault of a follow-up's input, with the faults of its options (an unknown key; the applicant
 * when reasons are owed and it is missing, or is not the decision's) in the same error: read one
 * after the other, a caller learnt of the second only after fixing the first. `checkOptions` runs
 * the follow-up explainer, which throws the options' ValidationError; anything else it throws
 * waits for the input to be sound.
 */
function withOptionFaults(error: ValidationError, checkOptions: () => unknown): ValidationError {
  try {
    checkOptions();
  } catch (e) {
    if (e instanceof ValidationError) return new ValidationError(`${error.subject} and ${e.subject}`, [...error.issues, ...e.issues]);
  }
  return error;
}

/** Whether a review owes the customer reasons: anything but an approval, or one below the request or the line on file. */
function reviewIsAdverse(outcome: ReviewInput['outcome'], limit: number, decision: Decision, previousLimit: number): boolean {
  return outcome !== 'approve' || (decision.requestedLimit !== null && limit < decision.requestedLimit) || limit < previousLimit;
}

/** Whether a review given as `input` (refused by its schema) owes reasons, when its outcome and limit tell; undefined when they do not. */
function reviewOwesReasons(input: unknown, decision: Decision, previousLimit: number): boolean | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { outcome, limit } = input as { outcome?: unknown; limit?: unknown };
  const o = ReviewInputSchema.shape.outcome.safeParse(outcome);
  if (!o.success) return undefined;
  if (o.data !== 'approve') return true;
  const l = ReviewInputSchema.shape.limit.safeParse(limit);
  return l.success ? reviewIsAdverse(o.data, l.data, decision, previousLimit) : undefined;
}

/**
 * Knock-outs no person may override: they stand for the law, not for the lender's appetite
 * (legal capacity: the policy's minimum age is never below 18), and the decision does not carry
 * the facts a reviewer would need to see they no longer apply. Re-decide a corrected profile instead.
 */
const LEGAL_KNOCKOUTS: readonly PolicyReasonCode[] = ['age_below_minimum'];

/**
 * Every bound a person's terms (`outcome`, `limit`) break, each an issue at the review field at
 * fault, in the order they are told (the first opens the error's message); empty when they keep
 * every one. Read all at once: stopped at the first, a reviewer who entered 1,234 fen learnt of the
 * rounding step, then, once that was mended, of the product minimum.
 *
 * - A decline grants nothing: its limit is 0, and it may be recorded under any policy.
 * - An approval or referral: only under the policy the terms were priced and capped under (the
 *   prior's caps, APR and plans are that policy's, and the result is sealed naming it; under
 *   another, a lower APR cap or a moved cap could be broken: reassess or re-decide first); never of
 *   a refusal no person may override; and the limit at or under every cap and the healthy limit
 *   (each one it is above named, lowest first), a whole rounding step, and for an approval at least
 *   the product minimum. Under another policy the bounds the policy sets (the rounding step, the
 *   product minimum, the step limits, the students setting) are not judged: they would be the
 *   scorer's, not the decision's.
 * - An approval within every ceiling: passing every affordability check at its limit (the decision's
 *   figures moved to it, the balance owed counted).
 * - An approval raising a line (or reopening one closed while the window holds its rises): within
 *   the step limits, as of the review's date.
 */
function reviewBoundIssues(
  decision: Decision,
  terms: { readonly outcome: ReviewInput['outcome']; readonly limit: number; readonly asOf: string },
  window: PreparedStepLimits,
  raised: boolean,
  previousLimit: number,
  env: ReviewContext,
): ValidationIssue[] {
  const { outcome, limit, asOf } = terms;
  const { roundingStep, productMin } = env.policy.limits;
  const issues: ValidationIssue[] = [];
  const onLimit = (code: ValidationIssue['code'], message: string, expected: string): void => {
    issues.push({ path: ['limit'], code, message, expected });
  };
  if (outcome === 'decline') {
    if (limit !== 0) onLimit('invalid_value', `a declined review must have limit 0, got ${limit}`, '0');
    return issues;
  }
  const otherPolicy = policyMismatch(
    decision,
    env.policyHash,
    "record an approval or referral on a scorer with the decision's policy, or reassess it under this one first",
  );
  if (otherPolicy !== undefined) issues.push({ path: ['outcome'], code: 'policy_mismatch', message: otherPolicy, expected: 'decline' });
  const legal = LEGAL_KNOCKOUTS.find((c) => decision.policyReasons.includes(c));
  if (legal !== undefined)
    issues.push({
      path: ['outcome'],
      code: 'not_overridable',
      message: `decision ${decision.audit.decisionId} was refused for ${legal}, which a person may not override; decide a corrected profile instead`,
      expected: 'decline',
    });
  // Under 'decline' the lender chose that no person lends to a student without a guardian or second
  // repayment source (the campus-lending notice); 'refer' is the setting that hands them to a person.
  // Only under the decision's own policy is the setting the one that declined (under another, a
  // policy_mismatch is named above and the setting is that other policy's).
  if (
    otherPolicy === undefined &&
    env.policy.students.withoutSecondRepaymentSource === 'decline' &&
    decision.policyReasons.includes('student_without_second_source')
  )
    issues.push({
      path: ['outcome'],
      code: 'not_overridable',
      message: `decision ${decision.audit.decisionId} was declined for student_without_second_source under students.withoutSecondRepaymentSource 'decline', which a person may not override; decide a profile with the guardian or second repayment source on file instead`,
      expected: 'decline',
    });
  // Every cap the limit is above, lowest first (the one that binds opens the list): named only the
  // lowest, a reviewer of a limit above the regulatory cap learnt only of the risk cap.
  for (const { ceiling, bound } of reviewCeilings(decision))
    if (limit > ceiling)
      onLimit(
        'too_big',
        `limit ${limit} fen is above ${bound} = ${ceiling} fen; a reviewer may not exceed any cap or the affordability ceiling`,
        `at most ${ceiling} (${bound})`,
      );
  // The ceilings are the decision's own capacity; the checks at the limit are the test itself. A
  // decision whose capacity did not count what it tests (a reduction sealed before it counted the
  // balance owed: 25,919 RMB beside checks failing at 500 RMB) let a person approve a line its own
  // figures fail; an approval never seals checks that fail, whichever bound let it through.
  if (outcome === 'approve' && limit > 0 && issues.length === 0) {
    const tested = affordabilityAt(decision.affordability, limit, aprBpOf(decision), env.policy);
    const failing = tested.checks.filter((c) => !c.pass).map((c) => c.id);
    if (failing.length > 0)
      onLimit(
        'too_big',
        `limit ${limit} fen fails the affordability checks at that limit (${failing.join(', ')}${tested.balanceOwed === undefined ? '' : `, ${tested.balanceOwed.amount} fen owed on the line`}); a reviewer may not approve a line the checks fail`,
        'a limit passing every affordability check',
      );
  }
  // The rounding step, the product minimum and the step limits are the policy's, and this scorer's
  // policy is not the decision's (named above): judged here, they were another policy's (a step of
  // 5,000 beside a decision on 10,000). The scorer on the decision's policy judges them.
  if (otherPolicy !== undefined) return issues;
  if (limit % roundingStep !== 0)
    onLimit('not_multiple_of', `limit ${limit} fen is not a multiple of the rounding step ${roundingStep}`, `a multiple of ${roundingStep}`);
  if (outcome === 'approve' && limit < productMin)
    onLimit('too_small', `an approval needs at least the product minimum ${productMin} fen`, `at least ${productMin}`);
  if (raised) {
    const stepped = window.step(limit);
    if (stepped.limit < limit)
      onLimit(
        'too_big',
        `limit ${limit} fen ${previousLimit > 0 ? `raises the line of ${previousLimit} fen` : 'reopens a line closed within the step-limit window'} past its step limit (${stepped.bound}): at most ${stepped.limit} fen on ${asOf}`,
        `at most ${stepped.limit} (${stepped.bound})`,
      );
  }
  return issues;
}

/**
 * The caps a reviewed limit must respect, lowest first: the healthy limit and every cap the automated
 * decision computed (the decision's own figures, whatever the scorer's policy).
 */
function reviewCeilings(d: Decision): { readonly ceiling: number; readonly bound: string }[] {
  const all = [
    { ceiling: d.health.healthyLimit, bound: 'health.healthyLimit (affordability)' },
    ...Object.entries(d.caps).flatMap(([name, cap]) => (cap === null ? [] : [{ ceiling: cap, bound: `caps.${name}` }])),
  ];
  // Stable: at a tie the healthy limit, then the caps in the decision's order.
  return all.sort((a, b) => a.ceiling - b.ceiling);
}

/**
 * Records a human review of a decision (PIPL Art. 24; EU CCD2 Art. 18 human intervention and
 * review) as a NEW sealed decision: the reviewer's outcome and limit, the automated proposal kept,
 * the audit linking the decision reviewed (`priorDecisionId`, `review.automatedDecisionId`) and
 * the reviewer's role (no personal data). A person may decide differently from the model, but
 * never outside a bound: the limit stays at or under every cap of the decision (regulatory,
 * lender, product, risk, affordability, the customer's own cap and request) and the healthy
 * limit, is a whole rounding step, an approval is at least the product minimum and passes every
 * affordability check at its limit (the balance owed on the line counted), and a raise of an
 * existing line stays within the policy's step limits. The prior is
 * verified first (schema, seal, signature under the scorer's key), so the result is itself a
 * valid prior for `reassess`. Called through `scorer.recordReview`.
 *
 * @throws PriorInvalidError for a prior that is not a valid, unchanged (and signed, with a key)
 *   decision; ValidationError naming every offending review field and option in one error
 *   (subject `ReviewInput and review options` when both are at fault); ReviewInvalidError
 *   (`review_invalid`) naming every bound the terms would break, each at `limit` or `outcome`
 *   (the message opens with the first).
 */
export function recordReview(priorInput: unknown, review: ReviewInput, env: ReviewContext, options?: FollowUpOptions): Decision {
  const decision = verifyPrior(priorInput, env.keys);
  // Read once into a plain copy: a getter or Proxy is an option fault named with the review's, never thrown raw.
  const read = readOptions(options, FOLLOW_UP_OPTION_KEYS);
  requireLatestPrior(decision, read.value, env.policy.limits.roundingStep, 'review options');
  const policy = env.policy;
  // The line the reviewed decision left on file: a granted raise was granted (the person reviews it
  // from there, and it stays in the ledger), a decline closed the line, and only a proposal (a
  // referral) left the line before it. Starting from the decision's own previousLimit reopened
  // closed lines and dropped granted raises from the ledger, so step limits stopped counting them.
  const previousLimit = lineOnFileAfter(decision, policy.limits.roundingStep);
  const parsed = readFollowUpInput(ReviewInputSchema, review, decision, 'ReviewInput', read.value);
  if (!parsed.ok)
    throw withOptionFaults(parsed.error, () => env.explainFollowUp(decision, read, reviewOwesReasons(review, decision, previousLimit) ?? false, 'review'));

  const { outcome, limit, note } = parsed.data;
  const asOf = parsed.asOf;

  // Step-limit history counts the increase the person grants, not one an automated referral
  // proposed (decisions before 0.2 entered a referral's proposal in the ledger).
  const proposedRaise = (c: LimitChange) =>
    decision.lineAction === 'review' && c.asOf === decision.asOf && c.from === decision.previousLimit && c.to === decision.limit;
  const history = decision.limitHistory.filter((c) => !proposedRaise(c));
  // Step limits bound how fast a line grows; a person's approval is a step like any other: a raise
  // of a line on file, or the reopening of a line closed while the window still holds its rises
  // (a line at 0 with no line in the window, no rise nor close, is a new customer's first line, no step).
  const window = prepareStepLimits({ priorLimit: previousLimit, asOf, history }, policy);
  const raised = outcome === 'approve' && limit > previousLimit && (previousLimit > 0 || window.lineInWindow);
  const broken = reviewBoundIssues(decision, { outcome, limit, asOf }, window, raised, previousLimit, env);
  if (broken.length > 0) throw new ReviewInvalidError(broken);

  // The person, not the policy, set a limit below what the policy granted (a cut on review, an
  // approval or proposal of less): what set the automated limit is no reason for it.
  // A held line's `maxGrantable` can stay below what its caps now allow (a held reduction told the
  // balance is paid down keeps it, 0 included: a reduction never raises it), so there a limit below
  // every cap is the person's too; else the next reassessment raised a person's 3,000 RMB to the
  // customer's 4,000 RMB cap on its own.
  const heldBelowCaps = decision.bindingConstraint === 'line_on_file' && limit < composeLimit(decision.caps, policy.limits.roundingStep).limit;
  const setByPerson = outcome !== 'decline' && (limit < decision.maxGrantable || heldBelowCaps);
  // A person's decline leaves a line only a person opens again (see closedByPerson); a person's
  // approval of less than the policy granted leaves a line only a person raises again (see
  // cutByPerson); any other approval opens the line to the automated path; a person's referral
  // leaves it as it was, protection included.
  const cut = outcome === 'approve' ? setByPerson : outcome === 'refer' && decision.policyReasons.includes(PERSON_CUT);
  const carried = decision.policyReasons.filter(
    // An earlier person's review is this one's to name again, once (two reviews listed it twice).
    (c) =>
      c !== 'human_review_requested' && c !== 'contest_received' && c !== PERSON_DECIDED && c !== PERSON_CUT && !(outcome !== 'refer' && c === PERSON_CLOSED),
  );
  const codes: PolicyReasonCode[] = [...carried, PERSON_DECIDED, ...(outcome === 'decline' ? [PERSON_CLOSED] : []), ...(cut ? [PERSON_CUT] : [])];
  // What set the automated limit is a reason for the person's only where it is still true: its cap,
  // rounded down to the step, is the person's limit (the customer's cap they approved as it stands).
  // A person's referral leaves a held line held for a person, whatever they propose: the hold is
  // still why the limit shown is the line on file. An approval or a decline decides the line, and
  // the hold is no reason for it ("kept as it is until a person reviews it" beside the 16,700 RMB a
  // person approved).
  const keepsHold = outcome === 'refer' && decision.policyReasons.includes(HELD) && previousLimit > decision.maxGrantable;
  const stillTrue = (c: PolicyReasonCode) =>
    c === HELD ? keepsHold : !setByPerson || !LIMIT_SETTING_REASONS.has(c) || capIsLimit(decision, c, limit, policy.limits.roundingStep);
  // Reasons are owed whenever the customer gets less than they had or asked for, or no approval.
  const adverse = reviewIsAdverse(outcome, limit, decision, previousLimit);
  const contributions = env.explainFollowUp(decision, read, adverse, 'review');
  const next: DecisionReview = {
    status: 'reviewed',
    // A held line stays held at the line on file (its `limit`), so the person's proposal is the one
    // the next reviewer is shown; anywhere else `limit` is the person's and this the automated one.
    proposed: keepsHold ? { outcome, limit } : proposedTerms(decision),
    automatedDecisionId: decision.audit.decisionId,
    reviewerRole: parsed.data.reviewerRole,
    note: note ?? null,
    contest: decision.review?.contest ?? null,
  };
  // A person's decline of a line on file is a close, entered as any decision's is (see finishDecision).
  const closes = outcome === 'decline' && previousLimit > 0;
  const limitHistory = raised ? [...history, { asOf, from: previousLimit, to: limit }] : closes ? [...history, { asOf, from: previousLimit, to: 0 }] : history;
  // A person's referral of a held line leaves it held, at the line on file: sealed as a proposal
  // (`review` at the 0 proposed) it said `line_on_file` of a limit of 0, and the contest and the
  // reduction after it carried that on, while the 17,600 RMB line stayed on file above nothing grantable.
  const lineAction = lineActionOf({ outcome, limit, maxGrantable: decision.maxGrantable, held: keepsHold }, previousLimit);
  const sealedLimit = keepsHold ? previousLimit : limit;
  const lineOnFile = lineOnFileAfter({ lineAction, limit: sealedLimit, previousLimit, controls: decision.controls }, policy.limits.roundingStep);
  const automated = [
    PERSON_DECIDED,
    ...decision.reasons
      .map((r) => r.code)
      .filter((c) => c !== PERSON_DECIDED)
      .filter(isPolicyCode(codes.filter((c) => c !== PERSON_CLOSED || outcome !== 'decline')))
      .filter(stillTrue),
  ];
  const forLimit = reasonCodesForLimit(automated, limit, codes);
  // The hold is of the line on file, not of what the person proposes: a referral proposing nothing
  // still leaves the line held.
  const reviewCodes = keepsHold ? automated.filter((c) => c === HELD || forLimit.includes(c)) : forLimit;
  const { audit: _prior, ...rest } = decision;
  return sealFollowUp(
    decision,
    {
      ...rest,
      asOf,
      outcome,
      limit: sealedLimit,
      previousLimit,
      lineAction,
      affordability: affordabilityAt(decision.affordability, sealedLimit, aprBpOf(decision), policy),
      // The budget assistant's offer follows the line the person left on file.
      health: { ...decision.health, lowerLimitOffer: lowerLimitOfferOn(lineOnFile, decision.health, policy.limits, loweredThisStreak(decision, asOf)) },
      policyReasons: codes,
      contributions,
      // The automated reasons stay the principal reasons on an adverse review; the review itself is
      // named first. A person's limit below what the policy granted was set by the person: what set
      // the automated one ("Limit set by your risk grade", "Limit lowered at your request") is no
      // reason for it unless it still sets it, and the person is its binding constraint.
      // A person restoring a line an earlier person cut (a review of that review) grants what the policy
      // grants: the cap that sets it binds again, not the earlier person (found from the decision's caps).
      // So does a person approving a held line at what may be granted: the hold ends, and `line_on_file`
      // labels a held line only (the reassessment after it names that cap too). Where no cap sets the
      // person's limit (a held reduction told the balance is paid down keeps `maxGrantable` 0, and a
      // person may grant what its checks pass), the person set it. A decline keeps its label.
      bindingConstraint: keepsHold
        ? 'line_on_file'
        : setByPerson
          ? 'person'
          : decision.bindingConstraint === 'person'
            ? (capSetting(decision, limit, policy.limits.roundingStep) ?? decision.bindingConstraint)
            : decision.bindingConstraint === 'line_on_file' && outcome !== 'decline'
              ? (capSetting(decision, limit, policy.limits.roundingStep) ?? 'person')
              : decision.bindingConstraint,
      // A person's decline sets no limit, so what set the automated one (the customer's
      // own reduction included) is no reason, and the review, not an earlier close, decided it.
      reasons: adverse
        ? principalReasons(
            // The review leading a held line's four would push its hold, or a lapse that moved the
            // limit, out of them: each keeps a place, as on every path.
            owedWithin(reviewCodes, (c) => c, MAX_PRINCIPAL_REASONS, codes, keepsHold ? decision.reasons.map((r) => r.code) : undefined),
            contributions.factors,
            env.featureReasons,
            followUpModelRule(decision, contributions),
          )
        : [],
      review: next,
      limitHistory,
      suggestions: followUpSuggestions('review'),
    },
    'review',
    // The date goes into the id only when it is the review's own, so reviews dated as before keep their ids.
    canonicalJson({ priorDecisionId: decision.audit.decisionId, review: next, outcome, limit, ...(asOf === decision.asOf ? {} : { asOf }) }),
    env.keys,
  );
}

/**
 * The model factors a review or contest may name: the ones the decision it follows named (a factor
 * it left out was immaterial, or could not move its result), and so none where it named none. An
 * approval at the full request owes no reasons and names no factor: the model moved nothing a
 * person's decline or a customer's contest of it turns on, which the review or the contest itself
 * explains. Letting any material factor through there told a customer declined on their identity
 * documents that their debt was a principal reason (findings21-explain F2).
 */
function followUpModelRule(decision: Decision, contributions: Decision['contributions']): ModelReasonRule {
  return {
    logOddsPerUnit: logOddsPerUnit(contributions),
    only: new Set(decision.reasons.filter((r) => r.source === 'model').map((r) => r.factor)),
  };
}

/** Whether `code` names a cap that, rounded down to the step, is `limit` on `d`. */
function capIsLimit(d: Decision, code: PolicyReasonCode, limit: number, roundingStep: number): boolean {
  const cap = CAP_OF_LIMIT_REASON[code];
  const value = cap === undefined ? null : d.caps[cap];
  return value !== null && value !== undefined && roundDownToStep(value, roundingStep) === limit;
}

function isPolicyCode(codes: readonly PolicyReasonCode[]): (c: string) => c is PolicyReasonCode {
  const set = new Set<string>(codes);
  return (c): c is PolicyReasonCode => set.has(c);
}

/**
 * Attaches a customer's contest (their point of view and new facts; EU CCD2 Art. 18(8)) to a
 * decision as a NEW sealed decision: outcome `refer` (a person will review; `lineAction:
 * 'review'`), the contested terms kept as the proposal and the limit unchanged, the audit linking
 * the contested decision. A line held above what may be granted today stays held (`lineAction:
 * 'hold'`, `limit` the held line) and the proposal the reviewer sees (`review.proposed`) is what
 * may be granted (`maxGrantable`), never the held line. The prior is verified first. Record the reviewer's answer with
 * `scorer.recordReview`. Called through `scorer.recordContest`.
 *
 * @throws PriorInvalidError for a prior that is not a valid, unchanged (and signed, with a key)
 *   decision; ValidationError naming every offending contest field and option in one error;
 *   ReviewInvalidError when the scorer cannot compute the factors the referral owes (see followUpExplainer).
 */
export function recordContest(priorInput: unknown, contest: ContestInput, env: ReviewContext, options?: FollowUpOptions): Decision {
  const decision = verifyPrior(priorInput, env.keys);
  // Read once into a plain copy, as a review's are.
  const read = readOptions(options, FOLLOW_UP_OPTION_KEYS);
  requireLatestPrior(decision, read.value, env.policy.limits.roundingStep, 'contest options');
  const parsed = readFollowUpInput(ContestInputSchema, contest, decision, 'ContestInput', read.value);
  // A referral owes reasons, so the applicant is needed where the decision carries no factors.
  if (!parsed.ok) throw withOptionFaults(parsed.error, () => env.explainFollowUp(decision, read, true, 'contest'));
  const facts = parsed.data.newFacts ?? [];
  const asOf = parsed.asOf;

  const next: DecisionReview = {
    status: 'contested',
    // The terms contested: a person's, on a decision a person decided (the automated proposal it
    // kept is what that person set aside; shown as the proposal, the contest of a person's cut
    // proposed the policy's line to the next reviewer as if nobody had decided).
    // A held line a person referred is sealed at the line on file: their proposal is the one kept.
    proposed:
      decision.review?.status === 'reviewed' && decision.lineAction !== 'hold' ? { outcome: decision.outcome, limit: decision.limit } : proposedTerms(decision),
    automatedDecisionId: decision.audit.decisionId,
    reviewerRole: null,
    note: null,
    contest: { statement: parsed.data.statement, newFacts: [...facts] },
  };
  const codes: PolicyReasonCode[] = [...decision.policyReasons.filter((c) => c !== 'contest_received'), 'contest_received'];
  // A referral owes reasons.
  const contributions = env.explainFollowUp(decision, read, true, 'contest');
  // The line before the contest is the one the contested decision left on file (its proposal, if
  // it only proposed, granted nothing); the contested terms stay the proposal. A line held above
  // what may be granted stays held: it was never a proposal (shown as one, `review` proposing the
  // held line, a person was offered a line the policy does not grant, and a reduction of the
  // contest lowered it as if it were); the proposal is what may be granted (proposedTerms).
  const previousLimit = lineOnFileAfter(decision, env.policy.limits.roundingStep);
  const held = decision.lineAction === 'hold';
  // Named once, as in `codes`: a contest of a contest led its four with it again each time, and
  // three contests of a held line told contest_received three times and no cause of the hold.
  const contestCodes: PolicyReasonCode[] = [
    'contest_received',
    ...decision.reasons
      .map((r) => r.code)
      .filter((c) => c !== 'contest_received')
      .filter(isPolicyCode(codes)),
  ];
  const { audit: _prior, ...rest } = decision;
  return sealFollowUp(
    decision,
    {
      ...rest,
      asOf,
      outcome: 'refer',
      lineAction: held ? 'hold' : 'review',
      previousLimit,
      // A contest only proposes: the line on file stays the one before it, and so does the offer's.
      health: { ...decision.health, lowerLimitOffer: lowerLimitOfferOn(previousLimit, decision.health, env.policy.limits, loweredThisStreak(decision, asOf)) },
      policyReasons: codes,
      contributions,
      reasons: principalReasons(
        // The contest leading a held line's four would push its hold, or a lapse that moved the
        // limit, out of them: each keeps a place.
        owedWithin(contestCodes, (c) => c, MAX_PRINCIPAL_REASONS, codes, held ? decision.reasons.map((r) => r.code) : undefined),
        contributions.factors,
        env.featureReasons,
        followUpModelRule(decision, contributions),
      ),
      review: next,
      suggestions: followUpSuggestions('contest'),
    },
    'contest',
    canonicalJson({ priorDecisionId: decision.audit.decisionId, review: next, ...(asOf === decision.asOf ? {} : { asOf }) }),
    env.keys,
  );
}

/**
 * The cap that sets `limit` as the engine names it (composeLimit: the smallest before rounding, ties
 * by priority), so a restored line names what the automated decision of the same caps names;
 * undefined when the caps do not set it (a step limit, the product minimum).
 */
function capSetting(decision: Decision, limit: number, step: number): BindingConstraint | undefined {
  const composed = composeLimit(decision.caps, step);
  return composed.limit === limit ? composed.bindingConstraint : undefined;
}
