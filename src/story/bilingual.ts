import type { BilingualText, Decision } from '../index.js';

/**
 * What set a limit, said to the customer, in both languages: every constraint a Decision of today
 * carries (typed so a new one is a compile error here, not its code shown to a customer: a held line
 * read "your limit is set by line_on_file"). The regulatory cap names no amount: it is the
 * jurisdiction's (none under `eu-ccd2`, another in a lender's own profile), not always 200,000 RMB.
 */
const CONSTRAINT_TEXT: Readonly<Record<Decision['bindingConstraint'], BilingualText>> = {
  risk: { en: 'your risk grade and income', zhHans: '风险等级和收入' },
  affordability: { en: 'what your income can repay after living costs', zhHans: '扣除生活开支后的还款能力' },
  regulatory: { en: 'the regulatory cap on what one lender may grant one borrower', zhHans: '单一机构对单户授信的监管上限' },
  lender_cap: { en: 'our own cap on the credit we extend to one customer', zhHans: '本机构对单一客户授信的内部上限' },
  product_max: { en: 'the product maximum', zhHans: '产品最高额度' },
  self_cap: { en: 'the cap you set yourself', zhHans: '您自行设置的上限' },
  requested: { en: 'the amount you asked for', zhHans: '您申请的金额' },
  step_limit: { en: 'the limit on increases per step', zhHans: '单次提额幅度限制' },
  knockout: { en: 'an eligibility rule the application does not meet', zhHans: '申请未满足的准入规则' },
  product_minimum: { en: 'the product minimum, which no limit we can offer reaches', zhHans: '产品最低额度（可给予的额度达不到该额度）' },
  line_on_file: { en: 'your current line, kept until a person reviews it', zhHans: '您当前的额度（在人工复核前保持不变）' },
  person: { en: 'a person, on review', zhHans: '人工复核' },
};

/**
 * What set the limit, in words: `risk` -> "your risk grade and income". Decision fields may gain
 * new constraints; an unknown one is shown by its code rather than dropped.
 */
export function constraintText(bindingConstraint: string): BilingualText {
  return (CONSTRAINT_TEXT as Readonly<Record<string, BilingualText>>)[bindingConstraint] ?? { en: bindingConstraint, zhHans: bindingConstraint };
}

/**
 * Which repayment a decision's tested monthly payment is (`affordability.paymentPlan`), as a noun
 * phrase in both languages: the dearest way of repaying the line over the policy term, so a payment
 * is never shown without saying which one it is. A decision made before 0.2 has no plan: it tested
 * the revolving line alone, and says so.
 *
 * @example paymentPlanText({ kind: 'instalment', months: 12 }).en // 'the 12-month instalment plan'
 */
export function paymentPlanText(plan: Decision['affordability']['paymentPlan']): BilingualText {
  if (plan === undefined) return { en: 'the revolving line (a decision made before 0.2 names no plan)', zhHans: '循环额度（0.2版之前的决定未注明还款方式）' };
  if (plan.kind === 'instalment') return { en: `the ${plan.months}-month instalment plan`, zhHans: `${plan.months}期分期还款` };
  return { en: `the revolving line repaid over ${plan.months} months`, zhHans: `循环额度分${plan.months}个月还清` };
}

/** The legend of factor signs, shown wherever contributions are. */
export const FACTOR_LEGEND: BilingualText = {
  en: '+ raises risk (and so lowers the limit), - lowers risk; log-odds against the average applicant',
  zhHans: '+ 提高风险（因而降低额度），- 降低风险；相对平均申请人的对数几率',
};
