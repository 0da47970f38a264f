import type { PolicyConfig } from '../../policy/policyConfig.js';

/** The rules that knock an applicant out under every policy: a decline whatever the PD. */
export const POLICY_INDEPENDENT_KNOCKOUTS: ReadonlySet<string> = new Set([
  'age_below_minimum',
  'age_above_maximum',
  'current_past_due',
  'too_many_delinquencies',
  'too_many_enquiries',
  'pd_above_cutoff',
]);

/**
 * Every rule that can knock an applicant out under some policy: the policy-independent ones, and
 * duplicate evidence and a student without a second repayment source, which decline where the
 * policy says so (else they refer).
 */
export const EVERY_KNOCKOUT: ReadonlySet<string> = new Set([...POLICY_INDEPENDENT_KNOCKOUTS, 'duplicate_evidence', 'student_without_second_source']);

/** The codes that knock an applicant out under `policy`. */
export function knockoutCodes(policy: PolicyConfig): ReadonlySet<string> {
  return new Set([
    ...POLICY_INDEPENDENT_KNOCKOUTS,
    ...(policy.refer.duplicateEvidence === 'decline' ? ['duplicate_evidence'] : []),
    ...(policy.students.withoutSecondRepaymentSource === 'decline' ? ['student_without_second_source'] : []),
  ]);
}
