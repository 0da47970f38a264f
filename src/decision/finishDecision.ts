import { CreditliftError } from '../errors/creditliftError.js';
import { groupContributions } from '../explain/factorContributions.js';
import {
  logOddsPerUnit,
  MAX_PRINCIPAL_REASONS,
  materialRiskFactors,
  principalReasons,
  reasonCodesForLimit,
  type ModelReasonRule,
} from '../explain/principalReasons.js';
import { MIN_OVER_BUDGET_MONTHS } from '../health/recommendLowerLimit.js';
import { loweredThisStreak, lowerLimitOfferOn } from './lowerLimitOffer.js';
import { affordabilityAt } from './affordabilityAt.js';
import { balanceOwedNote, utilizationCapped } from './balanceOwed.js';
import { balanceAboveLine } from '../policy/affordability.js';
import { roundDownToStep } from '../policy/limit.js';
import { prepareCheckedPolicy, type PolicyLimit, type PreparedPolicy } from '../policy/applyPolicy.js';
import { previewConfidence } from './hypotheticalEvidence.js';
import { toProbabilitySpace } from '../explain/treeShap/toProbabilitySpace.js';
import { sigmoid } from '../model/treeEnsemble.js';
import { ENGINE_VERSION } from '../version.js';
import { CAP_REASONS, LIMIT_SETTING_REASONS, type PolicyReasonCode } from '../policy/policyReasons.js';
import { buildAudit, credentialRef, sealDecision } from './audit.js';
import { DEFAULT_MIN_CONFIDENCE } from '../evidence/assessEvidence.js';
import { decisionDataCategories } from './dataCategoryCheck.js';
import type { CertificateImpact, Decision, DecisionLimitSetBy, EvidenceNoLongerCounted, EvidenceSuggestions, LimitMovement } from './decision.js';
import { evidenceNoLongerCounted, LAPSE_REASON } from './evidenceNoLongerCounted.js';
import { heldLineFirst, owedWithin } from './heldLineFirst.js';
import { lineOnFileAfter } from './lineOnFile.js';
import { closedByPerson, cutByPerson, lineActionOf, settleLine, type LineContext } from './settleLine.js';
import type { DecisionPlan } from './decisionPlan.js';
import { rankWhatIfs, suggestionItems, type PreviewPath, type RankedWhatIf } from './rankWhatIfs.js';
import { uploadPlan, type UploadPlan } from './uploadPlan.js';
import type { EngineContext } from './engineContext.js';
import { suggestionNote } from './suggestionNote.js';
import { decisionInputJson } from './decisionInputJson.js';
import { carriedLedger } from './carriedLedger.js';

const PERSON_CLOSED: PolicyReasonCode = 'line_closed_by_person';
const PERSON_CUT: PolicyReasonCode = 'line_cut_by_person';
const HELD: PolicyReasonCode = 'line_held_for_review';

/**
 * The policy for every scenario of one plan. Scenarios differ only in their evidence, which the
 * policy sees only through the duplicate-evidence flag, so at most two prepared policies serve
 * them all and each extra PD costs a few arithmetic steps.
 */
function scenarioPolicy(ctx: EngineContext, plan: DecisionPlan): (duplicateEvidence: boolean) => PreparedPolicy {
  let withDuplicate: PreparedPolicy | undefined;
  let withoutDuplicate: PreparedPolicy | undefined;
  return (duplicateEvidence) => {
    let p = duplicateEvidence ? withDuplicate : withoutDuplicate;
    if (p === undefined) {
      // Everything here was validated at its entry: the policy at createScorer, the applicant by
      // parseApplicant, the ledger once per call (see DecisionPlan.limitHistory).
      p = prepareCheckedPolicy({
        applicant: plan.main.applicant,
        flags: { duplicateEvidence },
        policy: ctx.policy,
        policyHash: ctx.policyHash,
        limitHistory: plan.limitHistory,
      });
      if (duplicateEvidence) withDuplicate = p;
      else withoutDuplicate = p;
    }
    return p;
  };
}

