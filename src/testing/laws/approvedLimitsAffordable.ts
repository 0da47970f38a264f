import fc from 'fast-check';
import { affordabilityInputOf, checkAffordability } from '../../policy/affordability.js';
import { monthlyPayment } from '../../policy/annuity.js';
import { exactDecimal } from '../../policy/exactDecimal.js';
import type { Decision } from '../../decision/decision.js';
import { lineOnFileAfter } from '../../decision/lineOnFile.js';
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
export function repaymentsOver(limit: number, aprBp: number, policy: PolicyConfig): { what: string; payment: number }[] {
  const term = policy.affordability.termMonths;
  return [
    { what: `the revolving line over ${term} months`, payment: monthlyPayment(limit, aprBp, term) },
    ...policy.fees.instalmentPlans
      .filter((p) => p.months >= term)
      .map((p) => ({ what: `the ${p.months}-month instalment plan`, payment: instalmentOf(limit, p.feeRate, p.months, policy.fees.monthlyRate) })),
  ];
}

/**
 * One instalment of a plan, in exact integer fen: ceil(limit x (1 + fee + months x monthly fee) /
 * months), with the fees read as the decimals the lender wrote. Worked out in floating point, 13,800
 * RMB on 12 months at 8.8% came to 125,121 fen for an exact 125,120, and the law failed an engine
 * that is exact.
 */
function instalmentOf(limit: number, feeRate: number, months: number, monthlyRate: number): number {
  const fee = exactDecimal(feeRate);
  const monthly = exactDecimal(monthlyRate);
  const n = fee.scale * monthly.scale + fee.units * monthly.scale + BigInt(months) * monthly.units * fee.scale;
  const d = fee.scale * monthly.scale * BigInt(months);
  return Number((BigInt(limit) * n + d - 1n) / d);
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
        `${who}: limit ${fen(limit)} at ${pct(apr)}, repaid on ${what} (monthly payment ${fen(payment)}), fails ${failed
          .map((c) => `${c.id} (${c.value} ${c.comparison === 'at_least' ? '<' : '>'} ${c.threshold} fen a month)`)
          .join(', ')}`,
    );
  }
}

/**
 * A referral's proposal is one a person may approve: when the decision only proposes terms for a
 * person (`refer`, not a line held above what may be granted, not the customer's contested terms),
 * its limit, when above 0, passes every affordability check (re-run from the applicant), its own
 * checks say so, it is within `maxGrantable`, and a pending review shows it as the proposal. A
 * customer's reduction lowers the line on file, never turns the amount asked into the proposal.
 */
function checkProposal(applicant: Applicant, d: Decision, policy: PolicyConfig, who: string): void {
  if (d.outcome !== 'refer' || d.lineAction === 'hold' || d.review?.status === 'contested' || d.limit === 0) return;
  const what = `${who} (refer, ${d.lineAction}, proposing ${fen(d.limit)})`;
  requireLaw(d.limit <= d.maxGrantable, () => `${what}: the proposal is above what may be granted today, ${fen(d.maxGrantable)}`);
  requireLaw(d.affordability.pass, () => `${what}: the proposal fails its own affordability checks`);
  const proposed = d.review?.status === 'pending' ? d.review.proposed.limit : d.limit;
  requireLaw(proposed === d.limit, () => `${what}: the pending review shows ${fen(proposed)}, not the limit`);
  checkAffordable(applicant, d.limit, d.apr, policy, what);
}

/** Approval means affordable. */
export const approvedLimitsAffordable: CreditLaw = defineLaw({
  name: 'approved_limits_affordable',
  description:
    "Every approved limit (alone or in a batch) passes every affordability check (income level, debt service, residual income) for every way of repaying it over the policy term that the decision offers: the revolving line at the offered APR over the term, and each instalment plan of at least that many instalments. So does every limit a referral proposes to a person (not a line held above what may be granted, nor the customer's contested terms), decided or lowered by the customer between the proposal and the line on file: within `maxGrantable`, its own checks passing, and the proposal a pending review shows.",
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
      fc.record({
        applicant: oftenTight(ctx.applicants(2), ctx.policy),
        others: batchRecordsArbitrary(oftenTight(ctx.applicants(1), ctx.policy)),
        // A line on file above what the policy grants, in steps, and where between the two the customer lowers it (percent).
        above: fc.integer({ min: 1, max: 100 }),
        at: fc.integer({ min: 0, max: 100 }),
      }),
      async ({ applicant, others, above, at }) => {
        const step = ctx.policy.limits.roundingStep;
        const d = await scorer.decide(applicant);
        if (d.outcome === 'approve') checkAffordable(applicant, d.limit, d.apr, ctx.policy, `decision for "${applicant.id}" at PD ${d.pd}`);
        checkProposal(applicant, d, ctx.policy, `decision for "${applicant.id}"`);
        // The customer asks for a person over a line above what is granted: the referral proposes
        // to cut it. They lower the line somewhere between the proposal and the line on file.
        if (d.limit > 0) {
          const a = {
            ...applicant,
            platform: { ...applicant.platform, currentLimit: d.limit + above * step },
            controls: { ...applicant.controls, humanReview: true },
          };
          const referred = await scorer.decide(a);
          checkProposal(a, referred, ctx.policy, `referral of "${a.id}" on a ${fen(a.platform.currentLimit)} line`);
          const onFile = lineOnFileAfter(referred, step);
          const amount = Math.max(ctx.policy.limits.productMin, referred.limit + Math.round(((onFile - referred.limit) * at) / 100));
          const reduced = scorer.requestReduction(referred, amount);
          checkProposal(a, reduced, ctx.policy, `that referral lowered by the customer from ${fen(onFile)} to ${fen(amount)}`);
        }
        batchDecisions(await scorer.decideBatch(others)).forEach((b, i) => {
          const a = others[i];
          if (a !== undefined && b.outcome === 'approve') checkAffordable(a, b.limit, b.apr, ctx.policy, `batch decision for "${a.id}" at PD ${b.pd}`);
        });
      },
    ),
});
