import fc from 'fast-check';
import type { Decision } from '../../decision/decision.js';
import type { Scorer } from '../../decision/createScorer.js';
import type { Applicant } from '../../schema/applicant.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import { ValidationError } from '../../errors/validationError.js';
import { lineOnFileAfter } from '../../decision/lineOnFile.js';
import { logOddsPerUnit, MAX_PRINCIPAL_REASONS, MODEL_REASON_MIN_LOG_ODDS } from '../../explain/principalReasons.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import { LIMIT_SETTING_REASONS, policyReasons, type PolicyReasonCode } from '../../policy/policyReasons.js';
import type { CreditLaw } from '../creditLaw.js';
import { changedProfile, profileChangeArbitrary } from '../profileChangeArbitrary.js';
import { adverseDrawArbitrary, adverseVariants, everyBureauKnockout, type AdverseVariants } from '../_internals/adverseVariants.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { checkDecisionBinding, checkPolicyBinding } from '../_internals/bindingCap.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { scorerEvidence } from '../_internals/scorerEvidence.js';
import { checkFollowUpModelReasons, checkFollowUpsOfApprovalInFull } from '../_internals/followUpModelReasons.js';
import {
  fen,
  limitHistoryArbitrary,
  pdArbitrary,
  reductionAmountArbitrary,
  usedWindowHistoryArbitrary,
  withLine,
  withSelfCap,
} from '../_internals/lawInputs.js';
import { POLICY_INDEPENDENT_KNOCKOUTS } from '../_internals/knockoutCodes.js';
import { requireLaw } from '../_internals/runLaw.js';
import { MAX_MONEY_FEN } from '../../schema/primitives.js';

/**
 * The reasons that tell the customer a person looks at their case ("needs a manual review", "needs
 * verification", "a reviewer will look", "until a person reviews it"): true only of a decision that
 * goes to a person (a referral, a held line) or that one reviewed, never of a decline made without
 * one (findings28-pages F2: 310 of 10,000 declines below the product minimum were told their risk
 * "needs a manual review").
 */
const PERSON_LOOKS: ReadonlySet<string> = new Set<PolicyReasonCode>([
  'pd_in_refer_band',
  'self_declared_income_high',
  'human_review_requested',
  'contest_received',
  'line_held_for_review',
]);

/**
 * Checks one decision's reasons: owed ones present (1 to 4), each naming something that applied
 * in its own words; none when nothing adverse happened; the binding constraint and any cap reason
 * name the cap that set the limit (see checkDecisionBinding).
 */
