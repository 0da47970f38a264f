import fc from 'fast-check';
import { lineOnFileAfter } from '../../decision/lineOnFile.js';
import { roundDownToStep } from '../../policy/limit.js';
import type { CreditLaw } from '../creditLaw.js';
import { certificateEvidenceArbitrary } from '../certificateEvidenceArbitrary.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { fen, limitHistoryArbitrary, pdArbitrary, usedWindowHistoryArbitrary, withLine } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';
import { stepAllowance } from '../_internals/stepAllowance.js';

/** An existing line rises only within the step limits, and reassessment never lowers it. */
export const stepLimitsHold: CreditLaw = defineLaw({
  name: 'step_limits_hold',
  description:
    "An existing line rises by at most the per-step allowance and the room left in the rolling window (none once the window's count is used up), decided with its ledger alone or in a batch of records each with its own, and a reassessment never lowers it below the prior limit (or the customer's cap, if lower).",
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
        }),
      ),
      async ({ applicant, certificate, ledger, usedUp }) => {
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
        // Reassessed from a decision with a new certificate: never lowered, raised only within the prior's ledger.
        const prior = await scorer.decide(applicant);
        const next = await scorer.reassess(prior, { applicant, evidence: [certificate] });
        // The line the prior left on file (a referral's proposal granted nothing) is what steps from.
        const step = ctx.policy.limits.roundingStep;
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
