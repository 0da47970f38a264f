import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { type PolicyFlags, prepareRules } from '../../src/policy/evaluateRules.js';
import { PolicyConfig } from '../../src/policy/policyConfig.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';
import { POLICY_RULE_CODES, POLICY_RULES, type PolicyRuleCode, type RuleOutcome, rulesWithOutcome } from '../../src/policy/policyRules.js';
import { referCodes } from '../../src/policy/referCodes.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { applicantDrawArbitrary, applicantFromDraw, buildApplicant } from './applicantBuilder.js';

const noFlags: PolicyFlags = { duplicateEvidence: false };

/** One input that meets one rule's condition, and no other's, under the default figures. */
interface Provocation {
  readonly applicant: Applicant;
  readonly pd: number;
  readonly flags: PolicyFlags;
}

const clean = buildApplicant();
const student = buildApplicant({ employment: { ...clean.employment, type: 'student' } });
const provocations: Record<PolicyRuleCode, Provocation> = {
  age_below_minimum: { applicant: buildApplicant({ birthDate: '2007-01-01' }), pd: 0.03, flags: noFlags },
  age_above_maximum: { applicant: buildApplicant({ birthDate: '1950-01-01' }), pd: 0.03, flags: noFlags },
  current_past_due: { applicant: buildApplicant({ bureau: { ...clean.bureau, currentDaysPastDue: 3 } }), pd: 0.03, flags: noFlags },
  too_many_delinquencies: { applicant: buildApplicant({ bureau: { ...clean.bureau, delinquencies24m: 9 } }), pd: 0.03, flags: noFlags },
  too_many_enquiries: { applicant: buildApplicant({ bureau: { ...clean.bureau, enquiries6m: 20 } }), pd: 0.03, flags: noFlags },
  pd_above_cutoff: { applicant: clean, pd: 0.5, flags: noFlags },
  pd_in_refer_band: { applicant: clean, pd: 0.15, flags: noFlags },
  self_declared_income_high: { applicant: buildApplicant({ income: { monthlyNet: 2_500_000, source: 'self_declared' } }), pd: 0.03, flags: noFlags },
  duplicate_evidence: { applicant: clean, pd: 0.03, flags: { duplicateEvidence: true } },
  student_without_second_source: { applicant: student, pd: 0.03, flags: noFlags },
};

// Every value of every setting a rule's outcome hangs on, in every combination: each
// policy-dependent choice flipped both (or all three) ways.
const settingPolicies: readonly PolicyConfig[] = PolicyConfig.shape.refer.shape.duplicateEvidence.options.flatMap((duplicateEvidence) =>
  PolicyConfig.shape.students.shape.withoutSecondRepaymentSource.options.map((withoutSecondRepaymentSource) =>
    resolvePolicy({ refer: { duplicateEvidence }, students: { withoutSecondRepaymentSource } }),
  ),
);

/** What prepareRules did with every hit: declined it, referred it. */
function outcomesGiven(p: Provocation, policy: PolicyConfig): Map<string, RuleOutcome> {
  const hits = prepareRules(p.applicant, p.flags, policy).at(p.pd);
  return new Map<string, RuleOutcome>([...hits.knockouts.map((h) => [h.code, 'decline'] as const), ...hits.refers.map((h) => [h.code, 'refer'] as const)]);
}

describe('POLICY_RULES: the one table of what each rule code does', () => {
  it('has a provocation for every code, each raising its own code alone under the default policy', () => {
    expect(Object.keys(provocations).sort()).toEqual([...POLICY_RULE_CODES].sort());
    for (const code of POLICY_RULE_CODES) expect([...outcomesGiven(provocations[code], defaultPolicy).keys()], code).toEqual([code]);
  });

  it('gives each code the outcome prepareRules gives it, under every value of every setting', () => {
    expect(settingPolicies).toHaveLength(6);
    for (const policy of settingPolicies)
      for (const code of POLICY_RULE_CODES) {
        const given = outcomesGiven(provocations[code], policy);
        const setting = `${code} (duplicateEvidence ${policy.refer.duplicateEvidence}, students ${policy.students.withoutSecondRepaymentSource})`;
        // Nothing else fires: a rule the policy allows raises nothing at all.
        expect(
          [...given.keys()].filter((c) => c !== code),
          setting,
        ).toEqual([]);
        expect(given.get(code) ?? 'allow', setting).toBe(POLICY_RULES[code].under(policy));
      }
  });

  it("lists as a rule's outcomes exactly those it gives under some policy", () => {
    for (const code of POLICY_RULE_CODES) {
      const seen = new Set(settingPolicies.map((policy) => outcomesGiven(provocations[code], policy).get(code) ?? 'allow'));
      expect([...seen].sort(), code).toEqual([...POLICY_RULES[code].outcomes].sort());
    }
  });

  it('every code prepareRules raises, under any policy, is in the table on the side the table says', () => {
    const drawn = fc.record({
      applicant: applicantDrawArbitrary.map(applicantFromDraw),
      isStudent: fc.boolean(),
      duplicateEvidence: fc.boolean(),
      pd: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(policyConfigArbitrary(), drawn, (policy, d) => {
        const applicant = d.isStudent ? { ...d.applicant, employment: { ...d.applicant.employment, type: 'student' as const } } : d.applicant;
        const hits = prepareRules(applicant, { duplicateEvidence: d.duplicateEvidence }, policy).at(d.pd);
        const declines = rulesWithOutcome(policy, 'decline');
        const refers = referCodes(policy);
        for (const h of hits.knockouts) expect(declines.has(h.code as PolicyRuleCode), h.code).toBe(true);
        for (const h of hits.refers) expect(refers.has(h.code), h.code).toBe(true);
      }),
      { seed: 70, numRuns: 60 },
    );
  });

  it('refer codes are the referring rules: duplicate evidence and the student rule only where the policy refers them', () => {
    const base = ['pd_in_refer_band', 'self_declared_income_high'];
    const of = (duplicateEvidence: 'refer' | 'decline', withoutSecondRepaymentSource: 'refer' | 'decline' | 'allow') =>
      [...referCodes(resolvePolicy({ refer: { duplicateEvidence }, students: { withoutSecondRepaymentSource } }))].sort();
    expect(of('refer', 'refer')).toEqual([...base, 'duplicate_evidence', 'student_without_second_source'].sort());
    expect(of('decline', 'decline')).toEqual([...base].sort());
    // A student the policy allows is never referred for it: no decision under that policy carries the code.
    expect(of('refer', 'allow')).toEqual([...base, 'duplicate_evidence'].sort());
  });
});