function checkReasons(d: Decision, what: string, policy: PolicyConfig): void {
  const owed = d.outcome !== 'approve' || (d.requestedLimit !== null && d.limit < d.requestedLimit) || d.limit < d.previousLimit;
  const who = `${what} (${d.outcome} ${fen(d.limit)}, was ${fen(d.previousLimit)}, asked ${fen(d.requestedLimit)})`;
  checkDecisionBinding(d, policy, who);
  if (!owed) {
    requireLaw(d.reasons.length === 0, () => `${who}: nothing adverse happened, yet ${d.reasons.length} principal reason(s) were given`);
    // A scorer explaining only when owed may leave the factors out here, and must then say so.
    if (d.contributions.omitted !== undefined)
      requireLaw(d.contributions.factors.length === 0, () => `${who}: contributions marked omitted, yet ${d.contributions.factors.length} factor(s) given`);
    return;
  }
  // Owed reasons come with the explanation behind them, whatever the scorer's explanation mode;
  // a line lowered at the customer's own request alone is explained by that request.
  const customersOwnAct = d.reasons.length > 0 && d.reasons.every((r) => r.code === 'customer_reduction');
  requireLaw(d.contributions.omitted === undefined || customersOwnAct, () => `${who}: reasons are owed, yet the model's contributions were left out`);
  requireLaw(
    d.reasons.length >= 1 && d.reasons.length <= MAX_PRINCIPAL_REASONS,
    () => `${who}: ${d.reasons.length} principal reasons, not 1 to ${MAX_PRINCIPAL_REASONS}`,
  );
  // Each names something else: a contest of a contest named contest_received once a contest, and
  // three of them left the held line's notice one sentence three times and no cause.
  const told = d.reasons.map((r) => r.code);
  requireLaw(new Set(told).size === told.length, () => `${who}: a principal reason is given twice: ${told.join(', ')}`);
  const applied = new Set<string>(d.policyReasons);
  const raisedRisk = new Set(d.contributions.factors.filter((f) => f.value > 0).map((f) => `model_${f.factor}`));
  const perUnit = logOddsPerUnit(d.contributions);
  for (const r of d.reasons) {
    const used = r.source === 'policy' ? applied.has(r.code) && r.code in policyReasons : raisedRisk.has(r.code);
    requireLaw(used, () => `${who}: reason "${r.code}" names a ${r.source} ${r.source === 'policy' ? 'rule' : 'factor'} that did not apply`);
    // A model factor is a reason only when it moved the score materially (MODEL_REASON_MIN_LOG_ODDS).
    if (r.source === 'model') {
      const value = d.contributions.factors.find((f) => `model_${f.factor}` === r.code)?.value ?? 0;
      requireLaw(
        value * perUnit >= MODEL_REASON_MIN_LOG_ODDS * (1 - 1e-9),
        () =>
          `${who}: reason "${r.code}" ("${r.en}") added ${(value * perUnit).toPrecision(3)} to the log-odds of default, below the ${MODEL_REASON_MIN_LOG_ODDS} a principal reason needs`,
      );
    }
    // A policy reason speaks in its code's own words: a lender's cap is never worded as regulation.
    if (r.source === 'policy') {
      const own = policyReasons[r.code as PolicyReasonCode];
      requireLaw(
        r.factor === own.factor && r.en === own.en && r.zhHans === own.zhHans,
        () => `${who}: reason "${r.code}" is worded "${r.en}" (factor ${r.factor}), not as its code says: "${own.en}" (factor ${own.factor})`,
      );
    }
  }
  const toPerson = d.outcome === 'refer' || d.lineAction === 'hold' || d.review?.status === 'reviewed';
  const promised = toPerson ? undefined : d.reasons.find((r) => r.source === 'policy' && PERSON_LOOKS.has(r.code));
  requireLaw(promised === undefined, () => `${who}: no person looks at this decision, yet reason "${promised?.code}" says "${promised?.en}"`);
  // A reason never contradicts what happened: what sets a limit ("Limit set by your risk grade", or
  // "Limit lowered at your request": named here, not only through the engine's own list) is no
  // reason for a decision that sets or proposes none for another cause (a knock-out, a person's
  // decline; below the product minimum it is what held the limit there), nor for a line the
  // customer's own reduction set (their request aside). A reduction that lowered nothing carries its prior's reasons,
  // checked on the prior (its limit is the line held, a referral's proposal aside).
  const limitSetting = d.reasons
    .filter((r) => r.source === 'policy' && (LIMIT_SETTING_REASONS.has(r.code as PolicyReasonCode) || r.code === 'customer_reduction'))
    // The customer's own reduction is what set the line a reduction lowered.
    .filter((r) => d.audit.kind !== 'reduction' || r.code !== 'customer_reduction')
    // The hold is of the line on file, which a person's referral leaves held whatever it proposes (nothing included).
    .filter((r) => r.code !== 'line_held_for_review' || !holdsLine(d))
    .map((r) => r.code);
  if (limitSetting.length > 0) {
    if (d.audit.kind === 'reduction')
      requireLaw(
        d.lineAction !== 'lower',
        () => `${who}: the customer lowered the line themselves, yet reason "${limitSetting[0]}" says something else set it`,
      );
    else
      requireLaw(
        d.limit > 0 || d.policyReasons.includes('limit_below_product_minimum'),
        () => `${who}: no limit was set or proposed (${d.outcome}, ${d.lineAction}), yet reason "${limitSetting[0]}" says what set one`,
      );
  }
  // A held line's limit is the line on file, held for a person: its reasons say so before any says
  // what sets a limit, never "Limit set by your risk grade" alone beside a line the grade no longer
  // allows (17,000 RMB held, 16,700 RMB grantable). What caused it (knock-outs, a catalog change, the
  // customer's own reduction) never crowds it out of the four: a held line lowered at the
  // customer's request behind three knock-outs was told all but the hold. A reduction's request
  // leads it: it is what made that decision, not what a cap sets today.
  const codes = d.reasons.map((r) => r.code);
  const setsLimit = (c: string) => LIMIT_SETTING_REASONS.has(c as PolicyReasonCode) || c.startsWith('model_');
  const before = (i: number) => (i === -1 ? codes : codes.slice(0, i));
  const crowdedOut = (i: number) => i === -1 && codes.length === MAX_PRINCIPAL_REASONS;
  if (holdsLine(d)) {
    // Held at the line on file, and labelled so: a person's referral of it was sealed a proposal at
    // the 0 proposed, `line_on_file` labelling that 0.
    requireLaw(
      d.lineAction === 'hold' && d.bindingConstraint === 'line_on_file' && d.limit > d.maxGrantable,
      () => `${who}: the line on file is held, yet it is sealed ${d.lineAction} at ${fen(d.limit)} labelled ${d.bindingConstraint}`,
    );
    const held = codes.indexOf('line_held_for_review');
    // A contest of a held reduction carries the reduction's reasons, its request leading them.
    const ownRequest = (c: string) => (d.audit.kind === 'reduction' || d.audit.kind === 'contest') && c === 'customer_reduction';
    requireLaw(
      held !== -1 && !before(held).some((c) => setsLimit(c) && !ownRequest(c)),
      () => `${who}: the line on file is held (${fen(d.maxGrantable)} grantable today), yet the reasons are ${codes.join(', ')}`,
    );
  }
  // A certificate the prior counted that this reassessment does not is told, with what to do, before
  // anything says what sets a limit (the held line aside, which it follows), and among the four
  // wherever it moved the limit: a knock-out no certificate moves (age, the bureau file) alone may
  // crowd it out, the lapse having moved nothing under it.
  const lapsed = d.audit.kind === 'reassess' ? (d.movement?.evidenceNoLongerCounted ?? []) : [];
  if (lapsed.length > 0) {
    const told = codes.findIndex((c) => LAPSE_CODES.has(c));
    const movedNothing = d.policyReasons.some((c) => EVIDENCE_BLIND_KNOCKOUTS.has(c));
    requireLaw(
      (told !== -1 || (movedNothing && crowdedOut(told))) && !before(told).some((c) => c !== 'line_held_for_review' && setsLimit(c)),
      () => `${who}: ${lapsed.map((l) => `${l.kind} (${l.why})`).join(', ')} no longer count, yet the reasons are ${codes.join(', ')}`,
    );
  }
  // A knock-out decline is labelled as one, never as affordability or a cap.
  const knockedOut = d.outcome === 'decline' && d.policyReasons.some((c) => POLICY_INDEPENDENT_KNOCKOUTS.has(c));
  if (knockedOut) requireLaw(d.bindingConstraint === 'knockout', () => `${who}: a knock-out decline is labelled "${d.bindingConstraint}"`);
}

