import fc from 'fast-check';
import type { Scorer } from '../../decision/createScorer.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import type { Decision } from '../../decision/decision.js';
import { lineOnFileAfter } from '../../decision/lineOnFile.js';
import { roundDownToStep } from '../../policy/limit.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { LimitChange } from '../../policy/stepLimit.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CreditLaw } from '../creditLaw.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { scorerEvidence } from '../_internals/scorerEvidence.js';
import { fen, limitHistoryArbitrary, nearlyUsedWindowArbitrary, pdArbitrary, usedWindowHistoryArbitrary, withLine } from '../_internals/lawInputs.js';
import { shiftIsoDate } from '../_internals/isoDates.js';
import { requireLaw } from '../_internals/runLaw.js';
import { stepAllowance } from '../_internals/stepAllowance.js';

/**
 * Reassessments chained on the day of a decision whose ledger nearly fills the window: the first
 * rise uses up what the window had left, so any later one is a breach. Two suffice to see it.
 */
const SAME_DAY_REASSESSMENTS = 2;

/**
 * The ledger as it happened along a chain: the line on file went from `from` to `to` on `asOf`. A
 * rise of a line on file is a step, and so is opening a line at 0 while a line existed inside the
 * window (a rise or a close there: a reopening); a new customer's first line is not. A close (a
 * line to 0) is kept as what shows that a line existed; any other fall is no step.
 */
function entered(ledger: LimitChange[], from: number, to: number, asOf: string, policy: PolicyConfig): void {
  if (to === 0 && from > 0) ledger.push({ asOf, from, to });
  if (to <= from) return;
  if (from > 0 || stepAllowance(0, ledger, asOf, policy).lineInWindow) ledger.push({ asOf, from, to });
}

/** What a customer does next along a close-and-reopen chain, `days` after the last step. */
type ChainMove = { readonly move: 'reassess' | 'close_cap' | 'close_request' | 'close_arrears' | 'decide' | 'decide_batch'; readonly days: number };

const chainMoves: fc.Arbitrary<ChainMove[]> = fc.array(
  fc.record({
    move: fc.constantFrom('reassess', 'close_cap', 'close_request', 'close_arrears', 'decide', 'decide_batch'),
    // Mostly inside the window, now and then past a 30-day one.
    days: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) }),
  }),
  { minLength: 2, maxLength: 6 },
);

/**
 * Every step of a line's history as it happened holds to the policy's words: a rise of a line is at
 * most the per-step allowance of the line it rose from, and the rises inside any window (ending on
 * each rise's day) total at most its amount and number at most its count. A reopening is such a
 * rise (from 0); only a line opened with no line inside the window is a new customer's.
 */
function requireStepsHeld(happened: readonly LimitChange[], policy: PolicyConfig, story: () => string): void {
  const seen: LimitChange[] = [];
  for (const c of happened) {
    if (c.to > c.from) {
      const a = stepAllowance(c.from, seen, c.asOf, policy);
      requireLaw(
        c.to - c.from <= a.allowedIncrease,
        () =>
          `${c.from === 0 ? 'a line closed inside the window reopened' : `a line of ${fen(c.from)} rose`} to ${fen(c.to)} on ${c.asOf}, more than the ${fen(a.allowedIncrease)} allowed (per step ${fen(a.perStep)}; window so far ${fen(a.windowIncrease)} in ${a.windowCount} rise(s), where it allows ${fen(policy.stepLimits.windowMaxIncrease)} in ${policy.stepLimits.windowMaxCount}): ${story()}`,
      );
    }
    seen.push(c);
  }
}

/**
 * A line closed by the customer's own hand before (or after) its rises, then opened again: by their
 * own cap below the product minimum, a request below it, or arrears (a knock-out), then a decision
 * with the cap cleared and 0 on file, alone or in a batch (the pool's path), or a reassessment.
 * Whatever the order and the days between, the line's history holds to the step limits: a close
 * does not reset the window, even one made before the first rise.
 */
