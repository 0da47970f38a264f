import fc from 'fast-check';
import { affordabilityInputOf, checkAffordability } from '../../policy/affordability.js';
import { monthlyPayment } from '../../policy/annuity.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CreditLaw } from '../creditLaw.js';
import { batchDecisions, batchRecordsArbitrary } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { fen, limitHistoryArbitrary, pct, pdArbitrary, withLine } from '../_internals/lawInputs.js';
import { oftenTight } from '../_internals/approvable.js';
import { requireLaw } from '../_internals/runLaw.js';

/**
 * Every monthly payment the customer may owe on `limit` over the policy's affordability term, each
 * with what it is: the revolving line repaid over the term at the offered APR, and each instalment
 * plan the decision offers (every plan of the policy) with at least that many instalments (principal
 * and plan fee in equal parts, plus any monthly fee), rounded up to the fen. A shorter plan is the
 * customer choosing to repay faster, as paying the revolving balance down early is.
 */
function repaymentsOver(limit: number, aprBp: number, policy: PolicyConfig): { what: string; payment: number }[] {
  const term = policy.affordability.termMonths;
  return [
    { what: `the revolving line over ${term} months`, payment: monthlyPayment(limit, aprBp, term) },
    ...policy.fees.instalmentPlans
      .filter((p) => p.months >= term)
      .map((p) => ({ what: `the ${p.months}-month instalment plan`, payment: Math.ceil(limit * ((1 + p.feeRate) / p.months + policy.fees.monthlyRate)) })),
  ];
}

// Re-run from the applicant and the offered terms, not read from the engine's own report, so an
// engine that reports a pass it did not earn is still caught. The engine's checks give the
// thresholds and the limit-independent parts; each repayment then moves debt service up and
// residual income down by its own payment, whatever payment the engine tested.
function checkAffordable(applicant: Applicant, limit: number, apr: number, policy: PolicyConfig, who: string): void {
  const aprBp = Math.round(apr * 10_000);
  const a = checkAffordability(affordabilityInputOf(applicant, policy), limit, aprBp, policy);
  for (const { what, payment } of repaymentsOver(limit, aprBp, policy)) {
    const delta = payment - a.monthlyPayment;
    const failed = a.checks
      .map((c) => ({ ...c, value: c.id === 'debt_service' ? c.value + delta : c.id === 'residual_income' ? c.value - delta : c.value }))
      .filter((c) => !(c.comparison === 'at_least' ? c.value >= c.threshold : c.value <= c.threshold));
    requireLaw(
      failed.length === 0,
      () =>
        `${who}: approved limit ${fen(limit)} at ${pct(apr)}, repaid on ${what} (monthly payment ${fen(payment)}), fails ${failed
          .map((c) => `${c.id} (${c.value} ${c.comparison === 'at_least' ? '<' : '>'} ${c.threshold} fen a month)`)
          .join(', ')}`,
    );
  }
}

/** Approval means affordable. */
export const approvedLimitsAffordable: CreditLaw = defineLaw({
  name: 'approved_limits_affordable',
  description:
    'Every approved limit (alone or in a batch) passes every affordability check (income level, debt service, residual income) for every way of repaying it over the policy term that the decision offers: the revolving line at the offered APR over the term, and each instalment plan of at least that many instalments.',
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
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      // A batch beside each decision: more approvals checked per run for little cost, on the batch path too.
      fc.record({ applicant: oftenTight(ctx.applicants(2), ctx.policy), others: batchRecordsArbitrary(oftenTight(ctx.applicants(1), ctx.policy)) }),
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