/**
 * Whether a person may refer `d` (recordReview): not where it was refused for an age under the
 * minimum, nor for a student without a second source under a policy that declines them; a person
 * may only decline those.
 */
function personMayRefer(d: Decision, policy: PolicyConfig): boolean {
  if (d.policyReasons.includes('age_below_minimum')) return false;
  return !(policy.students.withoutSecondRepaymentSource === 'decline' && d.policyReasons.includes('student_without_second_source'));
}

/** A person's approval of `d` at `limit`, or undefined where the scorer refuses it (`review_invalid`): a refusal grants nothing. */
function approvedOrRefused(scorer: Scorer, d: Decision, limit: number): Decision | undefined {
  try {
    return scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit });
  } catch (e) {
    if (e instanceof CreditliftError && e.code === 'review_invalid') return undefined;
    throw e;
  }
}

/** The reasons a certificate that stopped counting is told by. */
const LAPSE_CODES: ReadonlySet<string> = new Set(['evidence_expired', 'evidence_not_in_update', 'evidence_no_longer_accepted']);

/** Knock-outs that decline whatever the evidence (age, the bureau file; not the PD's cut-off, which a lapse raises the PD across). */
const EVIDENCE_BLIND_KNOCKOUTS: ReadonlySet<string> = new Set([...POLICY_INDEPENDENT_KNOCKOUTS].filter((c) => c !== 'pd_above_cutoff'));

