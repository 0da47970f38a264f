import { CAP_OF_LIMIT_REASON, CAP_REASONS, LIMIT_SETTING_REASONS, policyReasons as POLICY_REASONS } from '../policy/policyReasons.js';
import { referCodes } from '../policy/referCodes.js';
import type { PolicyReasonCode } from '../policy/policyReasons.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import { applyReduction, reductionBelowMinimumIssues } from '../policy/applyReduction.js';
import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { BoundedFen, IsoDate } from '../schema/primitives.js';
import { roundDownToStep } from '../policy/limit.js';
import { MAX_PRINCIPAL_REASONS, type PrincipalReason } from '../explain/principalReasons.js';
import { canonicalJson } from '../hashing/canonicalJson.js';
import type { AuditKeys } from './audit.js';
import type { Decision } from './decision.js';
import { affordabilityAt, aprBpOf, capacityOwing, retestedAffordability } from './affordabilityAt.js';
import { balanceAboveLine } from '../policy/affordability.js';
import { readOptions, type OptionsRead } from '../errors/readOptions.js';
import { lineOnFileAfter } from './lineOnFile.js';
import { loweredThisStreak, lowerLimitOfferOn, reductionAnswersStreak } from './lowerLimitOffer.js';
import { proposedTerms } from './proposedTerms.js';
import { followUpDateIssues } from './followUpDate.js';
import { requireSamePolicy } from './requireSamePolicy.js';
import { requireLatestPrior, type LineOnFile } from './priorOnFile.js';
import { sealFollowUp } from './sealFollowUp.js';
import { heldLineFirst, owedWithin } from './heldLineFirst.js';
import type { FollowUpExplainer, FollowUpOptions } from './explainFollowUp.js';

/** What a reduction needs from the scorer. */
export interface ReductionContext {
  readonly policy: PolicyConfig;
  readonly keys: AuditKeys;
  /** Hash of `policy`: the prior must have been priced and capped under it. */
  readonly policyHash: string;
  /** Computes again the factors of a prior made without them, when the reduction owes reasons beyond the customer's request. */
  readonly explainFollowUp: FollowUpExplainer;
}

/** What a reduction may be told besides its amount: see {@link reduceLine}. */
export interface ReductionOptions {
  /**
   * The day the customer lowered their line (YYYY-MM-DD), not before the prior's `asOf`, nor more
   * than 120 years after it (decide refuses any applicant then). Default: the prior's `asOf`.
   */
  readonly asOf?: string;
  /** What your account system holds for the line now: a prior that left another line, cap or step-limit ledger on file is refused (see {@link LineOnFile}). */
  readonly onFile?: LineOnFile;
  /**
   * The balance owed on the line today, whole fen, at most `MAX_MONEY_FEN` (10^12) as the
   * applicant's `platform.currentBalance` is. A reduction is the customer's own and is never refused
   * for debt, but a line lowered below what is owed still owes it: its affordability figures test
   * the larger of the lowered line and this balance, with a note (`affordability.balanceOwed`), and
   * when the balance's own payment fails the checks no line is affordable (capacity 0, `maxGrantable`
   * 0, `balance_owed_unaffordable`): the lowered line is held for a person (`refer` / `hold`), as a
   * reassessment of the same facts holds it. Absent: the balance the prior decision noted, if any
   * (else it was at most the limit it tested), as `reassess` reads a profile without one.
   */
  readonly currentBalance?: number;
  /**
   * The applicant the prior was decided for (and `limitHistory`, the ledger it was decided with, when
   * the decision no longer holds it whole), as `recordReview` takes them. Needed only when the prior
   * was made with `explanations: 'when_owed'` and carries no factors, and the reduction owes reasons
   * beyond the customer's request (a line held for a balance no income repays): its factors are then
   * computed again, as a person's adverse review computes them. Checked against the prior's input hash.
   */
  readonly applicant?: FollowUpOptions['applicant'];
  readonly limitHistory?: FollowUpOptions['limitHistory'];
}

/** The option keys a reduction reads. */
const REDUCTION_OPTION_KEYS: readonly string[] = ['asOf', 'onFile', 'currentBalance', 'applicant', 'limitHistory'];

