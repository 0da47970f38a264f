import fc from 'fast-check';
import type { CreditLaw } from '../creditLaw.js';
import { certificateEvidenceArbitrary } from '../certificateEvidenceArbitrary.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { fen, limitHistoryArbitrary, pdArbitrary, withLine } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';
import { stepAllowance } from '../_internals/stepAllowance.js';

/** An existing line rises only within the step limits, and reassessment never lowers it. */
export const stepLimitsHold: CreditLaw = defineLaw({
  name: 'step_limits_hold',
  description:
    "An existing line rises by at most the per-step allowance and the room left in the rolling window (none once the window's count is used up), and a reassessment never lowers it below the prior limit (or the customer's cap, if lower).",
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
        certificateEvidenceArbitrary({ applicant, validity: 'valid' }).map((certificate) => ({ applicant, certificate })),
      ),
      async ({ applicant, certificate }) => {
        const prior = await scorer.decide(applicant);
        const next = await scorer.reassess(prior, { applicant, evidence: [certificate] });
        const floor = Math.min(prior.limit, applicant.controls.selfSetCap ?? Number.POSITIVE_INFINITY);
        requireLaw(next.limit >= floor, () => `reassessment lowered the line from ${fen(prior.limit)} to ${fen(next.limit)}`);
        if (prior.limit === 0) return;
        const a = stepAllowance(prior.limit, prior.limitHistory, applicant.asOf, ctx.policy);
        requireLaw(
          next.limit - prior.limit <= a.allowedIncrease,
          () =>
            `reassessment raised the line from ${fen(prior.limit)} to ${fen(next.limit)}, more than the ${fen(a.allowedIncrease)} allowed (per step ${fen(a.perStep)}; window so far ${fen(a.windowIncrease)} in ${a.windowCount} rise(s))`,
        );
      },
    ),
});
