import { deepFreeze } from '../common/deepFreeze.js';
import type { BindingConstraint } from './limit.js';
/**
 * The factor a policy reason rests on, so the explanation layer can name what the policy used.
 * None is a protected characteristic; age appears only as the legal eligibility bound.
 */
export type PolicyFactor =
  | 'eligibility'
  | 'income'
  | 'debt_burden'
  | 'living_costs'
  | 'credit_history'
  | 'credit_enquiries'
  | 'risk_score'
  | 'evidence'
  | 'policy_cap'
  | 'regulatory_cap'
  | 'customer_control';

/** One reason as data: the factor and the text in English and Simplified Chinese side by side. */
export interface PolicyReason {
  readonly factor: PolicyFactor;
  readonly en: string;
  readonly zhHans: string;
}

/**
 * Every stable policy reason code with its factor and text. Codes are part of the public
 * contract: lenders store them, so they are never renamed; new ones are only added.
 */
export const policyReasons = deepFreeze({
  // Knock-outs
  age_below_minimum: { factor: 'eligibility', en: 'Below the minimum age for this product', zhHans: '未达到本产品的最低年龄要求' },
  age_above_maximum: { factor: 'eligibility', en: 'Above the maximum age for this product', zhHans: '超过本产品的最高年龄要求' },
  current_past_due: { factor: 'credit_history', en: 'An account is currently past due', zhHans: '当前有逾期未还的账户' },
  too_many_delinquencies: { factor: 'credit_history', en: 'Too many delinquent accounts in the last 24 months', zhHans: '近24个月逾期账户过多' },
  too_many_enquiries: { factor: 'credit_enquiries', en: 'Too many credit enquiries in the last 6 months', zhHans: '近6个月征信查询次数过多' },
  pd_above_cutoff: { factor: 'risk_score', en: 'Estimated risk of default is above our limit', zhHans: '预估违约风险超出可接受范围' },
  // Raised when one application (or one profile and its reassessments) carries the same document
  // or the same certificate number twice; the text says just that and nothing more.
  duplicate_evidence: {
    factor: 'evidence',
    en: 'The same certificate was submitted more than once in this application',
    zhHans: '本次申请中同一证书被重复提交',
  },
  // Refer conditions
  pd_in_refer_band: { factor: 'risk_score', en: 'Estimated risk of default needs a manual review', zhHans: '预估违约风险需人工审核' },
  self_declared_income_high: { factor: 'income', en: 'Self-declared income needs verification', zhHans: '自报收入较高，需核实' },
  // Limit outcome
  limit_below_product_minimum: { factor: 'policy_cap', en: 'The limit we can offer is below the product minimum', zhHans: '可给予的额度低于产品最低额度' },
  // Binding constraints on the limit
  limit_risk_grade: { factor: 'risk_score', en: 'Limit set by your risk grade and income', zhHans: '额度由风险等级和收入决定' },
  limit_affordability_income_level: { factor: 'income', en: 'Income is below the level needed for a credit line', zhHans: '收入未达到授信所需水平' },
  limit_affordability_debt_service: {
    factor: 'debt_burden',
    en: 'Limit set by your monthly debt repayments relative to income',
    zhHans: '额度受月还款额占收入比例限制',
  },
  limit_affordability_residual_income: {
    factor: 'living_costs',
    en: 'Limit set by what is left of income after living costs and repayments',
    zhHans: '额度受扣除生活开支和还款后的剩余收入限制',
  },
  limit_regulatory_cap: {
    factor: 'regulatory_cap',
    en: 'Limit set by the regulatory cap on the credit lines one lender may grant one borrower, your other lines with us included',
    zhHans: '额度受单一机构对单户授信的监管上限限制（含您在本机构的其他额度）',
  },
  limit_lender_cap: {
    factor: 'policy_cap',
    en: 'Limit set by our own cap on the total credit we extend to one customer, your other lines with us included',
    zhHans: '额度受本机构对单一客户授信总额的内部上限限制（含您在本机构的其他额度）',
  },
  // Eligibility refinements
  student_without_second_source: {
    factor: 'eligibility',
    en: 'Student applicants need a guardian or a second repayment source on file',
    zhHans: '在校学生申请需登记监护人或第二还款来源',
  },
  // Human involvement
  human_review_requested: {
    factor: 'customer_control',
    en: 'You asked for a person to decide: a reviewer will look at the proposed terms',
    zhHans: '您要求由人工作出决定：审核人员将审阅拟定条件',
  },
  human_review_decided: { factor: 'customer_control', en: 'Decided by a person on review', zhHans: '已由人工复核决定' },
  line_closed_by_person: {
    factor: 'customer_control',
    en: 'A person closed or declined this line: only a person may open it again',
    zhHans: '该额度已由人工关闭或拒绝，只能由人工重新开通',
  },
  // Carried, as the close is, by every later decision of a line a person set below what the policy
  // granted (a cut on review: suspected fraud, a customer in hardship), until a person decides again.
  line_cut_by_person: {
    factor: 'customer_control',
    en: 'A person set this line lower on review: only a person may raise it again',
    zhHans: '该额度已由人工复核调低，只能由人工重新调高',
  },
  contest_received: {
    factor: 'customer_control',
    en: 'Your view and new information were received: a person will review the decision',
    zhHans: '已收到您的意见和补充信息：将由人工复核该决定',
  },
  limit_product_max: { factor: 'policy_cap', en: 'Limit set by the product maximum', zhHans: '额度受产品最高额度限制' },
  limit_self_cap: { factor: 'customer_control', en: 'Limit set by the cap you chose', zhHans: '额度受您自行设置的上限限制' },
  limit_requested: { factor: 'customer_control', en: 'Limit set to the amount you asked for', zhHans: '额度按您申请的金额设定' },
  limit_rounded_to_step: {
    factor: 'policy_cap',
    en: 'Limits are granted in whole steps (100 RMB by default), rounded down',
    zhHans: '额度按整档（默认100元）向下取整发放',
  },
  // Reassessment of an existing line
  // Raised when a reassessment runs with another certificate catalog than its prior decision: the
  // kinds the lender recognises, or how much each counts, changed since, so the customer's
  // certificates on file may count otherwise or not at all (findings15-gig #4: a dropped kind read
  // as "few verified certificates" with no word of the change).
  catalog_changed: {
    factor: 'evidence',
    en: 'The certificates we recognise have changed since your last decision: some on file may count differently or not at all',
    zhHans: '自您上次获得决定以来，我们认可的证书范围已调整：已提交的部分证书可能计入方式不同或不再计入',
  },
  // Raised when a certificate the prior decision accepted no longer counts in a reassessment
  // (findings26-lifecycle F2: a held line named neither the IELTS that expired nor the two
  // certificates missing from the update). Which ones, and why, are in `movement.evidenceNoLongerCounted`.
  evidence_expired: {
    factor: 'evidence',
    en: 'A certificate that counted at your last decision has expired: renew it (retake a language test) and upload the new one',
    zhHans: '上次决定时计入的证书已过期：请更新（语言考试需重新参加）并上传新证书',
  },
  evidence_not_in_update: {
    factor: 'evidence',
    en: 'A certificate that counted at your last decision is not in this update: upload it again to have it count',
    zhHans: '上次决定时计入的证书未包含在本次更新中：重新上传后方可计入',
  },
  evidence_no_longer_accepted: {
    factor: 'evidence',
    en: 'A certificate that counted at your last decision did not pass its checks this time: check its details and upload it again',
    zhHans: '上次决定时计入的证书本次未通过核验：请核对证书信息后重新上传',
  },
  line_held_for_review: {
    factor: 'policy_cap',
    en: 'Your current limit is kept as it is until a person reviews it: it is above what we can offer today',
    zhHans: '您当前的额度暂时保持不变，待人工复核：该额度高于目前可给予的额度',
  },
  // Affordability checks failed at the smallest limit the product offers
  income_level_too_low: { factor: 'income', en: 'Income is below the minimum for a credit line', zhHans: '收入低于授信最低要求' },
  debt_service_too_high: { factor: 'debt_burden', en: 'Monthly debt repayments are too high relative to income', zhHans: '月还款额占收入比例过高' },
  residual_income_too_low: {
    factor: 'living_costs',
    en: 'Too little income left after living costs and repayments',
    zhHans: '扣除生活开支和还款后剩余收入过低',
  },
  // Raised when the balance already owed on this line (above any limit the product offers) fails the
  // debt-service or residual-income check by itself: a lower line would not make that debt go away,
  // so the line is not raised or kept, and the customer is told it is the debt.
  balance_owed_unaffordable: {
    factor: 'debt_burden',
    en: 'The balance you already owe on this line is more than your income can repay: no credit can be extended until it is paid down',
    zhHans: '您在本额度上的现有欠款已超出收入可承担的还款能力：在欠款降低之前无法为您提供额度',
  },
  // Reassessment step limits
  step_limit_per_step: { factor: 'policy_cap', en: 'Increase limited to the maximum step per reassessment', zhHans: '单次提额幅度受限' },
  step_limit_window_amount: { factor: 'policy_cap', en: 'Increase limited by the total allowed within the recent period', zhHans: '近期累计提额金额受限' },
  step_limit_window_count: { factor: 'policy_cap', en: 'No further increase allowed within the recent period', zhHans: '近期提额次数已达上限' },
  // Customer controls
  customer_reduction: { factor: 'customer_control', en: 'Limit lowered at your request', zhHans: '已按您的要求降低额度' },
  // A request below the product minimum leaves nothing to grant: not the amount asked (below the
  // smallest line), not the minimum (more than was asked), so the application declines naming it.
  requested_below_product_minimum: {
    factor: 'customer_control',
    en: 'The limit you asked for is below the smallest limit we offer',
    zhHans: '您申请的额度低于本产品的最低额度',
  },
} as const satisfies Record<string, PolicyReason>);