const CUSTOMER_REDUCTION: PolicyReasonCode = 'customer_reduction';
const HELD: PolicyReasonCode = 'line_held_for_review';
const BELOW_MINIMUM: PolicyReasonCode = 'limit_below_product_minimum';
const OWED_UNAFFORDABLE: PolicyReasonCode = 'balance_owed_unaffordable';

/**
 * The options as read, checked together (every fault named at once), and the reduction's date they
 * give: `options.asOf`, or the prior's; `currentBalance`, when given, whole fen. The date is read strictly (a
 * misspelt `asof` would date the reduction at its prior without a word) and never before the prior's date: a line is not
 * lowered before the decision that set it, and a later review or reassessment counts its dates
 * (the step-limit window, the ledger) from this one. ISO dates compare as strings.
 *
 * @throws ValidationError (subject `reduction options`) naming every offending option.
 */
function checkedReductionDate(options: OptionsRead, prior: Decision): string {
  const issues: ValidationIssue[] = [...options.issues];
  const given = (options.value as ReductionOptions | undefined)?.asOf;
  let asOf = prior.asOf;
  if (given !== undefined) {
    const parsed = IsoDate.safeParse(given);
    if (!parsed.success) issues.push(...validationIssuesFromZod(parsed.error).map((i) => ({ ...i, path: ['asOf', ...i.path] })));
    else {
      // The decision carries no birth date: a date where decide refuses any applicant born by the prior's is refused.
      const faults = followUpDateIssues(parsed.data, prior, undefined, 'a line is not lowered before the decision that set it');
      if (faults.length === 0) asOf = parsed.data;
      else issues.push(...faults);
    }
  }
  if (options.value !== undefined && Object.hasOwn(options.value, 'currentBalance')) {
    const balance = (options.value as ReductionOptions).currentBalance;
    // The applicant's own bound on the same figure (platform.currentBalance): above it is a data error
    // (another unit, a sentinel such as 2^53 - 1), which would otherwise be sealed in the figures.
    const parsed = BoundedFen.safeParse(balance);
    if (!parsed.success) issues.push(...validationIssuesFromZod(parsed.error).map((i) => ({ ...i, path: ['currentBalance', ...i.path] })));
  }
  if (issues.length > 0) throw new ValidationError('reduction options', issues);
  return asOf;
}

/**
 * A review still waiting for a person (`pending`, or a customer's `contested` one) proposes no
 * more than `bound`: the customer's cap (rounded down to the step), and what today's
 * affordability rule affords a proposal it re-tested: a proposal above it is one no person may
 * approve (recordReview refuses it), shown to the reviewer as if it were on offer. A proposal
 * bounded to nothing is the policy's answer below the product minimum (`zeroOutcome`), not an
 * approval of 0. A review a person already decided keeps what was proposed then, as the record of it.
 */
function boundedReview(review: Decision['review'], bound: number, zeroOutcome: 'decline' | 'refer'): Decision['review'] {
  if (review === null || review.status === 'reviewed' || review.proposed.limit <= bound) return review;
  return { ...review, proposed: { outcome: bound === 0 ? zeroOutcome : review.proposed.outcome, limit: bound } };
}

/** The reason a line held by an affordability check names, as a decision made today names it. */
const AFFORDABILITY_REASON: Readonly<Record<string, PolicyReasonCode>> = {
  income_level: 'limit_affordability_income_level',
  debt_service: 'limit_affordability_debt_service',
  residual_income: 'limit_affordability_residual_income',
};

/** The prior's affordability figures, capacity and grantable line under this release's rule. */
interface TodaysFigures {
  readonly affordability: Decision['affordability'];
  readonly caps: Decision['caps'];
  readonly healthyLimit: number;
  readonly maxGrantable: number;
  /** True when the prior was sealed under the previous rule and its figures were re-tested. */
  readonly retested: boolean;
  /** True when the balance owed above the line left on file fails the checks by itself: no line is affordable. */
  readonly owedUnaffordable: boolean;
}

/**
 * The prior's figures as it sealed them, flagged as neither re-tested nor held for a balance owed:
 * what a reduction keeps where it cannot or need not work them out again (see todaysFigures and
 * owedFigures), and the base it works them out on where it can.
 */
