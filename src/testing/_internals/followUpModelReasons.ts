import type { Scorer } from '../../decision/createScorer.js';
import type { Decision } from '../../decision/decision.js';
import type { Applicant } from '../../schema/applicant.js';
import { requireLaw } from './runLaw.js';

/**
 * Checks that a follow-up (a person's review, a contest, a customer's reduction) names no model
 * factor the decision it follows did not. A decision names a model factor only where the model could
 * move its result, so those are the factors the model could move; a decision that named none (an
 * approval at the full request owes no reasons) leaves the follow-up none, and the person's or the
 * customer's own act explains it. Naming one there tells a customer declined by a fraud officer that
 * their debt is a principal reason, though it moved nothing (findings21-explain F2).
 */
export function checkFollowUpModelReasons(followUp: Decision, prior: Decision, who: string): void {
  const named = new Set(prior.reasons.filter((r) => r.source === 'model').map((r) => r.factor));
  for (const r of followUp.reasons)
    requireLaw(
      r.source !== 'model' || named.has(r.factor),
      () =>
        `${who}: reason "${r.code}" ("${r.en}") names a model factor the decision it follows (${prior.outcome} ${prior.limit} fen, reasons ${
          prior.reasons.map((x) => x.code).join(', ') || 'none'
        }) did not name: a follow-up names only the model factors of the decision it follows, the ones the model could move there`,
    );
}

/**
 * Checks a person's decline and a contest of the applicant's approval asked for in full (the request
 * set to the limit `d` approved): a decision that owes no reasons, so names no model factor, met on
 * every run where `d` approves, not only where the draw happens to ask for what it gets. Their
 * follow-ups then name none (see checkFollowUpModelReasons).
 */
export async function checkFollowUpsOfApprovalInFull(scorer: Scorer, applicant: Applicant, d: Decision): Promise<void> {
  if (d.outcome !== 'approve' || d.limit === 0) return;
  const asked: Applicant = { ...applicant, controls: { ...applicant.controls, requestedLimit: d.limit } };
  const full = await scorer.decide(asked);
  const who = `"${applicant.id}" asking the ${full.limit} fen it was approved`;
  const declined = scorer.recordReview(full, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }, { applicant: asked });
  checkFollowUpModelReasons(declined, full, `declining review of ${who}`);
  checkFollowUpModelReasons(scorer.recordContest(full, { statement: 'I disagree' }, { applicant: asked }), full, `contest of ${who}`);
}
