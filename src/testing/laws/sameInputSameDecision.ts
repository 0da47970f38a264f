import fc from 'fast-check';
import type { Decision } from '../../decision/decision.js';
import type { CreditLaw } from '../creditLaw.js';
import { batchDecisions, neighbourRecordsArbitrary } from '../_internals/batchDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { inTimeZone, inTimeZoneAsync, UNUSUAL_TIME_ZONES } from '../_internals/inTimeZone.js';
import { limitHistoryArbitrary, pdArbitrary } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `first difference at character ${i}: ...${a.slice(Math.max(0, i - 40), i + 40)}... vs ...${b.slice(Math.max(0, i - 40), i + 40)}...`;
}

function requireSame(a: unknown, b: unknown, what: string): void {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  requireLaw(x === y, () => `${what} differ as JSON; ${firstDifference(x, y)}`);
}

/**
 * Decisions are reproducible: nothing hidden (a clock, a random draw, call order, the server's
 * time zone) changes them. The zone matters because dates are calendar dates: code that reads
 * one as a local time (`new Date('2026-11-01').getDate()` is 31 in Sao Paulo) decides differently
 * on a server set to another zone.
 */
export const sameInputSameDecision: CreditLaw = defineLaw({
  name: 'same_input_same_decision',
  description:
    'The same input always gives the same decision, byte for byte as JSON, whether decided alone, again, in a batch of one, among other records in a larger batch, or with the process in another time zone.',
  policyProperty: (ctx) =>
    fc.property(
      fc
        .record({ applicant: ctx.applicants(0), pd: pdArbitrary(ctx.policy), zone: fc.constantFrom(...UNUSUAL_TIME_ZONES) })
        .chain((x) => limitHistoryArbitrary(x.applicant.asOf, ctx.policy).map((limitHistory) => ({ ...x, limitHistory }))),
      ({ applicant, pd, limitHistory, zone }) => {
        const first = ctx.decidePolicy({ applicant, pd, policy: ctx.policy, limitHistory });
        const again = ctx.decidePolicy({ applicant: structuredClone(applicant), pd, policy: ctx.policy, limitHistory: structuredClone(limitHistory) });
        requireSame(first, again, 'two policy results for the same input');
        const zoned = inTimeZone(zone, () =>
          ctx.decidePolicy({ applicant: structuredClone(applicant), pd, policy: ctx.policy, limitHistory: structuredClone(limitHistory) }),
        );
        requireSame(first, zoned, `the policy result with the process time zone set to ${zone} and as it was`);
      },
    ),
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      fc
        .record({ applicant: ctx.applicants(2), neighbours: neighbourRecordsArbitrary(ctx.applicants(2)), zone: fc.constantFrom(...UNUSUAL_TIME_ZONES) })
        .chain((x) => fc.nat({ max: x.neighbours.length }).map((at) => ({ ...x, at }))),
      async ({ applicant, neighbours, at, zone }) => {
        const first = await scorer.decide(applicant);
        const again = await scorer.decide(structuredClone(applicant));
        requireSame(first, again, 'two decisions for the same applicant');
        const zoned = await inTimeZoneAsync(zone, () => scorer.decide(structuredClone(applicant)));
        requireSame(first, zoned, `the decision with the process time zone set to ${zone} and as it was`);
        const [batched] = batchDecisions(await scorer.decideBatch([structuredClone(applicant)])) as [Decision];
        requireSame(first, batched, 'the decision alone and in a batch of one');
        // A runtime may add a row's trees up in another order once a run is large (onnxruntime with
        // intraOpNumThreads 2 did above 50 rows): only a batch with neighbours meets that.
        const batch = structuredClone([...neighbours.slice(0, at), applicant, ...neighbours.slice(at)]);
        const amongOthers = batchDecisions(await scorer.decideBatch(batch))[at] as Decision;
        requireSame(first, amongOthers, `the decision alone and as record ${at + 1} of a batch of ${batch.length}`);
      },
    ),
});