/**
 * The policy's outcome and limit at a PD, per prepared policy (with or without the duplicate
 * flag). The main scenario gets the full report; counterfactuals need only outcome and limit.
 * limitAt is a pure function of the prepared policy and the PD, and many what-ifs share a PD
 * (equal rows score once), so each prepared policy works a PD out once per plan.
 */
function memoisedLimits(policyFor: (duplicateEvidence: boolean) => PreparedPolicy): (duplicateEvidence: boolean, pd: number) => PolicyLimit {
  const limits = new Map<PreparedPolicy, Map<number, PolicyLimit>>();
  return (duplicateEvidence, pd) => {
    const policy = policyFor(duplicateEvidence);
    // A Map key does not tell -0 from 0; such a PD (no logistic gives one) is simply not cached.
    if (Object.is(pd, -0)) return policy.limitAt(pd);
    let byPd = limits.get(policy);
    if (byPd === undefined) limits.set(policy, (byPd = new Map()));
    let limit = byPd.get(pd);
    if (limit === undefined) byPd.set(pd, (limit = policy.limitAt(pd)));
    return limit;
  };
}

/** The decision's contributions from the main row's TreeSHAP values. */
export function explain(ctx: EngineContext, shap: Float64Array): Decision['contributions'] {
  const w = ctx.encoder.width;
  // Probability space is the explainer's documented "percentage points" reading of the exact
  // log-odds values (see toProbabilitySpace); the factors then sum to PD - baseline PD.
  const values = ctx.contributionSpace === 'probability' ? toProbabilitySpace(shap) : shap;
  const baseline = values[w] as number;
  const factors = groupContributions(values, ctx.encoder.names, ctx.factors);
  return { space: ctx.contributionSpace, baseline, factors };
}

/**
 * The contributions of a decision that owes no reasons under `explanations: 'when_owed'`: no
 * factors, said so, and the baseline every explained decision of this model carries (the bias
 * term of TreeSHAP is the explainer's expected value; in probability space its sigmoid).
 */
function unexplained(ctx: EngineContext): Decision['contributions'] {
  const bias = ctx.explainer.expectedValue;
  return { space: ctx.contributionSpace, baseline: ctx.contributionSpace === 'probability' ? sigmoid(bias) : bias, factors: [], omitted: 'not_owed' };
}

/** A decision whose policy has run, waiting for its main row's TreeSHAP values if it needs them. */
export interface SettledDecision {
  /** Whether the decision owes reasons (outcome not approve, or a limit below the request or the line on file). */
  readonly owesReasons: boolean;
  /**
   * The reassessment that uploads each what-if certificate to this decision (see {@link uploadPlan}):
   * its rows must be scored (`encodePlan`, `scorePlanRows`) and their PDs given to `finish`, which
   * previews them. Null when the decision previews no upload.
   */
  readonly upload: DecisionPlan | null;
  /**
   * The sealed decision. `shap`: TreeSHAP contributions of the main row (log-odds; one per
   * feature, then the bias); null only when the scorer explains when owed and this decision owes
   * no reasons. `uploadPds`, from `uploadFirstRow`: the PDs of the `upload` plan's rows, when it has one.
   */
  finish(shap: Float64Array | null, uploadPds?: Float32Array, uploadFirstRow?: number): Decision;
}

/**
 * Turns a plan and the model's PDs for its rows into a decision up to its explanation: policy on
 * every scenario, certificate impacts, what-if suggestions; `finish` adds the TreeSHAP
 * contributions, principal reasons and audit. Split so the scorer can gather the main rows that
 * need TreeSHAP into one block first.
 *
 * @param firstRow where this plan's rows start in `pds`
 */