/**
 * Whether `d` leaves a line held for a person: a held decision, reassessment, reduction or contest,
 * and a person's review that refers a held line (the line on file stays held, whatever is proposed).
 */
function holdsLine(d: Decision): boolean {
  if (d.audit.kind === 'review') return d.outcome === 'refer' && d.policyReasons.includes('line_held_for_review') && d.previousLimit > d.maxGrantable;
  return d.lineAction === 'hold' && (d.audit.kind === 'decide' || d.audit.kind === 'reassess' || d.audit.kind === 'reduction' || d.audit.kind === 'contest');
}

/**
 * A follow-up that leaves the line held names the certificate that stopped counting its prior
 * named: the cause of the lower line, never pushed out of the four by the request, the contest or
 * the review leading them.
 */
function checkLapseKept(next: Decision, prior: Decision, who: string): void {
  const named = prior.reasons.filter((r) => LAPSE_CODES.has(r.code)).map((r) => r.code);
  if (named.length === 0 || !holdsLine(next)) return;
  const codes = next.reasons.map((r) => r.code);
  requireLaw(
    codes.some((c) => LAPSE_CODES.has(c)),
    () => `${who}: the line is still held and the decision it follows named ${named.join(', ')}, yet the reasons are ${codes.join(', ')}`,
  );
}

/**
 * A customer lowering the line of `d` (decided for `applicant`) to the product minimum while owing
 * a balance no income repays (five years of it, at least a hundred smallest lines): held with
 * nothing grantable, the balance and the hold set it, never a cap. The hold owes the factors behind
 * the decision: a prior left unexplained has them computed again from its applicant, and without
 * the applicant the reduction is refused, not sealed bare.
 */
function checkOwingReduction(scorer: Scorer, policy: PolicyConfig, d: Decision, applicant: Applicant): void {
  const least = policy.limits.productMin;
  const owed = Math.min(MAX_MONEY_FEN, Math.max(applicant.income.monthlyNet * 60, least * 100));
  const owing = scorer.requestReduction(d, least, { currentBalance: owed, applicant });
  checkReasons(owing, `reduction of "${applicant.id}" to ${fen(least)} owing ${fen(owed)} (${owing.lineAction})`, policy);
  if (d.contributions.omitted === undefined || !owing.reasons.some((r) => r.code !== 'customer_reduction')) return;
  let refused = false;
  try {
    scorer.requestReduction(d, least, { currentBalance: owed });
  } catch (error) {
    refused = error instanceof ValidationError && error.issues.some((i) => i.path[0] === 'applicant');
    if (!refused) throw error;
  }
  requireLaw(
    refused,
    () =>
      `reduction of "${applicant.id}" to ${fen(least)} owing ${fen(owed)}: reasons beyond the customer's request are owed and the prior carries no factors, yet it was made without the applicant`,
  );
}

/** What each adverse variant of an applicant is, for messages. */
const ADVERSE_KIND: Record<keyof AdverseVariants, string> = {
  referred: 'a referral (asking for a person)',
  declined: 'a decline (a knock-out or their own cap below the product minimum)',
  belowRequest: 'adverse (asking for more than the product offers, on a line above it)',
};

