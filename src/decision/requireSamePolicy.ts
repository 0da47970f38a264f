import { CreditliftError, type CreditliftErrorCode } from '../errors/creditliftError.js';
import type { Decision } from './decision.js';

/**
 * Refuses a follow-up that would keep a decision's terms (its caps, APR and plans) on a scorer
 * running another policy: under moved caps or prices they could break the policy in force, sealed
 * under this scorer's keys. `code` is the follow-up's own (`review_invalid` for a review,
 * `policy_mismatch` for a reduction); `remedy` says what to do instead.
 */
export function requireSamePolicy(d: Decision, policyHash: string, code: CreditliftErrorCode, remedy: string): void {
  if (d.audit.policyHash === policyHash) return;
  throw new CreditliftError(
    code,
    `decision ${d.audit.decisionId} was priced and capped under policy ${d.audit.policyHash.slice(0, 12)}; this scorer runs policy ${policyHash.slice(0, 12)}, whose caps or prices may differ: ${remedy}`,
  );
}
