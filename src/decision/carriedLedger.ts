import { calendarDateOf } from '../dates/calendarDate.js';
import { dayNumberOf } from '../dates/dayNumber.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { LimitChange } from '../policy/stepLimit.js';

/** How many of its latest ledger changes a decision carries forward whatever their date. */
export const LIMIT_HISTORY_KEPT = 24;

/**
 * The ledger a decision carries forward (`limitHistory`): its last {@link LIMIT_HISTORY_KEPT}
 * changes, and every earlier rise still inside the step-limit window on `asOf`, in the ledger's
 * order. A rise inside the window binds the next reassessment on any later day the window still
 * covers, so a lender's window of dozens of rises (`windowMaxCount` goes to 1000) holds through a
 * chain of decisions; cutting the ledger to its last few let 41 rises through in one day where the
 * policy allowed 30. What is dropped is a rise or change older than the window on `asOf` (or a
 * change that was no rise) beyond the last few: no later decision's window reaches it (their dates
 * are never earlier: a prior dated after its reassessment is refused). Entries after `asOf` never
 * get here: the ledger is refused with them.
 *
 * After a raise the window holds at most `windowMaxCount` rises (a rise is granted only while fewer
 * are counted), so the ledger carried is at most `windowMaxCount` + {@link LIMIT_HISTORY_KEPT}
 * entries, bounded by the policy rather than by how often the customer is reassessed; without a
 * raise it is never longer than the ledger given. Either way `decide` accepts it back.
 */
export function carriedLedger(ledger: readonly LimitChange[], asOf: string, policy: PolicyConfig): readonly LimitChange[] {
  if (ledger.length <= LIMIT_HISTORY_KEPT) return ledger;
  // The same window prepareParsedStepLimits counts: days after `asOf - windowDays`, up to `asOf`.
  const windowStart = dayNumberOf(calendarDateOf(asOf)) - policy.stepLimits.windowDays;
  const recentFrom = ledger.length - LIMIT_HISTORY_KEPT;
  return ledger.filter((c, i) => i >= recentFrom || (c.to > c.from && dayNumberOf(calendarDateOf(c.asOf)) > windowStart));
}
