import type { PolicyConfig } from '../../policy/policyConfig.js';
import { rulesThatAlways, rulesThatCan, rulesWithOutcome } from '../../policy/policyRules.js';

// All three are read from the rules' own table (POLICY_RULES), so a rule added there is judged
// here as the engine decides it.

/** The rules that knock an applicant out under every policy (the PD's cut-off among them). */
export const POLICY_INDEPENDENT_KNOCKOUTS: ReadonlySet<string> = rulesThatAlways('decline');

/**
 * Every rule that can knock an applicant out under some policy: the policy-independent ones, and
 * duplicate evidence and a student without a second repayment source, which decline where the
 * policy says so (else they refer).
 */
export const EVERY_KNOCKOUT: ReadonlySet<string> = rulesThatCan('decline');

/** The codes that knock an applicant out under `policy`. */
export function knockoutCodes(policy: PolicyConfig): ReadonlySet<string> {
  return rulesWithOutcome(policy, 'decline');
}