/** Every adverse result says why, truly. */
export const reasonsWhereOwed: CreditLaw = defineLaw({
  name: 'reasons_where_owed',
  description:
    "Whenever the outcome is not approve, or the limit is below the request or the line on file, on a decision (alone or in a batch), a reassessment, a held line, a person's review, a contest or a customer's reduction, one to four principal reasons are given, each a different one (a contest of a contest names the contest once), each naming a policy rule that applied or a model factor that raised the risk by at least MODEL_REASON_MIN_LOG_ODDS (0.05) in log-odds (the customer's own cap and knock-outs included) in its own words, and a knock-out decline is labelled as one; otherwise none. A reason saying a person looks at the case (the refer band's \"needs a manual review\", income that \"needs verification\", a requested or contested review, a held line) is given only where one does: a referral, a held line, or a decision a person reviewed, never a decline no person saw. No reason says what set a limit where none was set (a knock-out, a person's decline, the decline of a line the customer had lowered or of their contest of it: their reduction set a limit, it closed nothing; unless the limit fell below the product minimum) or where the customer lowered the line themselves. The binding constraint and a cap reason name the cap that actually set the limit: the lender's own cap is never blamed on regulation, and a \"Limit set by\" reason is given only where that cap's figure is the limit or the decision records it as binding (a limit a step limit held lower is explained by the step limit, never by the cap it stepped out of). A held line names `line_held_for_review` among its principal reasons however many causes lead it (a reassessment, which a pool's batch gives byte for byte, a contest of a held line, or a line the customer lowered that stays held, labelled `line_on_file` as every held line, a line lowered below a balance no income repays among them (held with nothing grantable: no \"Limit set by\" a cap that set nothing): what caused it never crowds the hold out of the four), and says it is held before any reason says what sets a limit (its limit is the line on file, not what a cap sets today), a held line the customer lowered too (after their own request), and a reassessment names each certificate its prior accepted that no longer counts (`movement.evidenceNoLongerCounted`: expired, not in the update, rejected) and, where reasons are owed, says so in a reason before any says what sets a limit, among the four wherever the lapse moved the limit (only a knock-out no certificate moves, age or the bureau file, may crowd it out); a person's review that refers a held line leaves it held (`hold` at the line on file, labelled `line_on_file`, as every held line is) and names the hold too, and a contest, reduction or referring review of a held line names the lapse its prior named. A review, contest or reduction names no model factor the decision it follows did not (a decision names one only where the model could move its result): after an approval at the full request, which names none, a person's decline or a contest is explained by the person's review or the contest alone.",
  policyProperty: (ctx) =>
    fc.property(
      fc
        .record({
          applicant: fc.oneof(ctx.applicants(0), withLine(ctx.applicants(0), ctx.policy), withSelfCap(ctx.applicants(0))),
          pd: pdArbitrary(ctx.policy),
        })
        .chain((x) => limitHistoryArbitrary(x.applicant.asOf, ctx.policy).map((limitHistory) => ({ ...x, limitHistory }))),
      ({ applicant, pd, limitHistory }) => {
        const r = ctx.decidePolicy({ applicant, pd, policy: ctx.policy, limitHistory });
        checkPolicyBinding(r, ctx.policy, `at PD ${pd}`);
        // The policy's own codes are the raw material of principal reasons: never empty where reasons are owed.
        const requested = applicant.controls.requestedLimit;
        const owed = r.outcome !== 'approve' || (requested !== undefined && r.limit < requested);
        if (owed) requireLaw(r.reasons.length > 0, () => `at PD ${pd}: ${r.outcome} ${fen(r.limit)} with no policy reason code`);
        if (r.outcome === 'decline' && r.knockouts.length > 0) {
          requireLaw(
            r.knockouts.every((k) => r.reasons.includes(k.code)),
            () => `at PD ${pd}: a knock-out that fired is missing from the reason codes`,
          );
        }
      },
    ),
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      fc.oneof(ctx.applicants(2), withSelfCap(ctx.applicants(1)), withLine(ctx.applicants(1), ctx.policy)).chain((applicant) =>
        fc.record({
          applicant: fc.constant(applicant),
          change: profileChangeArbitrary({ direction: 'worse' }),
          evidence: fc.array(scorerEvidence(ctx, { applicant, validity: 'any' }), { maxLength: 2 }),
          reduceTo: reductionAmountArbitrary(ctx.policy, 60_000),
          // A ledger whose rises used up the step-limit window: the step limit, not a cap, sets the limit.
          windowUsed: usedWindowHistoryArbitrary(applicant.asOf, ctx.policy),
          // Batched with the applicant and its adverse variants: a batch of 5 to 7 records, so a fault of the batch path alone is met.
          others: fc.array(fc.oneof(ctx.applicants(1), withSelfCap(ctx.applicants(1))), { minLength: 1, maxLength: 3 }),
          adverse: adverseDrawArbitrary(),
        }),
      ),
      async ({ applicant, change, evidence, reduceTo, others, windowUsed, adverse }) => {
        const d = await scorer.decide(applicant);
        checkReasons(d, `decision for "${applicant.id}"`, ctx.policy);
        // Reasons are owed on a referral, a decline and an approval below the request: each is met
        // on every run, alone, reassessed and in the batch below, not only where the PD lands.
        const variants = adverseVariants(applicant, ctx.policy, adverse);
        // Decisions holding a line, for the customer to lower below.
        const holding: [string, Decision][] = [];
        let belowRequest: Decision | undefined;
        for (const [kind, a] of Object.entries(variants)) {
          const v = await scorer.decide(a);
          if (kind === 'belowRequest') belowRequest = v;
          checkReasons(v, `decision for "${a.id}" made ${ADVERSE_KIND[kind as keyof AdverseVariants]}`, ctx.policy);
          const again = await scorer.reassess(v, { applicant: a, evidence: [] });
          checkReasons(again, `reassessment of "${a.id}" made ${ADVERSE_KIND[kind as keyof AdverseVariants]} (${again.lineAction})`, ctx.policy);
          holding.push([`decision of "${a.id}"`, v], [`reassessment of "${a.id}"`, again]);
        }
        // On the smallest line, with the window used up: held there by the step limit (never "Limit
        // set by" a cap the step stepped out of) wherever the caps allow more.
        const least = ctx.policy.limits.productMin;
        const onLeast = {
          ...applicant,
          platform: { ...applicant.platform, currentLimit: least, currentBalance: Math.min(applicant.platform.currentBalance, least) },
        };
        checkReasons(
          await scorer.decide(onLeast, { limitHistory: windowUsed }),
          `decision for "${applicant.id}" on a ${fen(least)} line, its step-limit window used up`,
          ctx.policy,
        );
        const batch = [applicant, variants.referred, variants.declined, variants.belowRequest, ...others];
        batchDecisions(await scorer.decideBatch(batch)).forEach((b, i) => {
          checkReasons(b, `decision for "${batch[i]?.id}" (decideBatch, record ${i + 1} of ${batch.length})`, ctx.policy);
        });
        const next = await scorer.reassess(d, { applicant: changedProfile(applicant, change), evidence });
        checkReasons(next, `reassessment of "${applicant.id}" (${next.lineAction})`, ctx.policy);
        // An update that leaves out every certificate the decision accepted: each one is named as
        // not in this update, and where reasons are owed (a held line, say) one says so.
        const bare = await scorer.reassess(d, { applicant: { ...applicant, evidence: [] } });
        checkReasons(bare, `reassessment of "${applicant.id}" without its certificates (${bare.lineAction})`, ctx.policy);
        // Every bureau knock-out applying: a line on file is held with three causes or more ahead of
        // the hold, which fill the four places once a reduction's request leads them.
        const knockedOut = await scorer.reassess(d, { applicant: everyBureauKnockout(applicant, ctx.policy) });
        checkReasons(knockedOut, `reassessment of "${applicant.id}" with every bureau knock-out (${knockedOut.lineAction})`, ctx.policy);
        // A held line the customer lowers a step, still above what may be granted: held, and its
        // reasons say so before any limit, as the held decision's did (no model call).
        holding.push(
          [`decision of "${applicant.id}"`, d],
          [`reassessment of "${applicant.id}"`, next],
          [`reassessment of "${applicant.id}" without its certificates`, bare],
          [`reassessment of "${applicant.id}" with every bureau knock-out`, knockedOut],
        );
        for (const [what, held] of holding) {
          const step = ctx.policy.limits.roundingStep;
          if (held.lineAction !== 'hold') continue;
          // The customer's contest of a held line keeps it held, and names the hold as it did.
          const contested = scorer.recordContest(held, { statement: 'I disagree' });
          checkReasons(contested, `contest of the held ${what} (${contested.lineAction})`, ctx.policy);
          checkLapseKept(contested, held, `contest of the held ${what}`);
          const again = scorer.recordContest(contested, { statement: 'I still disagree' });
          checkReasons(again, `second contest of the held ${what} (${again.lineAction})`, ctx.policy);
          // A person who refers it, proposing nothing, leaves it held: the hold and its cause are still
          // named. Only a person may refer it: a refusal a person may not override is declined alone.
          if (personMayRefer(held, ctx.policy)) {
            const referred = scorer.recordReview(held, { reviewerRole: 'credit_officer', outcome: 'refer', limit: 0 });
            checkReasons(referred, `referring review of the held ${what}`, ctx.policy);
            checkLapseKept(referred, held, `referring review of the held ${what}`);
            const afterReferral = scorer.recordContest(referred, { statement: 'I disagree' });
            checkReasons(afterReferral, `contest of the referred held ${what} (${afterReferral.lineAction})`, ctx.policy);
          }
          // A person who lowers it to what may be granted ends the hold: the approval names what sets
          // that line, never the hold's `line_on_file` (it did, on a review of the held line or of its contest).
          if (held.maxGrantable >= least)
            for (const [whose, prior] of [
              [`held ${what}`, held],
              [`contest of the held ${what}`, contested],
            ] as const) {
              const approved = approvedOrRefused(scorer, prior, held.maxGrantable);
              if (approved !== undefined) checkReasons(approved, `person's approval at ${fen(held.maxGrantable)} of the ${whose}`, ctx.policy);
            }
          const lowered = lineOnFileAfter(held, step) - step;
          if (lowered < least) continue;
          const r = scorer.requestReduction(held, lowered);
          checkReasons(r, `reduction of the held ${what} to ${fen(lowered)} (${r.lineAction})`, ctx.policy);
          checkLapseKept(r, held, `reduction of the held ${what} to ${fen(lowered)}`);
        }
        const dropped = d.evidence.filter((e) => e.status === 'accepted').map((e) => `${e.index}:${e.kind}:not_in_update`);
        const named = (bare.movement?.evidenceNoLongerCounted ?? []).map((l) => `${l.index}:${l.kind}:${l.why}`);
        requireLaw(
          JSON.stringify(named) === JSON.stringify(dropped),
          () => `reassessment of "${applicant.id}" without its certificates: ${dropped.join(', ') || 'none'} left out, yet ${named.join(', ') || 'none'} named`,
        );
        // A person who turns the decision adverse, and a customer's contest, owe reasons too, with
        // the factors behind them even where the scorer left them out of an approval (the
        // applicant lets it compute them again).
        const declined = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }, { applicant });
        checkReasons(declined, `declining review of "${applicant.id}"`, ctx.policy);
        checkFollowUpModelReasons(declined, d, `declining review of "${applicant.id}"`);
        const contested = scorer.recordContest(d, { statement: 'I disagree' }, { applicant });
        checkReasons(contested, `contest of "${applicant.id}"`, ctx.policy);
        checkFollowUpModelReasons(contested, d, `contest of "${applicant.id}"`);
        await checkFollowUpsOfApprovalInFull(scorer, applicant, d);
        // A customer lowering their own line: their request is a reason, and what declined or
        // referred the decision still is.
        checkReasons(scorer.requestReduction(d, reduceTo), `reduction of "${applicant.id}" to ${fen(reduceTo)}`, ctx.policy);
        // And one to the product minimum, which lowers any line above it (no model call): a line the
        // customer lowered is explained by their request, never by what set the limit before.
        const lowered = scorer.requestReduction(d, least);
        checkReasons(lowered, `reduction of "${applicant.id}" to the product minimum ${fen(least)}`, ctx.policy);
        checkFollowUpModelReasons(lowered, d, `reduction of "${applicant.id}" to the product minimum ${fen(least)}`);
        // Lowered below a balance no income repays: on the decision, and on the approval below the
        // request (a line on file above the product's largest), which holds a line on every run.
        checkOwingReduction(scorer, ctx.policy, d, applicant);
        if (belowRequest !== undefined) checkOwingReduction(scorer, ctx.policy, belowRequest, variants.belowRequest);
        // A person who then closes the line, or declines the customer's contest of the reduction,
        // closed it: the customer's reduction set a limit, it is no reason for closing the line.
        const closed = scorer.recordReview(lowered, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }, { applicant });
        checkReasons(closed, `declining review of the reduction of "${applicant.id}"`, ctx.policy);
        checkFollowUpModelReasons(closed, lowered, `declining review of the reduction of "${applicant.id}"`);
        const contestOfReduction = scorer.recordContest(lowered, { statement: 'I disagree' }, { applicant });
        const contestDeclined = scorer.recordReview(contestOfReduction, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }, { applicant });
        checkReasons(contestDeclined, `declining review of a contest of the reduction of "${applicant.id}"`, ctx.policy);
        checkFollowUpModelReasons(contestDeclined, contestOfReduction, `declining review of a contest of the reduction of "${applicant.id}"`);
      },
    ),
});