async function checkCloseReopenChain(scorer: Scorer, policy: PolicyConfig, start: Applicant, moves: readonly ChainMove[]): Promise<void> {
  const step = policy.limits.roundingStep;
  const below = Math.max(0, policy.limits.productMin - step);
  const happened: LimitChange[] = [];
  const done: string[] = [];
  const story = () => `${fen(start.platform.currentLimit)} on ${start.asOf}, then ${done.join(', ')}`;
  const base: Applicant = { ...start, controls: {} };
  let asOf = start.asOf;
  let latest: Decision | undefined;
  let line = start.platform.currentLimit;
  for (const { move, days } of moves) {
    asOf = shiftIsoDate(asOf, days);
    const profile: Applicant = {
      ...base,
      asOf,
      platform: { ...base.platform, currentLimit: line, currentBalance: Math.min(base.platform.currentBalance, line) },
    };
    const ledger = latest?.limitHistory ?? [];
    let next: Decision;
    if (move === 'reassess') {
      if (latest === undefined) continue;
      next = await scorer.reassess(latest, { applicant: profile, evidence: [], asOf });
    } else if (move === 'decide_batch') {
      const [only] = batchDecisions(await scorer.decideBatch([profile], { limitHistories: [ledger] }));
      if (only === undefined) continue;
      next = only;
    } else {
      const closing: Applicant =
        move === 'close_cap'
          ? { ...profile, controls: { selfSetCap: below } }
          : move === 'close_request'
            ? { ...profile, controls: { requestedLimit: below } }
            : move === 'close_arrears'
              ? { ...profile, bureau: { ...profile.bureau, currentDaysPastDue: policy.knockouts.maxCurrentDaysPastDue + 1 } }
              : profile;
      next = await scorer.decide(closing, { limitHistory: ledger });
    }
    const onFile = lineOnFileAfter(next, step);
    done.push(`${move} on ${asOf} (${next.outcome}, ${next.lineAction}, ${fen(onFile)})`);
    entered(happened, line, onFile, asOf, policy);
    line = onFile;
    latest = next;
  }
  requireStepsHeld(happened, policy, story);
}

/**
 * raise, raise, decline, reassess: a line raised (from the product minimum, room to grow) by a
 * decision and an upload the same day, then closed, by a person's decline and by re-underwriting
 * that declines it (arrears today), and reassessed the next day with the arrears paid. A decline
 * must not reset the step limits: a reopening is a rise from 0 within what the window leaves
 * (checked against the ledger as it happened, on reassess, decide with that ledger, a batch, and a
 * person's approval); and a line a person closed is opened by a person only, never by the model.
 */
