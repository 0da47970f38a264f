import type { Applicant } from '../schema/applicant.js';
import { ageInYears } from './ageInYears.js';
import { assertPd } from './assertPd.js';
import type { PolicyConfig } from './policyConfig.js';
import type { PolicyReasonCode } from './policyReasons.js';
import { POLICY_RULES, type PolicyRuleCode, type RuleOutcome } from './policyRules.js';

/** One rule that fired: the reason code, the applicant's value and the policy threshold it crossed. */
export interface PolicyHit {
  readonly code: PolicyReasonCode;
  readonly value: number;
  readonly threshold: number;
}

/** Signals computed upstream that the policy acts on. */
export interface PolicyFlags {
  /** A certificate of this applicant was already used by someone else (fraud signal). */
  readonly duplicateEvidence: boolean;
}

/** The knock-outs (decline) and refer conditions that fired, each in a fixed order. */
export interface RuleHits {
  readonly knockouts: readonly PolicyHit[];
  readonly refers: readonly PolicyHit[];
}

/**
 * Evaluates the knock-out rules (age bounds, days past due today, recent delinquencies, recent
 * enquiries, PD above the cut-off, and duplicate evidence when the policy declines it) and the
 * refer conditions (PD in the refer band, high self-declared income, duplicate evidence when the
 * policy refers it), and the student rule (a student without a guardian / second repayment source
 * is referred or declined, as `policy.students` says). Absent bureau counts never knock out: thin files are the segment served.
 *
 * @throws ValidationError when `pd` is not in [0, 1] or a date does not parse.
 */
export function evaluateRules(applicant: Applicant, pd: number, flags: PolicyFlags, policy: PolicyConfig): RuleHits {
  return prepareRules(applicant, flags, policy).at(pd);
}

/** The rules with everything that does not depend on the PD evaluated once. */
export interface PreparedRules {
  /** The knock-outs and refers at this PD, in the same fixed order as {@link evaluateRules}. */
  at(pd: number): RuleHits;
}

/** A hit of one of the rules in {@link POLICY_RULES}. */
type RuleHit = PolicyHit & { readonly code: PolicyRuleCode };

/**
 * Evaluates the applicant-only rules (age, arrears, delinquencies, enquiries, duplicate
 * evidence, self-declared income) once; only the PD cut-offs remain per call.
 *
 * @throws ValidationError when a date does not parse.
 */
export function prepareRules(applicant: Applicant, flags: PolicyFlags, policy: PolicyConfig): PreparedRules {
  // Knock-outs in a fixed order: the applicant's own (`before`), the PD cut-off, then duplicate
  // evidence (`after`); refers: the PD band, then the rest (`refersAfter`).
  const before: PolicyHit[] = [];
  const after: PolicyHit[] = [];
  const refersAfter: PolicyHit[] = [];
  // The rules below say only when each fires; whether a hit declines, refers or is let through is
  // the table's (POLICY_RULES), which the refer codes and the testing kit's knock-outs read too.
  const raise = (knockouts: PolicyHit[], hit: RuleHit): void => {
    const outcome = POLICY_RULES[hit.code].under(policy);
    if (outcome !== 'allow') (outcome === 'decline' ? knockouts : refersAfter).push(hit);
  };
  const { age, knockouts: k, refer } = policy;
  const years = ageInYears(applicant.birthDate, applicant.asOf);
  if (years < age.min) raise(before, { code: 'age_below_minimum', value: years, threshold: age.min });
  if (years > age.max) raise(before, { code: 'age_above_maximum', value: years, threshold: age.max });
  const b = applicant.bureau;
  if (b.currentDaysPastDue > k.maxCurrentDaysPastDue) {
    raise(before, { code: 'current_past_due', value: b.currentDaysPastDue, threshold: k.maxCurrentDaysPastDue });
  }
  if (b.delinquencies24m !== undefined && b.delinquencies24m > k.maxDelinquencies24m) {
    raise(before, { code: 'too_many_delinquencies', value: b.delinquencies24m, threshold: k.maxDelinquencies24m });
  }
  if (b.enquiries6m !== undefined && b.enquiries6m > k.maxEnquiries6m) {
    raise(before, { code: 'too_many_enquiries', value: b.enquiries6m, threshold: k.maxEnquiries6m });
  }
  if (flags.duplicateEvidence) raise(after, { code: 'duplicate_evidence', value: 1, threshold: 0 });
  // Campus lending (2021 regulators' notice): a student needs a guardian or second repayment
  // source on file, or the policy refers (default), declines or lets it pass (POLICY_RULES).
  if (applicant.employment.type === 'student' && applicant.household.secondRepaymentSource === undefined) {
    raise(before, { code: 'student_without_second_source', value: 1, threshold: 0 });
  }
  const income = applicant.income;
  if (income.source === 'self_declared' && income.monthlyNet > refer.selfDeclaredIncomeAbove) {
    raise(after, { code: 'self_declared_income_high', value: income.monthlyNet, threshold: refer.selfDeclaredIncomeAbove });
  }
  const cutoff = POLICY_RULES.pd_above_cutoff.under(policy);
  const band = POLICY_RULES.pd_in_refer_band.under(policy);
  // A PD hit declines between the applicant's knock-outs and duplicate evidence, or refers first.
  const withPd = (hit: RuleHit, outcome: RuleOutcome): RuleHits => {
    if (outcome === 'decline') return { knockouts: [...before, hit, ...after], refers: refersAfter };
    if (outcome === 'refer') return { knockouts: [...before, ...after], refers: [hit, ...refersAfter] };
    return { knockouts: [...before, ...after], refers: refersAfter };
  };
  return {
    at(pd) {
      assertPd(pd);
      if (pd > k.declinePdAbove) return withPd({ code: 'pd_above_cutoff', value: pd, threshold: k.declinePdAbove }, cutoff);
      if (pd > refer.pdAbove) return withPd({ code: 'pd_in_refer_band', value: pd, threshold: refer.pdAbove }, band);
      return { knockouts: [...before, ...after], refers: refersAfter };
    },
  };
}
