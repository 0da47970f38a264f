import type { PolicyConfig } from '../../policy/policyConfig.js';
import { resolvePolicy, type PolicyOverrides } from '../../policy/resolvePolicy.js';

/**
 * The policy options a challenger's arm is created with (the scorer builds the arm from them, and
 * simulateBook counts a live arm's decisions under them). A complete `policy` of its own replaces the
 * champion's (createScorer refuses it beside `policyOverrides`, so both are passed on as given);
 * `policyOverrides` change the champion's policy, as a challenger is the champion with these changes:
 * merged into the default policy instead, they dropped what the champion set (a champion's lender cap
 * of 10,000 RMB, and the arm deciding live granted up to 50,000 RMB). Neither: the champion's policy.
 */
export function challengerPolicyOptions(
  c: { readonly policy?: PolicyConfig; readonly policyOverrides?: PolicyOverrides },
  championPolicy: PolicyConfig,
): { readonly policy: PolicyConfig; readonly policyOverrides?: PolicyOverrides } {
  if (c.policy !== undefined) return { policy: c.policy, ...(c.policyOverrides === undefined ? {} : { policyOverrides: c.policyOverrides }) };
  return { policy: c.policyOverrides === undefined ? championPolicy : resolvePolicy(c.policyOverrides, championPolicy) };
}
