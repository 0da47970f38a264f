import { CreditliftError } from '../errors/creditliftError.js';
import type { Decision } from './decision.js';

/**
 * Why a follow-up may not keep a decision's terms (its caps, APR and plans) on a scorer running
 * another policy, or undefined when the policy is the decision's: under moved caps or prices they
 * could break the policy in force, sealed under this scorer's keys. `remedy` says what to do instead.
 */
export function policyMismatch(d: Decision, policyHash: string, remedy: string): string | undefined {
  if (d.audit.policyHash === policyHash) return undefined;
  return `decision ${d.audit.decisionId} was priced and capped under policy ${d.audit.policyHash.slice(0, 12)}; this scorer runs policy ${policyHash.slice(0, 12)}, whose caps or prices may differ: ${remedy}`;
}

/**
 * Refuses a follow-up (a reduction) that would keep a decision's terms on a scorer running another
 * policy (see {@link policyMismatch}) with `policy_mismatch`. A review names it among its bounds
 * (`ReviewInvalidError`, issue `policy_mismatch`).
 */
export function requireSamePolicy(d: Decision, policyHash: string, remedy: string): void {
  const fault = policyMismatch(d, policyHash, remedy);
  if (fault !== undefined) throw new CreditliftError('policy_mismatch', fault);
}