function priorsFigures(prior: Decision): TodaysFigures {
  return {
    affordability: prior.affordability,
    caps: prior.caps,
    healthyLimit: prior.health.healthyLimit,
    maxGrantable: prior.maxGrantable,
    retested: false,
    owedUnaffordable: false,
  };
}

/**
 * A decision sealed before affordability tested the dearest repayment over the term (no
 * `affordability.paymentPlan`: the revolving line alone) carries the old rule's payment, checks
 * and capacity, and a `maxGrantable` and healthy limit worked out from them. A reduction seals a
 * new decision today, so its figures are re-tested under today's rule (see retestedAffordability):
 * the capacity, the affordability cap, the healthy limit and `maxGrantable` (never above what
 * today's capacity grants, 0 below the product minimum) agree with the checks beside them. A
 * decision of this release, or one whose tested limit is unknown, keeps its own.
 */
function todaysFigures(prior: Decision, aprBp: number, policy: PolicyConfig, owedAboveLine: number | undefined): TodaysFigures {
  // A prior whose capacity a balance it could not afford set (0) is worked out again from the balance
  // owed today, as a reassessment of the same facts works it out: kept, a balance paid down still
  // sealed capacity 0 and "no credit can be extended until it is paid down" beside checks passing.
  if (prior.policyReasons.includes(OWED_UNAFFORDABLE)) return owingFigures(owedFigures(prior, owedAboveLine, aprBp, policy), owedAboveLine, aprBp, policy);
  const same = priorsFigures(prior);
  const figures = prior.affordability.paymentPlan === undefined ? (retestedFigures(prior, aprBp, policy) ?? same) : same;
  return owedAboveLine === undefined ? figures : owingFigures(figures, owedAboveLine, aprBp, policy);
}

/**
 * The figures of a prior held for a balance it could not afford, with the capacity, affordability
 * cap and healthy limit worked out again for `owedAboveLine` (undefined: none above the line), as a
 * reassessment of the same facts works them out. What may be granted stays the prior's: a reduction
 * never raises it (the reassessment decides it again), so the line stays held for a person, who may
 * approve what its checks pass. The prior's own figures where they cannot be worked out again.
 */
function owedFigures(prior: Decision, owedAboveLine: number | undefined, aprBp: number, policy: PolicyConfig): TodaysFigures {
  const same = priorsFigures(prior);
  const owing = capacityOwing(prior.affordability, owedAboveLine, aprBp, policy);
  if (owing === undefined || !owing.balanceOwedFits) return same;
  return {
    ...same,
    affordability: { ...prior.affordability, capacity: owing.capacity },
    caps: { ...prior.caps, affordability: owing.capacity },
    healthyLimit: roundDownToStep(owing.capacity, policy.limits.roundingStep),
  };
}

/** A prior of the previous rule's figures re-tested under today's (see todaysFigures); undefined when they cannot be. */
function retestedFigures(prior: Decision, aprBp: number, policy: PolicyConfig): TodaysFigures | undefined {
  const affordability = retestedAffordability(prior.affordability, prior.limit > 0 ? prior.limit : undefined, aprBp, policy);
  if (affordability === undefined) return undefined;
  const { roundingStep, productMin } = policy.limits;
  const healthyLimit = roundDownToStep(affordability.capacity, roundingStep);
  return {
    affordability,
    caps: { ...prior.caps, affordability: affordability.capacity },
    healthyLimit,
    maxGrantable: Math.min(prior.maxGrantable, healthyLimit < productMin ? 0 : healthyLimit),
    retested: true,
    owedUnaffordable: false,
  };
}

/**
 * The figures when `owed` is owed above the line the reduction leaves on file, as decide works
 * them out for the same facts (affordabilityCapacity): a balance whose own payment fails the checks
 * affords no line, so the capacity, the affordability cap and the healthy limit are what it affords
 * (0, or the room below the product minimum), and nothing may be granted. Kept as they were, the
 * reduction of a 17,000 RMB line to 500 RMB with 40,000 RMB owed sealed a capacity of 25,919 RMB
 * and 500 RMB grantable beside checks that fail, and a person approved it. A balance that fits
 * changes no capacity; a reduction never raises what may be granted (a balance paid down is for a
 * reassessment to count).
 */
