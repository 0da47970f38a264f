import type { PolicyConfig } from './policyConfig.js';
import type { PolicyReasonCode } from './policyReasons.js';
import { rulesWithOutcome } from './policyRules.js';

/**
 * The codes that refer an applicant to a person under `policy`: the PD's refer band, a high
 * self-declared income, and duplicate evidence and a student without a second repayment source
 * where the policy refers them (it may decline them instead: then they are knock-outs). Read from
 * the rules' own table (POLICY_RULES), so they are the codes prepareRules refers.
 */
export function referCodes(policy: PolicyConfig): ReadonlySet<PolicyReasonCode> {
  return rulesWithOutcome(policy, 'refer');
}