async function checkClosedLineChain(scorer: Scorer, policy: PolicyConfig, small: Applicant, certificate: Applicant['evidence'][number]): Promise<void> {
  const step = policy.limits.roundingStep;
  const day0 = small.asOf;
  const day1 = shiftIsoDate(day0, 1);
  const withCertificate: Applicant = { ...small, evidence: [...small.evidence, certificate] };
  const happened: LimitChange[] = [];
  const first = await scorer.decide(small);
  entered(happened, small.platform.currentLimit, lineOnFileAfter(first, step), day0, policy);
  const second = await scorer.reassess(first, { applicant: small, evidence: [certificate] });
  entered(happened, lineOnFileAfter(first, step), lineOnFileAfter(second, step), day0, policy);
  const onFile = lineOnFileAfter(second, step);
  if (onFile === 0) return;
  const room = stepAllowance(0, happened, day1, policy);
  const raises = `raised to ${fen(onFile)} on ${day0} (window so far ${fen(room.windowIncrease)} in ${room.windowCount} rise(s), where it allows ${fen(policy.stepLimits.windowMaxIncrease)} in ${policy.stepLimits.windowMaxCount})`;
  const withinRoom = (reopened: number, how: string) => {
    if (!room.lineInWindow) return; // no line in the window: a new customer's line, no step
    requireLaw(
      reopened <= room.allowedIncrease,
      () =>
        `a line ${raises}, closed, ${how} at ${fen(reopened)}, more than the ${fen(room.allowedIncrease)} the window leaves (per step from 0 ${fen(room.perStep)})`,
    );
  };

  // Closed by a person: the next day's reassessment, with nothing new, may only propose terms. The
  // decline owes reasons, so a scorer that explains only when owed needs the applicant the upload
  // was decided for: the profile at the first decision's line, the certificate appended.
  const reassessedFor: Applicant = { ...withCertificate, platform: { ...withCertificate.platform, currentLimit: lineOnFileAfter(first, step) } };
  const byPerson = scorer.recordReview(second, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }, { applicant: reassessedFor });
  const afterPerson = await scorer.reassess(byPerson, { applicant: withCertificate, evidence: [], asOf: day1 });
  requireLaw(
    lineOnFileAfter(afterPerson, step) === 0,
    () =>
      `a line ${raises}, closed by a person's decline, was opened again at ${fen(lineOnFileAfter(afterPerson, step))} by the reassessment on ${day1} (${afterPerson.outcome}, ${afterPerson.lineAction}): only a person reopens a line a person closed`,
  );
  if (afterPerson.outcome === 'refer' && afterPerson.limit > 0) {
    let approved: Decision | undefined;
    // The applicant that reassessment was made for (the closed line, dated the day after), should
    // an approval below the request owe reasons.
    const reopenedFor: Applicant = { ...withCertificate, asOf: day1, platform: { ...withCertificate.platform, currentLimit: 0 } };
    try {
      approved = scorer.recordReview(
        afterPerson,
        { reviewerRole: 'credit_officer', outcome: 'approve', limit: afterPerson.limit, asOf: day1 },
        { applicant: reopenedFor },
      );
    } catch (e) {
      // Only a review this policy refuses (a bound of the decision) is skipped; anything else is the law's failure.
      if (!(e instanceof CreditliftError && e.code === 'review_invalid')) throw e;
      approved = undefined;
    }
    if (approved !== undefined) withinRoom(lineOnFileAfter(approved, step), `reopened on ${day1} by a person's approval of the proposal`);
  }

  // Closed by re-underwriting (arrears today), then reassessed once they are paid.
  const arrears: Applicant = {
    ...withCertificate,
    platform: { ...withCertificate.platform, currentLimit: onFile },
    bureau: { ...withCertificate.bureau, currentDaysPastDue: policy.knockouts.maxCurrentDaysPastDue + 1 },
  };
  const closed = await scorer.decide(arrears, { limitHistory: happened });
  if (lineOnFileAfter(closed, step) !== 0) return;
  const reopened = await scorer.reassess(closed, { applicant: withCertificate, evidence: [], asOf: day1 });
  withinRoom(lineOnFileAfter(reopened, step), `reopened on ${day1} by a reassessment once the arrears were paid`);
  // Re-underwritten with the ledger, alone or in a batch of records each with its own.
  const closedProfile: Applicant = { ...withCertificate, asOf: day1, platform: { ...withCertificate.platform, currentLimit: 0, currentBalance: 0 } };
  const [alone, batch] = await Promise.all([
    scorer.decide(closedProfile, { limitHistory: happened }),
    scorer.decideBatch([closedProfile, closedProfile], { limitHistories: [happened, happened] }),
  ]);
  withinRoom(lineOnFileAfter(alone, step), `reopened on ${day1} by decide with its ledger`);
  for (const b of batchDecisions(batch)) withinRoom(lineOnFileAfter(b, step), `reopened on ${day1} by decideBatch with its ledger`);
}