function owingFigures(figures: TodaysFigures, owed: number | undefined, aprBp: number, policy: PolicyConfig): TodaysFigures {
  if (owed === undefined) return figures;
  const owing = capacityOwing(figures.affordability, owed, aprBp, policy);
  if (owing === undefined || owing.balanceOwedFits) return figures;
  const healthyLimit = roundDownToStep(owing.capacity, policy.limits.roundingStep);
  return {
    affordability: { ...figures.affordability, capacity: owing.capacity },
    caps: { ...figures.caps, affordability: owing.capacity },
    healthyLimit,
    maxGrantable: healthyLimit < policy.limits.productMin ? 0 : Math.min(figures.maxGrantable, healthyLimit),
    retested: figures.retested,
    owedUnaffordable: true,
  };
}

/**
 * The customer lowers their own line (the brake in their hand), without the model: the line they
 * hold after `prior` (a referral's proposal granted nothing; see lineOnFileAfter) goes to `amount`
 * rounded down to the step, at once, if it is above it, and `amount` rounded down becomes their cap
 * (unless a lower cap is already in force). What else the prior decided stands: its outcome, its
 * reason codes behind the new one, its binding constraint unless the reduction now binds, and its
 * principal reasons, led by the customer's own request when the line went down. `maxGrantable` is
 * bounded by the cap.
 *
 * - A referral waiting for a person (`lineAction: 'review'`) keeps waiting on its proposal,
 *   bounded by the cap: when the line the customer now holds is not that proposal (asked above
 *   it, or a raise proposed above a line they kept), the decision stays `review` with `limit` the
 *   proposal, which passes its own affordability as before, and `previousLimit` the line before,
 *   so `lineOnFileAfter` gives the line they lowered (or kept) and the reasons still say what set
 *   the proposal. Asked at or below the proposal, the line goes to the amount asked (`lower`), a
 *   proposal a person may approve as it stands.
 * - A line held above what may be granted (`hold`) and lowered, still above it, stays held (`hold`
 *   at the lowered line, `bindingConstraint: 'line_on_file'`, reasons naming the hold among the
 *   four and what holds it); at or below it, it is lowered (`lower`).
 * - A decision sealed under the previous affordability rule (see todaysFigures) is re-tested under
 *   today's; a line that fails it is held for a person (`refer` / `hold`), as a reassessment holds
 *   it, never sealed as an approval whose checks fail. A referral's proposal of that rule is
 *   bounded by what today's affords (`bindingConstraint: 'affordability'`, the affordability reason
 *   named), and where today's affords no line the product offers, the referral stays waiting for a
 *   person proposing nothing (`limit` 0, the policy's below-minimum outcome as the review's
 *   proposal, `bindingConstraint: 'product_minimum'`, `limit_below_product_minimum` and the
 *   affordability reason), as a decision made today refers or declines it. The customer's cap
 *   takes effect either way.
 * - A balance owed above the line the reduction leaves on file (`options.currentBalance`, or the
 *   one the prior noted) whose own payment fails the checks affords no line: the figures say so as
 *   a reassessment of the same facts does (capacity, affordability cap and healthy limit what it
 *   affords, `maxGrantable` 0, `balance_owed_unaffordable` named), the lowered line is held for a
 *   person (`refer` / `hold`) and a referral waiting for a person proposes nothing, as above.
 *
 * A line the customer lowered (and now holds) is explained by their request, not by what set the
 * prior's limit (on an approval, by their request alone). Reasons are owed as on any decision. The
 * new decision is dated `options.asOf`, the day the customer asked (default the prior's date), so a
 * review or reassessment after it is dated no earlier.
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
    "reassess the decision under this policy first (scorer.reassess), then lower that line, or lower it on a scorer with the decision's policy",
  );
  // Read once into a plain copy: a getter or Proxy is refused by name with the other option faults, never thrown raw.
  const read = readOptions(options, REDUCTION_OPTION_KEYS);
  const asOf = checkedReductionDate(read, prior);
  // A prior older than the line's latest decision would lose what came after it (the customer's own
  // cap, a person's review): refused when the account's line, cap or ledger says so.
  requireLatestPrior(prior, read.value, env.policy.limits.roundingStep, 'reduction options');
  const belowMinimum = reductionBelowMinimumIssues(amount, env.policy, []);
  if (belowMinimum.length > 0) throw new ValidationError('reduction amount', belowMinimum);
  const step = env.policy.limits.roundingStep;
  const aprBp = aprBpOf(prior);
  const line = lineOnFileAfter(prior, step);
  // The line the customer holds after this reduction.
  const onFile = applyReduction(line, amount, env.policy);
  // The balance owed today, when the account system gives it (else the one the prior noted): a line
  // lowered below it still owes it, and it counts as a reassessment of the same facts counts it.
  const balance = (read.value as ReductionOptions | undefined)?.currentBalance ?? prior.affordability.balanceOwed?.amount;
  const today = todaysFigures(
    prior,
    aprBp,
    env.policy,
    balance === undefined ? undefined : balanceAboveLine({ currentLimit: onFile, currentBalance: balance }),
  );
  // The cap is what the customer asked for, never the line it happened to be below: a cap set at
  // the line (or at 0 on a declined decision) refused raises they never refused. Rounded down like
  // every limit, and never above a cap already in force (a reduction never loosens one).
  const asked = roundDownToStep(amount, step);
  const priorCap = prior.controls.selfSetCap;
  const cap = priorCap !== null && priorCap < asked ? priorCap : asked;
  // The most the policy grants today under every cap: the customer's new one among them.
  const maxGrantable = Math.min(today.maxGrantable, cap);
  const lowered = onFile < line;
  // A proposal waiting for a person, bounded by the cap, that is not the line the customer holds: still waiting.
  const byCap = Math.min(prior.limit, roundDownToStep(cap, step));
  // A proposal of the previous affordability rule is bounded by what today's affords (0 when that
  // is no line the product offers): kept, it was a proposal above maxGrantable failing its own
  // checks, shown to a person who could not approve it.
  const { productMin } = env.policy.limits;
  const affordable = today.healthyLimit < productMin ? 0 : today.healthyLimit;
  const retestCut = prior.lineAction === 'review' && (today.retested || today.owedUnaffordable) && affordable < byCap;
  const proposal = retestCut ? affordable : byCap;
  // Cut to nothing, it still waits for a person, the line on file (if any) as it is.
  const pending = prior.lineAction === 'review' && (proposal !== onFile || (retestCut && proposal === 0));
  // A pending proposal today's affordability cut is set by it.
  const cut = pending && retestCut;
  const limit = pending ? proposal : onFile;
  // Nothing to propose: the figures of the product minimum it fails, as a decision made today tests it.
  const affordability = affordabilityAt(today.affordability, cut && proposal === 0 ? productMin : limit, aprBp, env.policy, balance);
  // A line above what may be granted today stays held for a person: a held line still above it,
  // or a line the previous affordability rule granted that today's fails.
  // So is a line lowered below a balance the customer cannot repay: never sealed as an approval whose checks fail.
  const held =
    !pending && onFile > 0 && (prior.lineAction === 'hold' || today.owedUnaffordable ? onFile > maxGrantable : today.retested && !affordability.pass);
  const outcome = held ? 'refer' : prior.outcome;
  // A waiting proposal the cap cut is now set by the customer's request, as a lowered line is: one
  // still pending (a raise asked above the line, capped between the line and the proposal), and one
  // cut to the very line the customer holds (capped at the line: nothing lowered, nothing waits
  // above it), which kept the prior's "Limit set by your risk grade" beside the cap that set it.
  const capped = prior.lineAction === 'review' && !retestCut && proposal < prior.limit && (pending || (!lowered && !held));
  const caps = { ...today.caps, self_cap: cap };
  // A held line's "Limit set by ..." says what may be granted today: a cap that no longer sets it
  // is no reason. A 17,000 RMB line lowered to 500 RMB with 40,000 RMB owed kept "Limit set by your
  // risk grade and income" (the grade's 17,023.47 RMB) beside nothing grantable: the balance set that.
  // The codes keep it, in force as a reassessment keeps a knocked-out held line's (see finishDecision).
  const capSetsNothing = (c: PolicyReasonCode) => {
    const which = CAP_OF_LIMIT_REASON[c];
    if (!held || !CAP_REASONS.has(c) || which === undefined) return false;
    const figure = caps[which];
    const rounded = figure === null ? null : roundDownToStep(figure, step);
    return !(rounded !== null && (rounded === maxGrantable || (maxGrantable === 0 && rounded < productMin)));
  };
  // A decline goes to nobody, so a refer condition a decision sealed before declines stopped
  // carrying them ("needs a manual review") is no reason for it, as a decline made today gives none.
  const referNow = outcome === 'decline' && prior.review?.status !== 'reviewed' ? referCodes(env.policy) : new Set<PolicyReasonCode>();
  // A balance the prior could not afford, paid down to one the checks pass, is no reason any more.
  const untrue = (c: string) => c === CUSTOMER_REDUCTION || (c === OWED_UNAFFORDABLE && !today.owedUnaffordable) || referNow.has(c as PolicyReasonCode);
  const carriedCodes: PolicyReasonCode[] = [CUSTOMER_REDUCTION, ...prior.policyReasons.filter((c) => !untrue(c))];
  // What holds a line the previous rule granted: the check it fails today, as a decision made today names it.
  const failing = affordability.checks.find((c) => !c.pass);
  // A balance owed that fails the checks by itself is why, named first, as decide names it.
  const heldBy: PolicyReasonCode[] = [
    ...(held && today.owedUnaffordable ? [OWED_UNAFFORDABLE] : []),
    ...(held && today.retested && failing !== undefined && !carriedCodes.some((c) => c.startsWith('limit_affordability_'))
      ? [AFFORDABILITY_REASON[failing.id] as PolicyReasonCode]
      : []),
  ];
  // A held line says so, and what holds it, before anything says what sets a limit, as decide and
  // reassess order it: the customer's request still leads, as what made this decision.
  const codes: PolicyReasonCode[] = held
    ? heldLineFirst(
        carriedCodes,
        (c) => c,
        HELD,
        heldBy,
        (c) => LIMIT_SETTING_REASONS.has(c),
      )
    : carriedCodes;
  // What cut a re-tested proposal: the check the old proposal fails today, and, cut to nothing, the product minimum.
  const failingBefore = today.affordability.checks.find((c) => !c.pass);
  const cutBy: PolicyReasonCode[] = cut
    ? today.owedUnaffordable
      ? [OWED_UNAFFORDABLE, ...(proposal === 0 ? [BELOW_MINIMUM] : [])]
      : [...(proposal === 0 ? [BELOW_MINIMUM] : []), ...(failingBefore === undefined ? [] : [AFFORDABILITY_REASON[failingBefore.id] as PolicyReasonCode])]
    : [];
  codes.push(...cutBy.filter((c) => !codes.includes(c)));
  // Whatever else the reduction decided, a balance that affords no line is why nothing may be granted.
  if (today.owedUnaffordable && !codes.includes(OWED_UNAFFORDABLE)) codes.push(OWED_UNAFFORDABLE);
  const owed = outcome !== 'approve' || (prior.requestedLimit !== null && limit < prior.requestedLimit) || onFile < line;
  const own: PrincipalReason = { code: CUSTOMER_REDUCTION, source: 'policy', ...pick(CUSTOMER_REDUCTION) };
  // The customer's own request leads when this reduction lowered the line, or when an earlier one
  // did and the line is still below what was asked (a retried reduction owes the same reason).
  const byCustomer = lowered || capped || prior.reasons.some((x) => x.code === CUSTOMER_REDUCTION);
  // A line the customer lowered, now the decision's limit, was set by their request, not by what
  // set the prior's limit (the risk grade, a cap, a step limit: "Limit set by your risk grade"
  // beside 8,000 RMB they asked for). On an approval that request is the whole reason; on a
  // referral or a decline, what referred or declined it still stands. A proposal still waiting is
  // explained by what set it (unless the cap cut it), and a held line by what holds it.
  const ownLimit = (lowered && !pending && !held) || capped;
  // A proposal today's affordability cut is explained by it (named below), not by what set the old one.
  const carried = prior.reasons.filter(
    (x) =>
      !untrue(x.code) &&
      !capSetsNothing(x.code as PolicyReasonCode) &&
      !(ownLimit && (prior.outcome === 'approve' || LIMIT_SETTING_REASONS.has(x.code as PolicyReasonCode))) &&
      !(cut && LIMIT_SETTING_REASONS.has(x.code as PolicyReasonCode)),
  );
  const policyReason = (c: PolicyReasonCode): PrincipalReason => ({ code: c, source: 'policy', ...pick(c) });
  const cutReasons = cutBy.filter((c) => !carried.some((x) => x.code === c)).map(policyReason);
  // A held line's principal reasons name the hold too (a prior the previous rule approved carried
  // none), ahead of every limit and model factor, as its policy reasons do.
  const explained = held
    ? heldLineFirst(
        carried,
        (x) => x.code,
        policyReason(HELD),
        heldBy.map(policyReason),
        (x) => x.source === 'model' || LIMIT_SETTING_REASONS.has(x.code as PolicyReasonCode),
      )
    : [...cutReasons, ...carried];
  const given = [...(byCustomer ? [own] : []), ...explained];
  // The request leading the prior's four would push its hold, or a lapse that moved the limit, out
  // of them: each keeps a place (a line lowered below the hold names no hold: see `carried`).
  const reasons = owed
    ? owedWithin(given, (x) => x.code, MAX_PRINCIPAL_REASONS, codes, held ? prior.reasons.map((r) => r.code) : undefined).slice(0, MAX_PRINCIPAL_REASONS)
    : [];
  // Reasons beyond the customer's own request (a hold, a cut) come with the factors behind the
  // decision, as a person's adverse review's do: a prior that left them out has them computed again
  // from its applicant, or the reduction is refused naming `applicant` (never sealed as `not_owed`).
  const owesFactors = owed && reasons.some((x) => x.code !== CUSTOMER_REDUCTION);
  const contributions = env.explainFollowUp(prior, read, owesFactors, 'reduction');
  const { audit: _priorAudit, ...rest } = prior;
  const health = { ...prior.health, healthyLimit: today.healthyLimit };
  const lineAction = pending ? 'review' : held ? 'hold' : lowered ? 'lower' : onFile === 0 ? 'none' : 'keep';
  // The proposal a waiting review shows: bounded by the cap and today's affordability, and on a
  // held line what may be granted, never the held line (proposedTerms).
  const bounded = boundedReview(prior.review, Math.min(roundDownToStep(cap, step), cut ? proposal : cap), env.policy.limits.belowMinimum);
  const review =
    bounded === null || bounded.status === 'reviewed' || lineAction !== 'hold'
      ? bounded
      : { ...bounded, proposed: proposedTerms({ lineAction, maxGrantable, outcome, limit, review: bounded }) };
  // Only the rounding step is this scorer's (the rest of the terms are the prior's, under its
  // policy), and rounding down never raises a line.
  return sealFollowUp(
    prior,
    {
      ...rest,
      asOf,
      outcome,
      limit,
      lineAction,
      maxGrantable,
      contributions,
      review,
      previousLimit: line,
      bindingConstraint: cut
        ? proposal === 0
          ? 'product_minimum'
          : 'affordability'
        : capped
          ? 'self_cap'
          : pending
            ? prior.bindingConstraint
            : // A line still held is the line on file held for a person, lowered or not, as a
              // reassessment of it labels it (its cap set the figure; the hold is why it is not what
              // may be granted today).
              held
              ? 'line_on_file'
              : lowered
                ? 'self_cap'
                : prior.bindingConstraint,
      caps,
      affordability,
      controls: { selfSetCap: cap },
      // A customer who lowered their line while over budget has answered this streak's offer; one who
      // did not is still offered a lower line, on the line they now hold.
      health: {
        ...health,
        lowerLimitOffer: lowerLimitOfferOn(onFile, health, env.policy.limits, reductionAnswersStreak(line, onFile, health) || loweredThisStreak(prior, asOf)),
      },
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

/** A policy reason's own words. */
function pick(code: PolicyReasonCode): Pick<PrincipalReason, 'factor' | 'en' | 'zhHans'> {
  const r = POLICY_REASONS[code];
  return { factor: r.factor, en: r.en, zhHans: r.zhHans };
}