export function settleDecision(ctx: EngineContext, plan: DecisionPlan, pds: Float32Array, firstRow: number): SettledDecision {
  let r = firstRow;
  const nextPd = () => pds[r++] as number;
  const { applicant } = plan.main;
  const prior = plan.prior;
  const policyFor = scenarioPolicy(ctx, plan);
  const limitOf = memoisedLimits(policyFor);
  const mainPd = nextPd();
  const main = policyFor(plan.main.report.summary.duplicateDetected).evaluate(mainPd);

  // decide: the policy's answer today stands. reassess: the line on file is protected, never
  // raised past what the policy grants today and never lowered automatically (see settleLine).
  // A prior that only proposed terms (a referral) granted nothing: the line is the one it left on file.
  const previousLimit = prior ? lineOnFileAfter(prior, ctx.policy.limits.roundingStep) : applicant.platform.currentLimit;
  const line: LineContext = {
    previousLimit,
    protectLine: prior !== null,
    selfCap: applicant.controls.selfSetCap ?? null,
    roundingStep: ctx.policy.limits.roundingStep,
    productMin: ctx.policy.limits.productMin,
    // A line a person closed is opened again by a person only: reopened by the next upload, with
    // nothing new, a person's decline was undone by the model a day later.
    closedByPerson: prior !== null && closedByPerson(prior, previousLimit),
    // And a line a person cut is raised by a person only: the next reassessment, with nothing new,
    // raised a line a fraud officer had cut to the minimum straight back (500 to 11,300 RMB).
    cutByPerson: prior !== null && cutByPerson(prior, previousLimit),
  };
  const finalLimit = (p: PolicyLimit) => settleLine(p, line).limit;
  const settled = settleLine(main, line);
  const limit = settled.limit;

  const certificateImpacts: CertificateImpact[] = plan.without.map(({ item, scenario }) => {
    const pdWithout = nextPd();
    const without = settleLine(limitOf(scenario.report.summary.duplicateDetected, pdWithout), line);
    return {
      index: item.index,
      kind: item.kind,
      credentialRef: credentialRef(ctx.keys, item.kind, item.credentialId),
      pdReduction: pdWithout - mainPd,
      limitGain: limit - without.limit,
      limitWithout: without.limit,
      outcomeWithout: without.outcome,
    };
  });

  // The healthy limit is today's affordability ceiling; a what-if may lower the price and with it
  // raise the capacity, but a preview never promises more than the customer can afford today.
  const healthyLimit = roundDownToStep(main.affordabilityCapacity, ctx.policy.limits.roundingStep);
  const previewCeiling = Math.max(healthyLimit, limit);
  // Previews of this very call with the certificate (`suggest`), scored with the plan's rows.
  // Only a what-if that raises the limit can be suggested, and only the best few are: they are
  // ranked as plain numbers, and a suggestion is built for the ones kept.
  const thisCall: PreviewPath = { limitOf, line, without: limit };
  const ranked: RankedWhatIf[] = rankWhatIfs(plan.whatIf, pds, r, thisCall, limit, previewCeiling, ctx.suggestionCount);
  r += plan.whatIf.length;
  const overBudgetMonths = applicant.financialHealth?.overBudgetMonths ?? null;
  // A customer whose spending has outrun their own budget month after month is not nudged
  // towards more credit (the plan scored no what-ifs for them); a lower limit is offered instead.
  const overBudget = overBudgetMonths !== null && overBudgetMonths >= MIN_OVER_BUDGET_MONTHS;

  // What the prior counted and this reassessment does not (expired, left out of the update): named,
  // never dropped without a word.
  const lapsed: EvidenceNoLongerCounted[] = prior
    ? evidenceNoLongerCounted(
        prior.evidence,
        plan.main.report.items.map((item) => ({ ...item, credentialRef: credentialRef(ctx.keys, item.kind, item.credentialId) })),
        applicant.evidence,
        ctx.catalog,
      )
    : [];
  let movement: LimitMovement | null = null;
  if (prior) {
    const stepLimits = plan.steps.map((s) => finalLimit(limitOf(s.report.summary.duplicateDetected, nextPd())));
    stepLimits.push(limit);
    const byEvidence = stepLimits.slice(1).map((to, j) => {
      const index = plan.newEvidenceFrom + j;
      const ev = applicant.evidence[index];
      return {
        index,
        kind: ev?.kind ?? '',
        credentialRef: ev === undefined ? null : credentialRef(ctx.keys, ev.kind, ev.credentialId),
        limitGain: to - (stepLimits[j] as number),
      };
    });
    movement = {
      from: previousLimit,
      withoutNewEvidence: stepLimits[0] as number,
      to: limit,
      byEvidence,
      stepLimited: main.stepLimit?.bound != null,
      ...(lapsed.length === 0 ? {} : { evidenceNoLongerCounted: lapsed }),
    };
  }

  const requested = applicant.controls.requestedLimit ?? null;
  const outcome = settled.outcome;
  const grantedLimit = outcome === 'decline' ? 0 : limit;
  const lineAction = lineActionOf(settled, previousLimit);
  // A contest the customer has not withdrawn is carried by a reassessment as their request for a
  // person (see reassess), in their own words for the reviewer, and named as a contest.
  const contested = applicant.controls.humanReview === true && prior?.review?.status === 'contested' ? prior.review.contest : null;
  const carriedContest = contested === null ? null : { statement: contested.statement, newFacts: [...contested.newFacts] };
  // A refer condition is why a person reviews a referral. A decline goes to nobody, so it is no
  // reason for one: declines below the product minimum led with "Estimated risk of default needs a
  // manual review" (310 of 10,000 synthetic declines, beside 81 referrals that carried it).
  const referCodes = new Set<PolicyReasonCode>(main.refers.map((h) => h.code));
  const inForce = outcome === 'decline' ? main.reasons.filter((c) => !referCodes.has(c)) : main.reasons;
  const codes: PolicyReasonCode[] = carriedContest === null ? [...inForce] : inForce.map((c) => (c === 'human_review_requested' ? 'contest_received' : c));
  // A request off the rounding grid is granted rounded down: say so rather than leave it unexplained
  // (a decline granted nothing, so nothing was rounded).
  if (requested !== null && grantedLimit > 0 && grantedLimit < requested && main.limitSetBy === 'requested') codes.push('limit_rounded_to_step');
  // A reassessment under another certificate catalog than its prior's re-reads the evidence on file
  // with other kinds or weights: named first, or the customer is told only that few certificates count.
  if (prior && prior.audit.catalogHash !== ctx.catalogHash) codes.unshift('catalog_changed');
  // Carried on every decision of a line a person closed until a person opens it: first where it is
  // why the decision refers, last (no reason for a decline) where something else decided.
  if (line.closedByPerson) {
    if (outcome === 'refer') codes.unshift(PERSON_CLOSED);
    else codes.push(PERSON_CLOSED);
  }
  // Likewise a line a person cut: first where it is why the decision refers (the policy would
  // raise it), last (no reason) where the policy grants no more than the person left.
  const referredForCut = line.cutByPerson && main.outcome === 'approve' && outcome === 'refer' && !settled.held;
  if (line.cutByPerson) {
    if (referredForCut) codes.unshift(PERSON_CUT);
    else codes.push(PERSON_CUT);
  }
  // A held line says it is held, and a certificate that stopped counting says what to do about it,
  // before anything says what sets a limit: the limit shown is the line on file, not what the cap
  // sets ("Limit set by your risk grade" alone beside 17,000 RMB held, the grade allowing 16,700 RMB).
  // What caused it (a knock-out, a catalog change) still leads. One order for every held line,
  // a reduction's included (see heldLineFirst).
  const lapseCodes = [...new Set(lapsed.map((l) => LAPSE_REASON[l.why]))];
  const policyReasons = heldLineFirst(
    codes,
    (c) => c,
    settled.held ? HELD : null,
    lapseCodes,
    (c) => LIMIT_SETTING_REASONS.has(c),
  );
  // Reasons are owed whenever the customer gets less than they had or asked for, or no approval.
  const adverse = outcome !== 'approve' || (requested !== null && grantedLimit < requested) || grantedLimit < previousLimit;
  // Increases of an existing line count towards step limits, and so does reopening a line closed
  // within the window (the policy stepped it: see applyPolicy); a new customer's first line is not
  // a step, and a referral's proposal is not an increase until a person grants it (recordReview
  // enters it then).
  // A close is entered too (`to: 0`, no rise): it is what shows that a line existed, so reopening
  // it inside the window is a step even when it closed before its first rise (a customer's own cap
  // below the minimum, then the cap cleared: 3,000 to 37,900 RMB the same day as a "new" line).
  const raised = lineAction === 'raise' || (lineAction === 'open' && main.stepLimit !== null);
  const entered = raised || lineAction === 'close';
  const limitHistory = carriedLedger(
    entered ? [...plan.limitHistory, { asOf: applicant.asOf, from: previousLimit, to: grantedLimit }] : plan.limitHistory,
    applicant.asOf,
    ctx.policy,
  );
  const lineOnFile = lineOnFileAfter({ lineAction, limit: grantedLimit, previousLimit, controls: { selfSetCap: line.selfCap } }, line.roundingStep);
  // No preview can beat the decision's limit when it is at the preview ceiling (affordability
  // binds) or at the customer's own cap, which binds every later decision too: nothing to score.
  const capped = line.selfCap !== null && limit >= roundDownToStep(line.selfCap, line.roundingStep);
  const upload = plan.uploadWhatIf.length === 0 || previewCeiling <= limit || capped ? null : uploadPlan(plan, lineOnFile, limitHistory, line);
  return { owesReasons: adverse, upload: upload?.plan ?? null, finish };

  /**
   * The suggestions: the best previews of this call, or of the upload to this decision (`up`, its
   * rows' PDs from `first`), or the constraint that no certificate moves.
   */
  function suggest(up: UploadPlan | null, upPds: Float32Array | undefined, first: number): EvidenceSuggestions {
    let best = ranked;
    let blocker: Pick<PolicyLimit, 'outcome' | 'limitSetBy'> = main;
    if (up !== null) {
      if (upPds === undefined) throw new CreditliftError('internal_error', 'a decision that previews uploads was finished without their PDs');
      const upLimitOf = memoisedLimits(scenarioPolicy(ctx, up.plan));
      // The reassessment with nothing new: what the path gives by itself (a step limit this
      // decision used up binds it), and what binds when no certificate beats it.
      const alone = upLimitOf(plan.main.report.summary.duplicateDetected, upPds[first] as number);
      const settledAlone = settleLine(alone, up.line);
      const without = settledAlone.outcome === 'decline' ? 0 : Math.min(settledAlone.limit, previewCeiling);
      best = rankWhatIfs(up.plan.whatIf, upPds, first + 1, { limitOf: upLimitOf, line: up.line, without }, limit, previewCeiling, ctx.suggestionCount);
      // A decline says so even where the reassessment after it would only refer.
      if (alone.outcome === 'decline' || main.outcome !== 'decline') blocker = alone;
    }
    const items = suggestionItems(best, applicant.asOf, previewConfidence(ctx.minConfidence));
    const blockedBy =
      ctx.suggestionCount === 0
        ? null
        : overBudget
          ? 'financial_health'
          : items.length > 0
            ? null
            : blocker.outcome === 'decline'
              ? 'decline'
              : blocker.limitSetBy;
    return { items, blockedBy, note: blockedBy === null ? null : suggestionNote(blockedBy, overBudgetMonths ?? 0) };
  }

  /**
   * Whether the model's factors are reasons for this decision at all: the policy again at the PD
   * without every material risk-raising factor (their log-odds taken off the PD's). A result the
   * same in outcome, line and rules (a limit set by the request, the product maximum or a step
   * limit, a knock-out the PD did not cause) is none of the model's doing.
   */
  function modelRule(contributions: Decision['contributions']): ModelReasonRule {
    const perUnit = logOddsPerUnit(contributions);
    const material = materialRiskFactors(contributions.factors, perUnit);
    if (material.length === 0) return { logOddsPerUnit: perUnit, moves: false };
    // Asked only when a factor would be named: most adverse decisions' own policy reasons leave room
    // for one, but a decline with four knock-outs need not evaluate the policy again.
    const moves = () => {
      let raised = 0;
      for (const f of material) raised += f.value * perUnit;
      const margin = mainPd > 0 && mainPd < 1 ? Math.log(mainPd / (1 - mainPd)) : Math.sign(mainPd - 0.5) * 40;
      const alt = policyFor(plan.main.report.summary.duplicateDetected).evaluate(sigmoid(margin - raised));
      const altSettled = settleLine(alt, line);
      const codes = (hits: readonly { readonly code: string }[]) => hits.map((h) => h.code).join(',');
      return (
        altSettled.outcome !== settled.outcome ||
        altSettled.limit !== settled.limit ||
        codes(alt.knockouts) !== codes(main.knockouts) ||
        codes(alt.refers) !== codes(main.refers)
      );
    };
    return { logOddsPerUnit: perUnit, moves };
  }

  function finish(shap: Float64Array | null, uploadPds?: Float32Array, uploadFirstRow = 0): Decision {
    const suggestions = suggest(upload, uploadPds, uploadFirstRow);
    const explained = adverse || ctx.explanations === 'always';
    if (explained && shap === null) throw new CreditliftError('internal_error', 'a decision to be explained was finished without its TreeSHAP values');
    const contributions = explained ? explain(ctx, shap as Float64Array) : unexplained(ctx);
    // A person's close is a reason for a referral to a person, not for a decline it did not decide.
    // A person's cut is a reason only for the referral it causes.
    const reasonCodes = policyReasons.filter((c) => !(c === PERSON_CLOSED && outcome === 'decline') && !(c === PERSON_CUT && !referredForCut));
    // A line held while a knock-out now applies: the policy grants nothing today, so the cap that
    // would have set a limit set none ("Limit set by your risk grade" beside nothing grantable).
    const forLimit = reasonCodesForLimit(reasonCodes, grantedLimit, policyReasons);
    const reasonCodesNow = settled.held && main.knockouts.length > 0 ? forLimit.filter((c) => !CAP_REASONS.has(c)) : forLimit;
    // A held line names the hold among its four, however many knock-outs caused it, and a lapsed
    // certificate that moved the limit is named among them too (see owedWithin).
    const named = owedWithin(reasonCodesNow, (c) => c, MAX_PRINCIPAL_REASONS, policyReasons);
    const reasons = adverse ? principalReasons(named, contributions.factors, ctx.featureReasons, modelRule(contributions)) : [];
    const bindingConstraint: DecisionLimitSetBy = settled.held
      ? 'line_on_file'
      : main.knockouts.length > 0
        ? 'knockout'
        : main.reasons.includes('limit_below_product_minimum')
          ? // Every cap left a line the product offers and the step limits held it below the minimum.
            main.limitSetBy === 'step_limit' && main.composedLimit >= ctx.policy.limits.productMin
            ? 'step_limit'
            : 'product_minimum'
          : main.limitSetBy;

    // Only for a lender that passes the streak: most decisions carry none, and build nothing for it.
    const lowerLimitOffer =
      overBudgetMonths === null ? null : lowerLimitOfferOn(lineOnFile, { healthyLimit, overBudgetMonths }, line, loweredThisStreak(prior, applicant.asOf));
    const tested = {
      limit: main.affordability.limit,
      pass: main.affordability.pass,
      monthlyPayment: main.affordability.monthlyPayment,
      paymentPlan: main.affordability.paymentPlan,
      capacity: main.affordabilityCapacity,
      checks: main.affordability.checks,
      ...owedNote(applicant.platform, main.affordability.limit),
    };
    // The figures of the line the decision sets (a held line, a line kept above what the policy
    // works out today), not of the limit the policy tested; moved only when the two differ.
    const affordability =
      grantedLimit > 0 && grantedLimit !== main.affordability.limit ? affordabilityAt(tested, grantedLimit, main.pricing.aprBp, ctx.policy) : tested;
    const audit = buildAudit(
      {
        applicantId: applicant.id,
        asOf: applicant.asOf,
        modelId: ctx.model.id,
        modelSha256: ctx.model.sha256,
        policyHash: ctx.policyHash,
        catalogHash: ctx.catalogHash,
        // Only when not the default, so decisions made by default keep their bytes and ids.
        ...(ctx.minConfidence === DEFAULT_MIN_CONFIDENCE ? {} : { minConfidence: ctx.minConfidence }),
        engineVersion: ENGINE_VERSION,
        kind: plan.kind,
        ...(prior ? { priorDecisionId: prior.audit.decisionId } : {}),
        inputJson: decisionInputJson(ctx, applicant, plan.limitHistory),
        subject: applicant.identity.idHash,
      },
      ctx.keys,
    );

    // A category the model never saw was scored as missing: said on the decision, never silent.
    const unseen = ctx.encoder.unseenCategories({ applicant, evidence: plan.main.report.items });
    return sealDecision(
      {
        applicantId: applicant.id,
        asOf: applicant.asOf,
        outcome,
        limit: grantedLimit,
        lineAction,
        maxGrantable: settled.maxGrantable,
        previousLimit,
        requestedLimit: requested,
        apr: main.apr,
        dailyRate: main.dailyRate,
        dailyRateText: main.dailyRateText,
        plans: main.plans,
        dataCategories: decisionDataCategories(ctx.dataCategories, plan.main.report.items, ctx.catalog),
        review:
          applicant.controls.humanReview === true
            ? {
                status: carriedContest === null ? 'pending' : 'contested',
                // A held line is no proposal: what the policy proposes is what it grants today.
                proposed: { outcome: main.automatedOutcome, limit: settled.held ? settled.maxGrantable : grantedLimit },
                automatedDecisionId: null,
                reviewerRole: null,
                note: null,
                contest: carriedContest,
              }
            : null,
        pd: mainPd,
        grade: main.grade,
        bindingConstraint,
        caps: main.caps,
        affordability,
        evidence: plan.main.report.items.map(({ credentialId, category, scaleValue, ...item }) => ({
          ...item,
          ...(category === undefined ? {} : { category }),
          ...(scaleValue === undefined ? {} : { scaleValue }),
          credentialRef: credentialRef(ctx.keys, item.kind, credentialId),
        })),
        policyReasons,
        reasons,
        contributions,
        ...(unseen.length === 0 ? {} : { unseenCategories: unseen }),
        certificateImpacts,
        suggestions,
        movement,
        health: { healthyLimit, overBudgetMonths, lowerLimitOffer },
        controls: { selfSetCap: applicant.controls.selfSetCap ?? null },
        limitHistory,
        audit,
      },
      ctx.keys,
    );
  }
}

// The note on a balance owed above the line on file, when there is one to give (above the limit
// tested, or read by the model at its cap): an object to spread, empty otherwise so the bytes stay.
function owedNote(platform: { readonly currentLimit: number; readonly currentBalance: number }, limitTested: number) {
  const owed = balanceAboveLine(platform);
  if (owed === undefined) return {};
  const note = balanceOwedNote(owed, limitTested, utilizationCapped(owed, platform.currentLimit));
  return note === undefined ? {} : { balanceOwed: note };
}
