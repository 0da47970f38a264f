import fc from 'fast-check';
import type { CreditLaw } from '../creditLaw.js';
import { batchDecisions } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { pct, pdSweepArbitrary, sweepPds } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

/** A riskier applicant never pays a lower rate. */
export const aprNonDecreasingInPd: CreditLaw = defineLaw({
  name: 'apr_non_decreasing_in_pd',
  description: 'APR never falls as PD rises.',
  policyProperty: (ctx) =>
    fc.property(fc.record({ applicant: ctx.applicants(0), pds: pdSweepArbitrary(ctx.policy) }), ({ applicant, pds }) => {
      const sorted = sweepPds(pds);
      const aprs = sorted.map((pd) => ctx.decidePolicy({ applicant, pd, policy: ctx.policy }).apr);
      for (let i = 1; i < sorted.length; i++) {
        const [lo, hi, low, high] = [sorted[i - 1]!, sorted[i]!, aprs[i - 1]!, aprs[i]!];
        requireLaw(low <= high, () => `APR is ${pct(low)} at PD ${lo} but only ${pct(high)} at the higher PD ${hi}`);
      }
    }),
  // End to end the PD comes from the model, so the law is checked across applicants: sorted by
  // the PD the scorer reports, their APRs must not fall.
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(fc.record({ applicants: fc.array(ctx.applicants(1), { minLength: 2, maxLength: 4 }) }), async ({ applicants }) => {
      const decided = batchDecisions(await scorer.decideBatch(applicants));
      const byPd = [...decided].sort((x, y) => x.pd - y.pd);
      for (let i = 1; i < byPd.length; i++) {
        const a = byPd[i - 1]!;
        const b = byPd[i]!;
        requireLaw(a.apr <= b.apr, () => `"${a.applicantId}" pays ${pct(a.apr)} at PD ${a.pd} but "${b.applicantId}" pays only ${pct(b.apr)} at PD ${b.pd}`);
      }
    }),
});
