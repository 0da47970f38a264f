import fc from 'fast-check';
import type { CreditLaw } from '../creditLaw.js';
import { certificateEvidenceArbitrary } from '../certificateEvidenceArbitrary.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { fen, limitHistoryArbitrary, pdSweepArbitrary, sweepPds, withLine } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

/** More verified evidence can only help. */
export const acceptedEvidenceNeverLowersLimit: CreditLaw = defineLaw({
  name: 'accepted_evidence_never_lowers_limit',
  description:
    'Adding accepted evidence never lowers the limit: in the policy a lower PD never gives a lower limit; end to end one more accepted certificate never gives a lower limit.',
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
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      ctx.applicants(1).chain((applicant) => certificateEvidenceArbitrary({ applicant, validity: 'valid' }).map((certificate) => ({ applicant, certificate }))),
      async ({ applicant, certificate }) => {
        const withIt = { ...applicant, evidence: [...applicant.evidence, certificate] };
        const [before, after] = await scorer.decideBatch([applicant, withIt]);
        requireLaw(before?.ok === true && after?.ok === true, () => `decideBatch rejected a valid applicant: ${JSON.stringify([before, after])}`);
        if (before?.ok !== true || after?.ok !== true) return;
        const added = after.decision.evidence.at(-1);
        // Only evidence the scorer accepted is promised to help (a lender's catalog may reject it).
        if (added?.status !== 'accepted') return;
        requireLaw(
          after.decision.limit >= before.decision.limit,
          () =>
            `adding an accepted ${certificate.kind} certificate lowered the limit from ${fen(before.decision.limit)} to ${fen(after.decision.limit)} (PD ${before.decision.pd} -> ${after.decision.pd}, ${before.decision.outcome} -> ${after.decision.outcome})`,
        );
      },
    ),
});
