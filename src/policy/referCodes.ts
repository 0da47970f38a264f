import type { PolicyConfig } from './policyConfig.js';
import type { PolicyReasonCode } from './policyReasons.js';

/**
 * The codes that refer an applicant to a person under `policy`: the PD's refer band, a high
 * self-declared income, and duplicate evidence and a student without a second repayment source
 * where the policy refers them (it may decline them instead: then they are knock-outs). Kept in
 * step with the rules that raise them (see prepareRules).
 */
export function referCodes(policy: PolicyConfig): ReadonlySet<PolicyReasonCode> {
  return new Set<PolicyReasonCode>([
    'pd_in_refer_band',
    'self_declared_income_high',
    ...(policy.refer.duplicateEvidence === 'decline' ? [] : (['duplicate_evidence'] as const)),
    ...(policy.students.withoutSecondRepaymentSource === 'decline' ? [] : (['student_without_second_source'] as const)),
  ]);
}
