import fc from 'fast-check';
import { applyReduction } from '../../policy/applyReduction.js';
import { lineOnFileAfter } from '../../decision/lineOnFile.js';
import type { CreditLaw } from '../creditLaw.js';
import { batchDecisions, batchRecordsArbitrary } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { scorerEvidence } from '../_internals/scorerEvidence.js';
import { fen, limitHistoryArbitrary, pdArbitrary, reductionAmountArbitrary, withLine } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

// An existing line kept as it is need not be on the grid (the grid may have changed since it was
// granted); every limit the engine sets anew must be.
function checkRounded(limit: number, step: number, what: string, existingLine: number): void {
  requireLaw(
    Number.isSafeInteger(limit) && (limit % step === 0 || limit === existingLine),
    () => `${what} ${fen(limit)} is neither a whole multiple of the rounding step ${fen(step)} nor the existing line ${fen(existingLine)} kept as it was`,
  );
}

/** Limits land on the product's grid (100 RMB by default). */
export const limitsRounded: CreditLaw = defineLaw({
  name: 'limits_rounded',
  description:
    "Every limit set, whether decided (alone or in a batch), reassessed or lowered at the customer's request, is a whole multiple of the policy's rounding step (100 RMB by default); only an existing line kept unchanged may be off it.",
  judgedOnLines: true,
  policyProperty: (ctx) =>
    fc.property(
      fc
        .record({
          applicant: fc.oneof(ctx.applicants(0), withLine(ctx.applicants(0), ctx.policy)),
          pd: pdArbitrary(ctx.policy),
          reduceTo: reductionAmountArbitrary(ctx.policy, 200_000),
        })
        .chain((x) => limitHistoryArbitrary(x.applicant.asOf, ctx.policy).map((limitHistory) => ({ ...x, limitHistory }))),
      ({ applicant, pd, reduceTo, limitHistory }) => {
        const step = ctx.policy.limits.roundingStep;
        const r = ctx.decidePolicy({ applicant, pd, policy: ctx.policy, limitHistory });
        checkRounded(r.limit, step, `limit at PD ${pd}`, applicant.platform.currentLimit);
        // A reduction rounds the amount asked, never the line: asked above it, the line stays as it was.
        checkRounded(applyReduction(r.limit, reduceTo, ctx.policy), step, `limit lowered towards ${fen(reduceTo)}`, r.limit);
      },
    ),
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      fc.oneof(ctx.applicants(1), withLine(ctx.applicants(1), ctx.policy)).chain((applicant) =>
        fc.record({
          applicant: fc.constant(applicant),
          certificate: scorerEvidence(ctx, { applicant, validity: 'valid' }),
          reduceTo: reductionAmountArbitrary(ctx.policy, 200_000),
          // A batch beside each decision: more limits checked per run for little cost, on the batch path too.
          others: batchRecordsArbitrary(ctx.applicants(1)),
        }),
      ),
      async ({ applicant, certificate, reduceTo, others }) => {
        const step = ctx.policy.limits.roundingStep;
        const d = await scorer.decide(applicant);
        batchDecisions(await scorer.decideBatch(others)).forEach((b, i) => {
          const a = others[i];
          if (a !== undefined) checkRounded(b.limit, step, `limit decided in a batch for "${a.id}"`, a.platform.currentLimit);
        });
        checkRounded(d.limit, step, `decided limit for "${applicant.id}"`, applicant.platform.currentLimit);
        // The line a reassessment or reduction may keep is the one on file after the prior: a
        // referral only proposed its limit, so an off-grid line held before it is still the line.
        const onFile = lineOnFileAfter(d, step);
        checkRounded((await scorer.reassess(d, { applicant, evidence: [certificate] })).limit, step, `reassessed limit (line on file ${fen(onFile)})`, onFile);
        checkRounded(scorer.requestReduction(d, reduceTo).limit, step, `limit lowered from ${fen(onFile)} towards ${fen(reduceTo)}`, onFile);
      },
    ),
});
