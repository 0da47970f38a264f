import type { Decision, DecisionReview } from './decision.js';

/**
 * The terms a person deciding `d` is shown as the automated proposal (`review.proposed`): the
 * proposal it carries, else its own outcome and limit; on a line held above what may be granted
 * today (`lineAction: 'hold'`), never above `maxGrantable`. A held line is not a proposal: the
 * policy grants at most `maxGrantable` today, and the held line is the decision's `limit` (the line
 * on file), so the reviewer sees both, apart. A hold sealed before this rule showed the held line
 * as the proposal ("proposed limit 50,000 RMB" beside 33,000 RMB grantable); it is bounded here. A
 * proposal bounded to nothing is no approval.
 */
export function proposedTerms(d: Pick<Decision, 'lineAction' | 'maxGrantable' | 'outcome' | 'limit' | 'review'>): DecisionReview['proposed'] {
  const proposed = d.review?.proposed ?? { outcome: d.outcome, limit: d.limit };
  if (d.lineAction !== 'hold' || proposed.limit <= d.maxGrantable) return proposed;
  return { outcome: d.maxGrantable === 0 && proposed.outcome === 'approve' ? 'decline' : proposed.outcome, limit: d.maxGrantable };
}
