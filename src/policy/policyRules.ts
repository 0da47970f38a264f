import { PolicyConfig } from './policyConfig.js';
import type { PolicyReasonCode } from './policyReasons.js';

/**
 * What a policy rule does when its condition holds: declines outright (a knock-out), refers the
 * applicant to a person, or nothing (`allow`: the policy lets through what the rule guards against).
 */
export type RuleOutcome = 'decline' | 'refer' | 'allow';

/** One rule's row in {@link POLICY_RULES}. */
export interface PolicyRule {
  /** Every outcome the rule has under some policy: one alone where no policy setting changes it. */
  readonly outcomes: readonly RuleOutcome[];
  /** The rule's outcome under `policy`. */
  readonly under: (policy: PolicyConfig) => RuleOutcome;
}

const always = (outcome: RuleOutcome): PolicyRule => Object.freeze({ outcomes: Object.freeze([outcome]), under: () => outcome });

// A setting's values are themselves outcomes, so its choices come from the policy schema: a value
// added there is an outcome here, and one that is not an outcome fails to compile.
const asPolicySays = <O extends RuleOutcome>(choices: readonly O[], setting: (policy: PolicyConfig) => O): PolicyRule =>
  Object.freeze({ outcomes: Object.freeze([...choices]), under: setting });

/**
 * Every reason code a policy rule raises (see prepareRules) with what the rule does: the one table
 * the rules, the refer codes (referCodes) and the testing kit's knock-outs are read from, so a rule
 * added here is a knock-out or a referral everywhere at once. The PD rules and the applicant's age
 * and bureau file decline or refer under every policy; duplicate evidence and a student without a
 * guardian or second repayment source do as the policy says.
 */
export const POLICY_RULES = Object.freeze({
  age_below_minimum: always('decline'),
  age_above_maximum: always('decline'),
  current_past_due: always('decline'),
  too_many_delinquencies: always('decline'),
  too_many_enquiries: always('decline'),
  pd_above_cutoff: always('decline'),
  pd_in_refer_band: always('refer'),
  self_declared_income_high: always('refer'),
  duplicate_evidence: asPolicySays(PolicyConfig.shape.refer.shape.duplicateEvidence.options, (p) => p.refer.duplicateEvidence),
  student_without_second_source: asPolicySays(
    PolicyConfig.shape.students.shape.withoutSecondRepaymentSource.options,
    (p) => p.students.withoutSecondRepaymentSource,
  ),
} satisfies Partial<Record<PolicyReasonCode, PolicyRule>>);

/** A reason code a policy rule raises; see {@link POLICY_RULES}. */
export type PolicyRuleCode = keyof typeof POLICY_RULES;

/** Every code in {@link POLICY_RULES}, in its order. */
export const POLICY_RULE_CODES: readonly PolicyRuleCode[] = Object.freeze(Object.keys(POLICY_RULES) as PolicyRuleCode[]);

/**
 * The rule codes whose outcome under `policy` is `outcome`.
 *
 * @example
 * rulesWithOutcome(resolvePolicy({ refer: { duplicateEvidence: 'decline' } }), 'decline').has('duplicate_evidence') // true
 */
export function rulesWithOutcome(policy: PolicyConfig, outcome: RuleOutcome): ReadonlySet<PolicyRuleCode> {
  return new Set(POLICY_RULE_CODES.filter((c) => POLICY_RULES[c].under(policy) === outcome));
}

/** The rule codes that give `outcome` under every policy (`'decline'`: the knock-outs no setting turns into a referral). */
export function rulesThatAlways(outcome: RuleOutcome): ReadonlySet<PolicyRuleCode> {
  return new Set(POLICY_RULE_CODES.filter((c) => POLICY_RULES[c].outcomes.every((o) => o === outcome)));
}

/** The rule codes that give `outcome` under some policy (`'decline'`: every rule that can knock an applicant out). */
export function rulesThatCan(outcome: RuleOutcome): ReadonlySet<PolicyRuleCode> {
  return new Set(POLICY_RULE_CODES.filter((c) => POLICY_RULES[c].outcomes.includes(outcome)));
}
