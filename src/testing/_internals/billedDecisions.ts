import fc from 'fast-check';
import type { Scorer } from '../../decision/createScorer.js';
import type { Decision } from '../../decision/decision.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import type { Applicant } from '../../schema/applicant.js';
import { changedProfile, profileChangeArbitrary, type ProfileChange } from '../profileChangeArbitrary.js';
import { batchDecisions, batchRecordsArbitrary } from './batchDecisions.js';
import { shiftIsoDate } from './isoDates.js';
import { LATER_FOLLOW_UP_MAX_DAYS } from './laterFollowUp.js';
import type { LawContext } from './lawContext.js';
import { fen, reductionAmountArbitrary, withLine } from './lawInputs.js';

/** What one run of a pricing law draws: an applicant, others batched beside it, a later change of profile and a reduction. */
export interface BilledDraw {
  readonly applicant: Applicant;
  /** Batched with the applicant: mostly a batch of 2 to 4 records, now and then 6 to 9, so a fault of the batch path alone (or of larger batches) is met. */
  readonly others: readonly Applicant[];
  readonly change: ProfileChange;
  readonly reduceTo: number;
  /** Days after the decision a second reduction is asked: a dated reduction is priced as any other. */
  readonly reductionDays: number;
}

/** Draws for {@link checkBilledDecisions}: new applicants and ones holding a line, each with a batch beside it. */
export function billedDrawArbitrary(ctx: LawContext): fc.Arbitrary<BilledDraw> {
  return fc.record({
    applicant: fc.oneof(ctx.applicants(2), withLine(ctx.applicants(1), ctx.policy)),
    others: batchRecordsArbitrary(ctx.applicants(1), 1),
    change: profileChangeArbitrary(),
    reduceTo: reductionAmountArbitrary(ctx.policy, 60_000),
    reductionDays: fc.integer({ min: 1, max: LATER_FOLLOW_UP_MAX_DAYS }),
  });
}

/**
 * A person's review confirming the decision as it stands (same outcome and limit), or declining it
 * where the scorer refuses to confirm it (a review may not exceed a cap the policy has since moved):
 * either way the customer receives the prior's terms, which are what is checked.
 */
function confirmingReview(scorer: Scorer, d: Decision, applicant: Applicant): Decision {
  const decline = { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 } as const;
  if (d.outcome === 'decline') return scorer.recordReview(d, decline, { applicant });
  try {
    return scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: d.outcome, limit: d.limit }, { applicant });
  } catch (e) {
    if (e instanceof CreditliftError && e.code === 'review_invalid') return scorer.recordReview(d, decline, { applicant });
    throw e;
  }
}

/**
 * Checks every decision the customer can receive from one draw, each named by its path: the
 * decision (`decide`), the same applicant batched with others (`decideBatch`, every record), a
 * reassessment after the profile changed (`reassess`), the customer's reduction
 * (`requestReduction`, on the decision's day and on a later day), a person's review (`recordReview`) and the customer's contest
 * (`recordContest`). A promise about what the customer is billed or told holds on each of them, not
 * on `decide` alone. Each is checked as it arrives, so a failing run (and every shrinking step that
 * still fails) stops at the first broken path without asking the scorer for the rest.
 */
export async function checkBilledDecisions(scorer: Scorer, draw: BilledDraw, check: (where: string, d: Decision) => void): Promise<void> {
  const { applicant, others, change, reduceTo, reductionDays } = draw;
  const name = (a: Applicant, path: string) => `"${a.id}" (${path})`;
  const d = await scorer.decide(applicant);
  check(name(applicant, 'decide'), d);
  const batch = [applicant, ...others];
  batchDecisions(await scorer.decideBatch(batch)).forEach((b, i) => {
    check(name(batch[i] as Applicant, `decideBatch, record ${i + 1} of ${batch.length}`), b);
  });
  check(name(applicant, 'reassess'), await scorer.reassess(d, { applicant: changedProfile(applicant, change), evidence: [] }));
  check(`${name(applicant, 'requestReduction')} to ${fen(reduceTo)}`, scorer.requestReduction(d, reduceTo));
  const later = shiftIsoDate(d.asOf, reductionDays);
  check(
    `${name(applicant, `requestReduction dated ${later}, ${reductionDays} day(s) after the decision`)} to ${fen(reduceTo)}`,
    scorer.requestReduction(d, reduceTo, { asOf: later }),
  );
  check(name(applicant, 'recordReview'), confirmingReview(scorer, d, applicant));
  check(name(applicant, 'recordContest'), scorer.recordContest(d, { statement: 'I disagree' }, { applicant }));
}
