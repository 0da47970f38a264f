import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { EVERY_KNOCKOUT, knockoutCodes, POLICY_INDEPENDENT_KNOCKOUTS } from '../../src/testing/_internals/knockoutCodes.js';

const ALWAYS = ['age_below_minimum', 'age_above_maximum', 'current_past_due', 'too_many_delinquencies', 'too_many_enquiries', 'pd_above_cutoff'];

describe("the kit's knock-outs, read from the policy rules' table", () => {
  it('the policy-independent ones are the age, bureau and PD cut-off rules; every knock-out adds the two the policy may decline', () => {
    expect([...POLICY_INDEPENDENT_KNOCKOUTS]).toEqual(ALWAYS);
    expect([...EVERY_KNOCKOUT]).toEqual([...ALWAYS, 'duplicate_evidence', 'student_without_second_source']);
  });

  it('a policy knocks out duplicate evidence and a student without a second source only where it declines them', () => {
    const of = (duplicateEvidence: 'refer' | 'decline', withoutSecondRepaymentSource: 'refer' | 'decline' | 'allow') => [
      ...knockoutCodes(resolvePolicy({ refer: { duplicateEvidence }, students: { withoutSecondRepaymentSource } })),
    ];
    expect(of('refer', 'refer')).toEqual(ALWAYS);
    expect(of('refer', 'allow')).toEqual(ALWAYS);
    expect(of('decline', 'refer')).toEqual([...ALWAYS, 'duplicate_evidence']);
    expect(of('refer', 'decline')).toEqual([...ALWAYS, 'student_without_second_source']);
  });
});
