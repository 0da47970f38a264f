import fc from 'fast-check';
import { affordabilityInputOf, checkAffordability } from '../../policy/affordability.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CreditLaw } from '../creditLaw.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { fen, limitHistoryArbitrary, pct, pdArbitrary, withLine } from '../_internals/lawInputs.js';
import { oftenTight } from '../_internals/approvable.js';
import { requireLaw } from '../_internals/runLaw.js';

// Re-run from the applicant and the offered terms, not read from the engine's own report, so an
// engine that reports a pass it did not earn is still caught.
function checkAffordable(applicant: Applicant, limit: number, apr: number, policy: PolicyConfig, who: string): void {
  const a = checkAffordability(affordabilityInputOf(applicant, policy), limit, Math.round(apr * 10_000), policy);
  const failed = a.checks.filter((c) => !c.pass);
  requireLaw(
    failed.length === 0,
    () =>
      `${who}: approved limit ${fen(limit)} at ${pct(apr)} (monthly payment ${fen(a.monthlyPayment)}) fails ${failed
        .map((c) => `${c.id} (${c.value} ${c.comparison === 'at_least' ? '<' : '>'} ${c.threshold} fen a month)`)
        .join(', ')}`,
  );
}

/** Approval means affordable. */
export const approvedLimitsAffordable: CreditLaw = defineLaw({
  name: 'approved_limits_affordable',
  description:
    'Every approved limit (alone or in a batch) passes every affordability check (income level, debt service, residual income) at the offered APR over the policy term.',
  policyProperty: (ctx) =>
    fc.property(
      fc
        .record({ applicant: oftenTight(fc.oneof(ctx.applicants(0), withLine(ctx.applicants(0), ctx.policy)), ctx.policy), pd: pdArbitrary(ctx.policy) })
        .chain((x) => limitHistoryArbitrary(x.applicant.asOf, ctx.policy).map((limitHistory) => ({ ...x, limitHistory }))),
      ({ applicant, pd, limitHistory }) => {
        const r = ctx.decidePolicy({ applicant, pd, policy: ctx.policy, limitHistory });
        if (r.outcome === 'approve') checkAffordable(applicant, r.limit, r.apr, ctx.policy, `at PD ${pd}`);
      },
    ),
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      // A batch beside each decision: more approvals checked per run for little cost, on the batch path too.
      fc.record({ applicant: oftenTight(ctx.applicants(2), ctx.policy), others: fc.array(oftenTight(ctx.applicants(1), ctx.policy), { maxLength: 3 }) }),
      async ({ applicant, others }) => {
        const d = await scorer.decide(applicant);
        if (d.outcome === 'approve') checkAffordable(applicant, d.limit, d.apr, ctx.policy, `decision for "${applicant.id}" at PD ${d.pd}`);
        batchDecisions(await scorer.decideBatch(others)).forEach((b, i) => {
          const a = others[i];
          if (a !== undefined && b.outcome === 'approve') checkAffordable(a, b.limit, b.apr, ctx.policy, `batch decision for "${a.id}" at PD ${b.pd}`);
        });
      },
    ),
});
