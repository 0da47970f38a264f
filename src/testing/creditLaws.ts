import type { CreditLaw, CreditLawName } from './creditLaw.js';
import { acceptedEvidenceNeverLowersLimit } from './laws/acceptedEvidenceNeverLowersLimit.js';
import { approvedLimitsAffordable } from './laws/approvedLimitsAffordable.js';
import { aprNonDecreasingInPd } from './laws/aprNonDecreasingInPd.js';
import { aprWithinBounds } from './laws/aprWithinBounds.js';
import { comprehensiveCostWithinCap } from './laws/comprehensiveCostWithinCap.js';
import { customerControlsHold } from './laws/customerControlsHold.js';
import { dailyRateWithinCap } from './laws/dailyRateWithinCap.js';
import { limitsRounded } from './laws/limitsRounded.js';
import { limitWithinCaps } from './laws/limitWithinCaps.js';
import { reassessmentWithinBounds } from './laws/reassessmentWithinBounds.js';
import { reasonsWhereOwed } from './laws/reasonsWhereOwed.js';
import { suggestionsComeTrue } from './laws/suggestionsComeTrue.js';
import { resultsBelowUsefulLevelNeverCount } from './laws/resultsBelowUsefulLevelNeverCount.js';
import { bannedDataNeverCounts } from './laws/bannedDataNeverCounts.js';
import { reductionWithinBounds } from './laws/reductionWithinBounds.js';
import { sameInputSameDecision } from './laws/sameInputSameDecision.js';
import { stepLimitsHold } from './laws/stepLimitsHold.js';
import { tamperedPriorsRefused } from './laws/tamperedPriorsRefused.js';

/**
 * Every credit law by name, each individually callable, so a lender can pick:
 *
 * @example
 * it(creditLaws.apr_non_decreasing_in_pd.description, () => creditLaws.apr_non_decreasing_in_pd.check({ policy }));
 */
export const creditLaws: Readonly<Record<CreditLawName, CreditLaw>> = Object.freeze({
  apr_within_bounds: aprWithinBounds,
  apr_non_decreasing_in_pd: aprNonDecreasingInPd,
  limit_within_caps: limitWithinCaps,
  accepted_evidence_never_lowers_limit: acceptedEvidenceNeverLowersLimit,
  step_limits_hold: stepLimitsHold,
  customer_controls_hold: customerControlsHold,
  approved_limits_affordable: approvedLimitsAffordable,
  limits_rounded: limitsRounded,
  same_input_same_decision: sameInputSameDecision,
  daily_rate_within_cap: dailyRateWithinCap,
  comprehensive_cost_within_cap: comprehensiveCostWithinCap,
  reassessment_within_bounds: reassessmentWithinBounds,
  reduction_within_bounds: reductionWithinBounds,
  reasons_where_owed: reasonsWhereOwed,
  suggestions_come_true: suggestionsComeTrue,
  results_below_useful_level_never_count: resultsBelowUsefulLevelNeverCount,
  banned_data_never_counts: bannedDataNeverCounts,
  tampered_priors_refused: tamperedPriorsRefused,
});
