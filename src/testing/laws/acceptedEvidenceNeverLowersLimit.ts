import fc from 'fast-check';
import type { Decision } from '../../decision/decision.js';
import { roundDownToStep } from '../../policy/limit.js';
import type { Applicant } from '../../schema/applicant.js';
import type { CreditLaw } from '../creditLaw.js';
import type { LawContext } from '../_internals/lawContext.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { scorerEvidence } from '../_internals/scorerEvidence.js';
import { fen, limitHistoryArbitrary, pdSweepArbitrary, sweepPds, withLine } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

/**
 * The kit's applicants (a sixth of the draws), and the same with no evidence yet asking for a small
 * limit on the product's grid: as drawn (a sixth), or with no line yet (two thirds). Where the amount
 * asked binds, a certificate cannot raise the limit, so a penalty on it cannot hide behind its gain;
 * and the first certificate of someone with no line yet is the promise's main case. (With the first
 * two alone, a penalty on a first line's certificate passed about one seed in six at `scorerNumRuns:
 * 10`; with the third at half the draws, 3 seeds in 100 of 500000-500099; at two thirds, none of 400.)
 */
function askingLittle(ctx: LawContext): fc.Arbitrary<Applicant> {
  const { productMin, roundingStep } = ctx.policy.limits;
  const asked = fc.integer({ min: 0, max: 50 }).map((k) => roundDownToStep(productMin, roundingStep) + (k + 1) * roundingStep);
  const asking = fc.tuple(ctx.applicants(0), asked).map(([a, requestedLimit]) => ({ ...a, controls: { ...a.controls, requestedLimit } }));
  return fc.oneof(
    { arbitrary: ctx.applicants(1), weight: 1 },
    { arbitrary: asking, weight: 1 },
    { arbitrary: asking.map((a) => ({ ...a, platform: { ...a.platform, currentLimit: 0, currentBalance: 0 } })), weight: 4 },
  );
}

/** One more certificate, when the scorer accepted it, never lowers the limit on this path. */
function compare(ctx: LawContext, path: string, before: Decision, after: Decision, kind: string): void {
  // Only evidence the scorer accepted is promised to help (a lender's catalog may reject it); the
  // runs that met one are counted, so a scorer that accepted none is refused, not passed.
  if (after.evidence.at(-1)?.status !== 'accepted') return;
  ctx.caseChecked();
  requireLaw(
    after.limit >= before.limit,
    () =>
      `${path}: adding an accepted ${kind} certificate lowered the limit from ${fen(before.limit)} to ${fen(after.limit)} (PD ${before.pd} -> ${after.pd}, ${before.outcome} -> ${after.outcome})`,
  );
}

/** More verified evidence can only help. */
export const acceptedEvidenceNeverLowersLimit: CreditLaw = defineLaw({
  name: 'accepted_evidence_never_lowers_limit',
  description:
    'Adding accepted evidence never lowers the limit: in the policy a lower PD never gives a lower limit; end to end one more accepted certificate never gives a lower limit, alone (decide) or in a batch (decideBatch).',
  judgedOnLines: true,
  // Evidence reaches the policy only through the PD, so the policy half of the law is that the
  // limit is non-increasing in PD (with the applicant, ledger and everything else fixed).
  policyProperty: (ctx) =>
    fc.property(
      fc
        .record({ applicant: fc.oneof(ctx.applicants(0), withLine(ctx.applicants(0), ctx.policy)), pds: pdSweepArbitrary(ctx.policy) })
        .chain((x) => limitHistoryArbitrary(x.applicant.asOf, ctx.policy).map((limitHistory) => ({ ...x, limitHistory }))),
      ({ applicant, pds, limitHistory }) => {
        const sorted = sweepPds(pds);
        const limits = sorted.map((pd) => ctx.decidePolicy({ applicant, pd, policy: ctx.policy, limitHistory }).limit);
        for (let i = 1; i < sorted.length; i++) {
          const [lo, hi, low, high] = [sorted[i - 1]!, sorted[i]!, limits[i - 1]!, limits[i]!];
          requireLaw(low >= high, () => `limit is ${fen(low)} at PD ${lo} but ${fen(high)} at the higher PD ${hi}`);
        }
      },
    ),
  decidesBatches: true,
  checkedCase: 'a certificate the scorer accepted',
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      askingLittle(ctx).chain((applicant) =>
        scorerEvidence(ctx, { applicant, validity: 'valid' }).map((certificate) => ({
          applicant,
          certificate,
        })),
      ),
      async ({ applicant, certificate }) => {
        const withIt = { ...applicant, evidence: [...applicant.evidence, certificate] };
        // Both paths: decide() alone is the interactive one and is scored by another evaluator
        // (the float32 JS one for small runs) than a batch, so a penalty in either one alone counts.
        compare(ctx, 'decide', await scorer.decide(applicant), await scorer.decide(withIt), certificate.kind);
        const [before, after] = batchDecisions(await scorer.decideBatch([applicant, withIt])) as [Decision, Decision];
        compare(ctx, 'decideBatch', before, after, certificate.kind);
      },
    ),
});