/** A stable policy reason code; see {@link policyReasons}. */
export type PolicyReasonCode = keyof typeof policyReasons;

/**
 * The codes that say a cap set the limit ("Limit set by ..."): the binding cap's reason. Given only
 * where that cap set it, never where a step limit held the limit lower or a knock-out left nothing
 * to grant.
 */
export const CAP_REASONS: ReadonlySet<PolicyReasonCode> = new Set<PolicyReasonCode>([
  'limit_risk_grade',
  'limit_affordability_income_level',
  'limit_affordability_debt_service',
  'limit_affordability_residual_income',
  'limit_regulatory_cap',
  'limit_lender_cap',
  'limit_product_max',
  'limit_self_cap',
  'limit_requested',
]);

/**
 * The cap each "Limit set by ..." reason ({@link CAP_REASONS}) names, and the customer's own
 * reduction (which set their cap): the reason is true of a limit only where that cap, rounded down
 * to the step, is the limit.
 */
export const CAP_OF_LIMIT_REASON: Readonly<Partial<Record<PolicyReasonCode, BindingConstraint>>> = deepFreeze({
  limit_risk_grade: 'risk',
  limit_affordability_income_level: 'affordability',
  limit_affordability_debt_service: 'affordability',
  limit_affordability_residual_income: 'affordability',
  limit_regulatory_cap: 'regulatory',
  limit_lender_cap: 'lender_cap',
  limit_product_max: 'product_max',
  limit_self_cap: 'self_cap',
  limit_requested: 'requested',
  customer_reduction: 'self_cap',
});

/**
 * The codes that say what set, stepped or held a limit (the binding cap, the rounding, the step
 * limits, a held line, the customer's own reduction). They explain a decision's limit, so they are
 * no reason for a decision that sets none for another cause (a knock-out, a person's decline: a
 * line the customer lowered and a person then closed was not closed at their request), and only
 * the reduction itself explains a line the customer's own reduction set.
 */
export const LIMIT_SETTING_REASONS: ReadonlySet<PolicyReasonCode> = new Set<PolicyReasonCode>([
  ...CAP_REASONS,
  'limit_rounded_to_step',
  'step_limit_per_step',
  'step_limit_window_amount',
  'step_limit_window_count',
  'line_held_for_review',
  'customer_reduction',
]);
