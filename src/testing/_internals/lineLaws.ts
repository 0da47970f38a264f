import type { CreditLawName } from '../creditLaw.js';

/**
 * The laws whose promise is about a granted line (its size, its caps, its price, its steps): on runs
 * that met no decision granting one they hold of nothing, so such a run is refused, never passed.
 * The others promise something of every decision, a decline too (its reasons, the same decision
 * twice, evidence that cannot count, priors refused), or draw no decision of the policy's.
 */
export const LINE_LAWS: ReadonlySet<CreditLawName> = new Set<CreditLawName>([
  'apr_within_bounds',
  'apr_non_decreasing_in_pd',
  'limit_within_caps',
  'accepted_evidence_never_lowers_limit',
  'step_limits_hold',
  'customer_controls_hold',
  'approved_limits_affordable',
  'limits_rounded',
  'daily_rate_within_cap',
  'comprehensive_cost_within_cap',
  'reassessment_within_bounds',
  'reduction_within_bounds',
]);
