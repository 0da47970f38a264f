import fc from 'fast-check';
import { ValidationError } from '../../errors/validationError.js';
import { applyReduction } from '../../policy/applyReduction.js';
import { roundDownToStep } from '../../policy/limit.js';
import { lineOnFileAfter } from '../../decision/lineOnFile.js';
import type { CreditLaw } from '../creditLaw.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { scorerEvidence } from '../_internals/scorerEvidence.js';
import { fen, withLine } from '../_internals/lawInputs.js';
import { rmbAsFen } from '../_internals/money.js';
import { reductionOrRefusal } from '../_internals/reductionOrRefusal.js';
import { requireLaw } from '../_internals/runLaw.js';
import { shiftIsoDate } from '../_internals/isoDates.js';
import { laterFollowUpArbitrary } from '../_internals/laterFollowUp.js';

/** A customer's reduction lowers the line exactly as asked, and nothing else. */
export const reductionWithinBounds: CreditLaw = defineLaw({
  name: 'reduction_within_bounds',
  description:
    "A reduction sets the line the customer holds (`lineOnFileAfter`; a proposal waiting for a person stays the referral's limit, bounded by the cap, never the amount asked) to the amount asked for rounded down to the step when that is below it, else keeps the line as it is, to the fen (only the amount asked is rounded; never above the line it lowers, never opening a line a decision refused), records that amount rounded down to the step as the customer's own cap (never above a cap already in force, never the line it happened to be below), is dated the day the customer asked (its `asOf`, by default its prior's; a day before its prior's is refused), is deterministic, and holds through a reduction asked above it, a contest, and the next reassessment, on its own day or days to weeks later; an amount below the product minimum is refused (a line is never lower).",
  judgedOnLines: true,
  policyProperty: (ctx) =>
    fc.property(fc.record({ line: rmbAsFen(0, 200_000), reduceTo: fc.integer({ min: 0, max: 30_000_000 }) }), ({ line, reduceTo }) => {
      const step = ctx.policy.limits.roundingStep;
      const r = reductionOrRefusal(() => applyReduction(line, reduceTo, ctx.policy), reduceTo, ctx.policy, `applyReduction(${line}, ${reduceTo})`);
      if (r === null) return;
      const expected = Math.min(line, roundDownToStep(reduceTo, step));
      requireLaw(r === expected, () => `lowering ${fen(line)} to ${fen(reduceTo)} gave ${fen(r)}, not ${fen(expected)}`);
    }),
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(
      withLine(ctx.applicants(1), ctx.policy).chain((applicant) =>
        fc
          .record({
            applicant: fc.constant(applicant),
            certificate: scorerEvidence(ctx, { applicant, validity: 'valid' }),
            reduceTo: fc.oneof(rmbAsFen(0, 60_000), fc.integer({ min: 0, max: 6_000_000 })),
            raiseBy: rmbAsFen(1, 50_000),
            // The day the customer asks, in days after the decision: the same day (by default, or
            // said), or weeks later; the contest and the reassessment after it follow.
            laterDays: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 60 })),
          })
          .chain((x) =>
            // And a certificate uploaded days to weeks after the reduction.
            laterFollowUpArbitrary(applicant, shiftIsoDate(applicant.asOf, x.laterDays ?? 0), ctx).map((afterwards) => ({ ...x, afterwards })),
          ),
      ),
      async ({ applicant, certificate, reduceTo: drawn, raiseBy, laterDays, afterwards }) => {
        const step = ctx.policy.limits.roundingStep;
        const d = await scorer.decide(applicant);
        const dated = laterDays === null ? undefined : { asOf: shiftIsoDate(d.asOf, laterDays) };
        const day = dated?.asOf ?? d.asOf;
        // The line the customer holds (a referral's proposal granted nothing) is what goes down.
        const onFile = lineOnFileAfter(d, step);
        const asked = `lowering a ${fen(onFile)} line (${d.outcome}, ${d.lineAction}) to ${fen(drawn)}`;
        // Below the product minimum it is refused; the customer then asks for the minimum.
        const refused = reductionOrRefusal(() => scorer.requestReduction(d, drawn, dated), drawn, ctx.policy, asked) === null;
        const reduceTo = refused ? ctx.policy.limits.productMin : drawn;
        const reduced = scorer.requestReduction(d, reduceTo, dated);
        const who = `lowering a ${fen(onFile)} line (${d.outcome}, ${d.lineAction}, dated ${d.asOf}) to ${fen(reduceTo)} on ${day}`;
        requireLaw(
          reduced.asOf === day && reduced.audit.asOf === day,
          () => `${who}: the reduction is dated ${reduced.asOf} (audit ${reduced.audit.asOf}), not the day the customer asked`,
        );
        if (laterDays !== null && laterDays > 0) {
          let early = false;
          try {
            scorer.requestReduction(d, reduceTo, { asOf: shiftIsoDate(d.asOf, -laterDays) });
          } catch (e) {
            early = e instanceof ValidationError && e.issues.some((i) => i.path[0] === 'asOf' && i.code === 'out_of_range');
          }
          requireLaw(early, () => `${who}: a reduction dated ${laterDays} day(s) before its prior was not refused naming asOf`);
        }
        const expected = Math.min(onFile, roundDownToStep(reduceTo, step));
        const held = lineOnFileAfter(reduced, step);
        requireLaw(
          held === expected,
          () => `${who} left a line of ${fen(held)} on file (${reduced.lineAction}, limit ${fen(reduced.limit)}), not ${fen(expected)}`,
        );
        requireLaw(reduced.outcome === d.outcome, () => `${who} turned a ${d.outcome} into ${reduced.outcome}`);
        // A proposal waiting for a person stays the decision's limit, bounded by the cap, never the amount asked;
        // the line held is what went down. Anything else sets the line it holds as its limit.
        const proposal = Math.min(d.limit, roundDownToStep(reduced.controls.selfSetCap ?? d.limit, step));
        const limit = d.lineAction === 'review' ? proposal : expected;
        requireLaw(
          reduced.limit === limit && (reduced.lineAction === 'review') === (d.lineAction === 'review' && proposal !== expected),
          () =>
            `${who}: ${reduced.lineAction} at ${fen(reduced.limit)}, not ${d.lineAction === 'review' && proposal !== expected ? 'review' : 'a line'} at ${fen(limit)}`,
        );
        // The cap is the amount asked, rounded down, never above a cap already in force: not the line it was below.
        const capAsked = roundDownToStep(reduceTo, step);
        const expectedCap = d.controls.selfSetCap !== null && d.controls.selfSetCap < capAsked ? d.controls.selfSetCap : capAsked;
        requireLaw(
          reduced.controls.selfSetCap === expectedCap,
          () => `${who}: the cap to store is ${fen(reduced.controls.selfSetCap)}, not ${fen(expectedCap)} (the amount asked, or the cap already in force)`,
        );
        requireLaw(JSON.stringify(scorer.requestReduction(d, reduceTo, dated)) === JSON.stringify(reduced), () => `${who} twice gave two different decisions`);
        // Asked above the line (and never below the product minimum, which is refused).
        const above = Math.max(reduced.limit, ctx.policy.limits.productMin) + raiseBy;
        const higher = scorer.requestReduction(reduced, above, dated);
        requireLaw(
          lineOnFileAfter(higher, step) <= held,
          () => `a "reduction" to ${fen(above)} raised the line from ${fen(held)} to ${fen(lineOnFileAfter(higher, step))}`,
        );
        const after = await scorer.reassess(reduced, { applicant, evidence: [certificate], asOf: day });
        // The cap it recorded holds: the line it lowered to, or the amount asked when that was above the line.
        const reducedCap = reduced.controls.selfSetCap ?? reduced.limit;
        requireLaw(
          after.limit <= reducedCap,
          () => `the reduction to ${fen(reduced.limit)} (cap ${fen(reducedCap)}) was undone by the next reassessment (${fen(after.limit)})`,
        );
        // The usual chain: the customer lowers the line, then uploads a certificate weeks later.
        // A reassessment dated after the reduction keeps its cap as one on the same day does.
        const weeksLater = await scorer.reassess(reduced, { applicant: afterwards.applicant, evidence: [afterwards.certificate], asOf: afterwards.asOf });
        requireLaw(
          weeksLater.limit <= reducedCap,
          () =>
            `the reduction to ${fen(reduced.limit)} (cap ${fen(reducedCap)}) on ${day} was undone by a reassessment ${afterwards.days} day(s) later, on ${afterwards.asOf} (profile dated ${afterwards.applicant.asOf}): ${fen(weeksLater.limit)}`,
        );
        // A customer's contest of it changes no cap either.
        // (With the applicant: a contest owes reasons, and a scorer explaining only when owed computes the factors from it.)
        const contested = scorer.recordContest(reduced, { statement: 'I would like a person to look at my line.' }, { applicant });
        requireLaw(contested.asOf >= day, () => `${who}: the contest after it is dated ${contested.asOf}, before the reduction`);
        const afterContest = await scorer.reassess(contested, { applicant, evidence: [certificate], asOf: day });
        requireLaw(
          afterContest.limit <= reducedCap,
          () => `the reduction to ${fen(reduced.limit)} (cap ${fen(reducedCap)}) was undone by the reassessment after a contest (${fen(afterContest.limit)})`,
        );
      },
    ),
});
