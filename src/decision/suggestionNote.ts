import { deepFreeze } from '../common/deepFreeze.js';
import type { LimitSetBy } from '../policy/applyPolicy.js';

/** Why no certificate would raise the limit, per constraint, in both languages. */
// Frozen: a note goes into decisions as it is (shared by every decision it explains).
const NOTES: Readonly<Record<LimitSetBy | 'decline', { en: string; zhHans: string }>> = deepFreeze({
  decline: { en: 'No certificate changes this outcome: the reasons above must be resolved first.', zhHans: '上传证书无法改变当前结果，请先解决上述原因。' },
  risk: { en: 'No catalog certificate would lower the estimated risk enough to raise the limit.', zhHans: '目前没有可上传的证书能使风险评估提升额度。' },
  affordability: {
    en: 'Your limit is set by what you can afford to repay; certificates cannot raise it beyond that.',
    zhHans: '您的额度由还款能力决定，证书无法超出该上限。',
  },
  regulatory: {
    en: 'Your limit is at the regulatory cap on what one lender may grant one borrower, your other lines with us included.',
    zhHans: '您的额度（含您在本机构的其他额度）已达单一机构对单户授信的监管上限。',
  },
  lender_cap: {
    en: 'Your limit is at our own cap on the total credit we extend to one customer, your other lines with us included.',
    zhHans: '您的额度（含您在本机构的其他额度）已达本机构对单一客户的授信上限。',
  },
  product_max: { en: 'Your limit is at the product maximum.', zhHans: '您的额度已达产品最高额度。' },
  self_cap: {
    en: 'Your limit is at the cap you set yourself; raise or clear it to allow more.',
    zhHans: '您的额度已达您自行设置的上限，如需提高请调整该上限。',
  },
  step_limit: {
    en: 'Increases are limited per reassessment and within a rolling period; more evidence can count at the next step.',
    zhHans: '单次及近期累计提额幅度有限，更多证书可在下次评估时计入。',
  },
  requested: { en: 'Your limit is the amount you asked for.', zhHans: '您的额度即为您申请的金额。' },
});

/**
 * The note shown when no certificate can raise the limit (or none is suggested, for financial
 * health). The financial-health note speaks of suggestions only: the same decision may raise the
 * line under the policy (the streak is not a policy input), so it never says no higher limit is
 * given, which a customer raised 5.5x in that decision read as a contradiction.
 */
export function suggestionNote(blockedBy: LimitSetBy | 'decline' | 'financial_health', overBudgetMonths = 0): { en: string; zhHans: string } {
  if (blockedBy === 'financial_health') {
    return {
      en: `Your spending has run over your own budget for ${overBudgetMonths} months in a row, so we suggest nothing that would raise your limit further; you can choose a lower one instead.`,
      zhHans: `您已连续${overBudgetMonths}个月支出超出自己的预算，因此我们不再建议进一步提高额度的方式，您可以选择降低额度。`,
    };
  }
  return NOTES[blockedBy];
}

/**
 * The suggestions of a review or a contest: none, and why. A follow-up runs no model, so it cannot
 * preview an upload to itself, and its prior's previews were of uploading to the prior (that line
 * on file, that ledger, no person awaited): after a person's decline the line is closed, and an
 * upload to a contested decision goes to the person reviewing it. The reassessment after a review
 * previews again.
 */
export function followUpSuggestions(what: 'review' | 'contest'): {
  readonly items: readonly [];
  readonly blockedBy: 'human_review';
  readonly note: { readonly en: string; readonly zhHans: string };
} {
  return { items: [], blockedBy: 'human_review', note: FOLLOW_UP_NOTES[what] };
}

const FOLLOW_UP_NOTES = deepFreeze({
  review: {
    en: 'A person decided this limit. Upload a certificate to have your limit reassessed; the reassessment shows what it adds.',
    zhHans: '本额度由人工审核决定。上传证书即可重新评估额度，评估结果会显示证书带来的提升。',
  },
  contest: {
    en: 'A person is reviewing this decision. A certificate you upload now goes to them with it; what it adds is shown once they decide.',
    zhHans: '本决定正在人工复核中。您现在上传的证书将一并提交复核，复核完成后会显示其带来的提升。',
  },
});
