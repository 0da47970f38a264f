import type { BilingualText } from '../index.js';

/** What set a limit, said to the customer, in both languages. Unknown constraints fall back to their code. */
const CONSTRAINT_TEXT: Readonly<Record<string, BilingualText>> = {
  risk: { en: 'your risk grade and income', zhHans: '风险等级和收入' },
  affordability: { en: 'what your income can repay after living costs', zhHans: '扣除生活开支后的还款能力' },
  regulatory: { en: 'the 200,000 RMB per-borrower cap', zhHans: '每位借款人20万元的上限' },
  product_max: { en: 'the product maximum', zhHans: '产品最高额度' },
  self_cap: { en: 'the cap you set yourself', zhHans: '您自行设置的上限' },
  requested: { en: 'the amount you asked for', zhHans: '您申请的金额' },
  step_limit: { en: 'the limit on increases per step', zhHans: '单次提额幅度限制' },
};

/**
 * What set the limit, in words: `risk` -> "your risk grade and income". Decision fields may gain
 * new constraints; an unknown one is shown by its code rather than dropped.
 */
export function constraintText(bindingConstraint: string): BilingualText {
  return CONSTRAINT_TEXT[bindingConstraint] ?? { en: bindingConstraint, zhHans: bindingConstraint };
}

/** The legend of factor signs, shown wherever contributions are. */
export const FACTOR_LEGEND: BilingualText = {
  en: '+ raises risk (and so lowers the limit), - lowers risk; log-odds against the average applicant',
  zhHans: '+ 提高风险（因而降低额度），- 降低风险；相对平均申请人的对数几率',
};