/** An existing line rises only within the step limits, and reassessment never lowers it. */
export const stepLimitsHold: CreditLaw = defineLaw({
  name: 'step_limits_hold',
  description:
    "An existing line rises by at most the per-step allowance and the room left in the rolling window (none once the window's count is used up), decided with its ledger alone or in a batch of records each with its own, reassessed again and again on one day from a decision whose ledger nearly fills the window, or reassessed within 30 days of a person's raise approved days after the decision (the window counted from the review's day), and a reassessment never lowers it below the prior limit (or the customer's cap, if lower). A decline does not reset the window: a line closed (0) while the window holds rises reopens only as a rise from 0 within what the window leaves, whether decided with its ledger, in a batch, reassessed after a re-underwriting decline, or approved by a person (raise, raise, decline, reassess), and closed by the customer's own hand before or after its first rise (their own cap or a request below the product minimum, or arrears) then decided again with the cap cleared, alone or in a batch, or reassessed: over the whole chain no rise passes the per-step allowance and no window's rises pass its amount or count; and a line a person's decline closed is never reopened by a reassessment, only by a person.",
  judgedOnLines: true,
  policyProperty: (ctx) =>
    fc.property(
      fc
        .record({
          // A line on file, or one closed (0) whose ledger may still hold rises inside the window.
          applicant: fc.oneof(
            { arbitrary: withLine(ctx.applicants(0), ctx.policy), weight: 3 },
            { arbitrary: ctx.applicants(0).map((a) => ({ ...a, platform: { ...a.platform, currentLimit: 0, currentBalance: 0 } })), weight: 1 },
          ),
          pd: pdArbitrary(ctx.policy),
        })
        .chain((x) => limitHistoryArbitrary(x.applicant.asOf, ctx.policy).map((limitHistory) => ({ ...x, limitHistory }))),
      ({ applicant, pd, limitHistory }) => {
        const prior = applicant.platform.currentLimit;
        const r = ctx.decidePolicy({ applicant, pd, policy: ctx.policy, limitHistory });
        const a = stepAllowance(prior, limitHistory, applicant.asOf, ctx.policy);
        // A line at 0 with no line in the window (no rise, no close) is a new customer's first line: no step.
        if (prior === 0 && !a.lineInWindow) return;
        requireLaw(
          r.limit - prior <= a.allowedIncrease,
          () =>
            `${prior === 0 ? 'a line closed within the window reopened' : `line of ${fen(prior)} rose`} to ${fen(r.limit)}, more than the ${fen(a.allowedIncrease)} allowed (per step ${fen(a.perStep)}; window so far ${fen(a.windowIncrease)} in ${a.windowCount} rise(s))`,
        );
      },
    ),
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      withLine(ctx.applicants(1), ctx.policy).chain((applicant) =>
        fc.record({
          applicant: fc.constant(applicant),
          certificate: scorerEvidence(ctx, { applicant, validity: 'valid' }),
          ledger: limitHistoryArbitrary(applicant.asOf, ctx.policy),
          usedUp: usedWindowHistoryArbitrary(applicant.asOf, ctx.policy),
          nearlyUsed: nearlyUsedWindowArbitrary(applicant.asOf, ctx.policy),
          // A person's review out of a queue, days after the decision, then a reassessment inside the
          // window counted from the review (not from the decision).
          reviewAfterDays: fc.integer({ min: 1, max: 29 }),
          // Where in the review's window the reassessment falls: past the decision's own 30 days
          // (where a review dated at the decision has left the window), still inside the review's.
          reassessAt: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
          // Closes and reopenings by the customer's own hand, in any order.
          moves: chainMoves,
        }),
      ),
      async ({ applicant, certificate, ledger, usedUp, nearlyUsed, reviewAfterDays, reassessAt, moves }) => {
        // An existing customer re-underwritten with its own ledger (a drawn one, and one whose window
        // is used up), alone and in a batch where each record has its own: the line rises only within
        // what that ledger leaves.
        const line = applicant.platform.currentLimit;
        const ledgers = [ledger, usedUp, undefined] as const;
        const [batch, ...alone] = await Promise.all([
          scorer.decideBatch([applicant, applicant, applicant], { limitHistories: ledgers }),
          ...ledgers.map((h) => scorer.decide(applicant, { limitHistory: h ?? [] })),
        ]);
        ledgers.forEach((h, i) => {
          const room = stepAllowance(line, h ?? [], applicant.asOf, ctx.policy);
          const decided = [
            ['decided with its ledger', alone[i]],
            ['decided in a batch with its own ledger', batchDecisions(batch)[i]],
          ] as const;
          for (const [how, d] of decided) {
            if (d === undefined) continue;
            requireLaw(
              d.limit - line <= Math.max(0, room.allowedIncrease),
              () =>
                `${how}: the line of ${fen(line)} rose to ${fen(d.limit)}, more than the ${fen(room.allowedIncrease)} allowed (per step ${fen(room.perStep)}; window so far ${fen(room.windowIncrease)} in ${room.windowCount} rise(s))`,
            );
          }
        });
        // A line at the product minimum (room to grow) decided with a ledger whose window is one or two
        // rises short, then reassessed again and again on the same day: every rise fits what the whole
        // ledger leaves, the rises the chain made included, however many rises the window holds
        // (a decision that carried only its last few would let the next reassessment count too few).
        const step = ctx.policy.limits.roundingStep;
        const min = ctx.policy.limits.productMin;
        const small = {
          ...applicant,
          platform: { ...applicant.platform, currentLimit: min, currentBalance: Math.min(applicant.platform.currentBalance, min) },
        };
        const ledgerSoFar = [...nearlyUsed];
        let chained = await scorer.decide(small, { limitHistory: nearlyUsed });
        let chainLine = small.platform.currentLimit;
        for (let i = 0; i <= SAME_DAY_REASSESSMENTS; i++) {
          if (i > 0) chained = await scorer.reassess(chained, { applicant: small, evidence: [] });
          const onFileNow = lineOnFileAfter(chained, step);
          if (onFileNow > chainLine) {
            const a = stepAllowance(chainLine, ledgerSoFar, applicant.asOf, ctx.policy);
            requireLaw(
              onFileNow - chainLine <= a.allowedIncrease,
              () =>
                `${i === 0 ? 'decided with a ledger of' : `reassessment ${i} on the same day, after a ledger of`} ${nearlyUsed.length} change(s) and ${ledgerSoFar.length - nearlyUsed.length} rise(s) since: the line of ${fen(chainLine)} rose to ${fen(onFileNow)}, more than the ${fen(a.allowedIncrease)} allowed (per step ${fen(a.perStep)}; window so far ${fen(a.windowIncrease)} in ${a.windowCount} rise(s), where it allows ${fen(ctx.policy.stepLimits.windowMaxIncrease)} in ${ctx.policy.stepLimits.windowMaxCount}; the decision carried ${chained.limitHistory.length} ledger entries)`,
            );
            ledgerSoFar.push({ asOf: applicant.asOf, from: chainLine, to: onFileNow });
          }
          chainLine = onFileNow;
        }

        // A raise a person approves days after the decision happened on the review's day: a
        // reassessment within the window of that day rises only within what the ledger leaves, the
        // review's raise counted on the day it was made (dated at the decision's day, it left the
        // window early and let the line rise twice within 30 days beyond the window's count).
        // From the product minimum (room to grow), so the person has a raise to approve.
        const asked = { ...small, controls: { ...small.controls, humanReview: true } };
        const pending = await scorer.decide(asked);
        const proposed = pending.review?.proposed;
        if (proposed !== undefined && proposed.outcome === 'approve' && proposed.limit > min) {
          const reviewDay = shiftIsoDate(applicant.asOf, reviewAfterDays);
          let reviewed: Awaited<ReturnType<typeof scorer.decide>> | undefined;
          try {
            reviewed = scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: proposed.limit, asOf: reviewDay });
          } catch {
            reviewed = undefined; // a review this policy refuses (a bound of the decision): nothing to chain
          }
          if (reviewed !== undefined && reviewed.limit > min) {
            // 30 to 29 + reviewAfterDays days after the decision: 30 - reviewAfterDays to 29 after the review.
            const laterDay = shiftIsoDate(applicant.asOf, 30 + Math.floor(reassessAt * reviewAfterDays));
            // With a certificate too: more reason to raise, so a window miscounted shows.
            const later = await scorer.reassess(reviewed, { applicant: small, evidence: [certificate], asOf: laterDay });
            const onFileAfterReview = lineOnFileAfter(reviewed, step);
            // The ledger as it happened: the person's raise on the review's day.
            const happened = [{ asOf: reviewDay, from: min, to: reviewed.limit }];
            const a = stepAllowance(onFileAfterReview, happened, laterDay, ctx.policy);
            requireLaw(
              later.limit - onFileAfterReview <= Math.max(0, a.allowedIncrease),
              () =>
                `a person raised the line from ${fen(min)} to ${fen(reviewed.limit)} on ${reviewDay}, ${reviewAfterDays} day(s) after the decision; a reassessment on ${laterDay} raised it again to ${fen(later.limit)}, more than the ${fen(a.allowedIncrease)} the window leaves (window so far ${fen(a.windowIncrease)} in ${a.windowCount} rise(s), where it allows ${fen(ctx.policy.stepLimits.windowMaxIncrease)} in ${ctx.policy.stepLimits.windowMaxCount})`,
            );
          }
        }

        // raise, raise, decline (a person's, and re-underwriting's), reassess: no reset of the window.
        await checkClosedLineChain(scorer, ctx.policy, small, certificate);
        // Closed by the customer's own hand (before any rise, or after), opened again: still stepped.
        await checkCloseReopenChain(scorer, ctx.policy, small, moves);

        // Reassessed from a decision with a new certificate: never lowered, raised only within the prior's ledger.
        const prior = await scorer.decide(applicant);
        const next = await scorer.reassess(prior, { applicant, evidence: [certificate] });
        // The line the prior left on file (a referral's proposal granted nothing) is what steps from.
        const onFile = lineOnFileAfter(prior, step);
        const cap = applicant.controls.selfSetCap;
        const floor = Math.min(onFile, cap === undefined ? Number.POSITIVE_INFINITY : roundDownToStep(cap, step));
        requireLaw(next.limit >= floor, () => `reassessment lowered the line on file from ${fen(onFile)} to ${fen(next.limit)}`);
        if (onFile === 0) return;
        const a = stepAllowance(onFile, prior.limitHistory, applicant.asOf, ctx.policy);
        requireLaw(
          next.limit - onFile <= a.allowedIncrease,
          () =>
            `reassessment raised the line on file from ${fen(onFile)} to ${fen(next.limit)}, more than the ${fen(a.allowedIncrease)} allowed (per step ${fen(a.perStep)}; window so far ${fen(a.windowIncrease)} in ${a.windowCount} rise(s))`,
        );
        // A person who cuts a granted raise back does not give the window back: the raise happened.
        // Reviewed down to the line before it and reassessed, the line's rises in the window stay
        // within the window's count and amount.
        if (prior.lineAction !== 'raise' || prior.previousLimit < ctx.policy.limits.productMin) return;
        let reviewed: Awaited<ReturnType<typeof scorer.decide>>;
        try {
          reviewed = scorer.recordReview(prior, { reviewerRole: 'credit_officer', outcome: 'approve', limit: roundDownToStep(prior.previousLimit, step) });
        } catch {
          return; // a review this policy refuses (a bound of the decision): nothing to chain
        }
        const again = await scorer.reassess(reviewed, { applicant, evidence: [certificate] });
        const rises = [
          prior.limit - prior.previousLimit,
          ...(again.limit > lineOnFileAfter(reviewed, step) ? [again.limit - lineOnFileAfter(reviewed, step)] : []),
        ];
        const total = rises.reduce((x, y) => x + y, 0);
        const { windowMaxCount, windowMaxIncrease } = ctx.policy.stepLimits;
        requireLaw(
          rises.length <= windowMaxCount && total <= windowMaxIncrease,
          () =>
            `after a person cut a raise of ${fen(rises[0] as number)} back, reassessment raised the line again: ${rises.length} rise(s) of ${fen(total)} in all on one day, where the window allows ${windowMaxCount} and ${fen(windowMaxIncrease)}`,
        );
      },
    ),
});
