import { addDays } from 'date-fns/addDays';
import { lightFormat } from 'date-fns/lightFormat';
import { parseISO } from 'date-fns/parseISO';
import fc from 'fast-check';
import { lineOnFileAfter } from '../../decision/lineOnFile.js';
import { roundDownToStep } from '../../policy/limit.js';
import type { CreditLaw } from '../creditLaw.js';
import { certificateEvidenceArbitrary } from '../certificateEvidenceArbitrary.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { fen, limitHistoryArbitrary, nearlyUsedWindowArbitrary, pdArbitrary, usedWindowHistoryArbitrary, withLine } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';
import { stepAllowance } from '../_internals/stepAllowance.js';

/**
 * Reassessments chained on the day of a decision whose ledger nearly fills the window: the first
 * rise uses up what the window had left, so any later one is a breach. Two suffice to see it.
 */
const SAME_DAY_REASSESSMENTS = 2;

/** An existing line rises only within the step limits, and reassessment never lowers it. */
export const stepLimitsHold: CreditLaw = defineLaw({
  name: 'step_limits_hold',
  description:
    "An existing line rises by at most the per-step allowance and the room left in the rolling window (none once the window's count is used up), decided with its ledger alone or in a batch of records each with its own, reassessed again and again on one day from a decision whose ledger nearly fills the window, or reassessed within 30 days of a person's raise approved days after the decision (the window counted from the review's day), and a reassessment never lowers it below the prior limit (or the customer's cap, if lower).",
  policyProperty: (ctx) =>
    fc.property(
      fc
        .record({ applicant: withLine(ctx.applicants(0), ctx.policy), pd: pdArbitrary(ctx.policy) })
        .chain((x) => limitHistoryArbitrary(x.applicant.asOf, ctx.policy).map((limitHistory) => ({ ...x, limitHistory }))),
      ({ applicant, pd, limitHistory }) => {
        const prior = applicant.platform.currentLimit;
        const r = ctx.decidePolicy({ applicant, pd, policy: ctx.policy, limitHistory });
        const a = stepAllowance(prior, limitHistory, applicant.asOf, ctx.policy);
        requireLaw(
          r.limit - prior <= a.allowedIncrease,
          () =>
            `line of ${fen(prior)} rose to ${fen(r.limit)}, more than the ${fen(a.allowedIncrease)} allowed (per step ${fen(a.perStep)}; window so far ${fen(a.windowIncrease)} in ${a.windowCount} rise(s))`,
        );
      },
    ),
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      withLine(ctx.applicants(1), ctx.policy).chain((applicant) =>
        fc.record({
          applicant: fc.constant(applicant),
          certificate: certificateEvidenceArbitrary({ applicant, validity: 'valid' }),
          ledger: limitHistoryArbitrary(applicant.asOf, ctx.policy),
          usedUp: usedWindowHistoryArbitrary(applicant.asOf, ctx.policy),
          nearlyUsed: nearlyUsedWindowArbitrary(applicant.asOf, ctx.policy),
          // A person's review out of a queue, days after the decision, then a reassessment inside the
          // window counted from the review (not from the decision).
          reviewAfterDays: fc.integer({ min: 1, max: 29 }),
          // Where in the review's window the reassessment falls: past the decision's own 30 days
          // (where a review dated at the decision has left the window), still inside the review's.
          reassessAt: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        }),
      ),
      async ({ applicant, certificate, ledger, usedUp, nearlyUsed, reviewAfterDays, reassessAt }) => {
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
          const day = (from: string, n: number) => lightFormat(addDays(parseISO(from), n), 'yyyy-MM-dd');
          const reviewDay = day(applicant.asOf, reviewAfterDays);
          let reviewed: Awaited<ReturnType<typeof scorer.decide>> | undefined;
          try {
            reviewed = scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: proposed.limit, asOf: reviewDay });
          } catch {
            reviewed = undefined; // a review this policy refuses (a bound of the decision): nothing to chain
          }
          if (reviewed !== undefined && reviewed.limit > min) {
            // 30 to 29 + reviewAfterDays days after the decision: 30 - reviewAfterDays to 29 after the review.
            const laterDay = day(applicant.asOf, 30 + Math.floor(reassessAt * reviewAfterDays));
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
