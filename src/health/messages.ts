import { CATEGORY_LABELS, type SpendingCategory } from './category.js';
import type { LocalizedText } from './localizedText.js';
import { formatYuan, wholePercent } from './money.js';
import { monthLabel, type YearMonth } from './yearMonth.js';

// Every sentence the health module shows a customer, English and Simplified Chinese side by side,
// so a wording change is made in one place and both languages move together.

/** What a budget or reminder is about: all spending, or one category. */
export type BudgetScope = 'overall' | SpendingCategory;

/** How a month-over-month comparison was cut. */
export type ComparisonBasis = 'full_month' | 'month_to_date';

/** A recurring payment's rhythm. */
export type Cadence = 'weekly' | 'monthly';

const y = formatYuan;

/** The share of budget used in whole percent, rounded down exactly: 99.67% is 99, never a 100 the 100% reminder has not reached. */
function usedPercent(spent: number, budget: number): number {
  return Number((BigInt(spent) * 100n) / BigInt(budget));
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function scopeBudget(scope: BudgetScope): LocalizedText {
  return scope === 'overall' ? { en: 'monthly', zhHans: '总' } : CATEGORY_LABELS[scope];
}

/** Progress of the overall budget, one sentence per status. */
export function progressMessage(p: {
  month: YearMonth;
  status: 'on_track' | 'at_risk' | 'over';
  spent: number;
  budget: number;
  projected: number;
  daysLeft: number;
  dailyAllowance: number;
}): LocalizedText {
  const m = monthLabel(p.month);
  const pct = usedPercent(p.spent, p.budget);
  switch (p.status) {
    case 'over':
      return {
        en: `You have spent ${y(p.spent)} in ${m.en}, ${y(p.spent - p.budget)} over your ${y(p.budget)} budget.`,
        zhHans: `${m.zhHans}已花${y(p.spent)}，超出预算${y(p.budget)}共${y(p.spent - p.budget)}。`,
      };
    case 'at_risk':
      return {
        en:
          `You have spent ${y(p.spent)} of your ${y(p.budget)} budget for ${m.en} (${pct}%). At this pace you will spend about ` +
          `${y(p.projected)} by month end, ${y(p.projected - p.budget)} over budget; keeping to ${y(p.dailyAllowance)} a day ` +
          `for the ${p.daysLeft} ${p.daysLeft === 1 ? 'day' : 'days'} left keeps you within it.`,
        zhHans:
          `${m.zhHans}已花${y(p.spent)}，预算${y(p.budget)}（已用${pct}%）。按当前节奏，月底预计花${y(p.projected)}，` +
          `超出预算${y(p.projected - p.budget)}；剩下${p.daysLeft}天每天控制在${y(p.dailyAllowance)}以内即可不超预算。`,
      };
    case 'on_track':
      return {
        en: `You have spent ${y(p.spent)} of your ${y(p.budget)} budget for ${m.en} (${pct}%). At this pace you will spend about ${y(p.projected)} by month end, within budget.`,
        zhHans: `${m.zhHans}已花${y(p.spent)}，预算${y(p.budget)}（已用${pct}%）。按当前节奏，月底预计花${y(p.projected)}，在预算之内。`,
      };
  }
}

/** A budget threshold was reached. */
export function reminderMessage(r: { scope: BudgetScope; month: YearMonth; thresholdPercent: number; spent: number; budget: number }): LocalizedText {
  const m = monthLabel(r.month);
  const s = scopeBudget(r.scope);
  const tail = { en: `${y(r.spent)} spent of ${y(r.budget)}.`, zhHans: `已花${y(r.spent)}，预算${y(r.budget)}。` };
  const used = usedPercent(r.spent, r.budget);
  // Spending past the threshold (one purchase can cross several): say both, never "used 1%" beside 8524%.
  if (used > r.thresholdPercent) {
    return {
      en: `Your ${s.en} spending for ${m.en} has passed ${r.thresholdPercent}% of budget: ${y(r.spent)} spent of ${y(r.budget)} (${used}% used).`,
      zhHans: `${m.zhHans}${s.zhHans}支出已超过预算的${r.thresholdPercent}%：已花${y(r.spent)}，预算${y(r.budget)}（已用${used}%）。`,
    };
  }
  if (r.thresholdPercent < 100) {
    return {
      en: `You have used ${r.thresholdPercent}% of your ${s.en} budget for ${m.en}: ${tail.en}`,
      zhHans: `${m.zhHans}${s.zhHans}预算已用${r.thresholdPercent}%：${tail.zhHans}`,
    };
  }
  if (r.thresholdPercent === 100) {
    return {
      en: `You have used all of your ${s.en} budget for ${m.en}: ${tail.en}`,
      zhHans: `${m.zhHans}${s.zhHans}预算已用完：${tail.zhHans}`,
    };
  }
  return {
    en: `Your ${s.en} spending for ${m.en} has reached ${r.thresholdPercent}% of budget: ${tail.en}`,
    zhHans: `${m.zhHans}${s.zhHans}支出已达预算的${r.thresholdPercent}%：${tail.zhHans}`,
  };
}

/**
 * Said beside a month's late reminders judged against today's budget: the state they were kept in
 * (written before states carried their budget) does not say which budget that month had.
 */
export function lateReminderBudgetMessage(month: YearMonth): LocalizedText {
  const m = monthLabel(month);
  return {
    en: `Reminders for ${m.en} are judged against your current budget: the budget you had in ${m.en} was not recorded.`,
    zhHans: `${m.zhHans}的提醒按当前预算判断：未记录${m.zhHans}当时的预算。`,
  };
}

/** A month-over-month change, for the total (`scope` overall) or one category. */
export function changeMessage(c: { scope: BudgetScope; current: number; previous: number; basis: ComparisonBasis }): LocalizedText {
  const label = c.scope === 'overall' ? { en: 'total', zhHans: '总' } : CATEGORY_LABELS[c.scope];
  const sameDays = c.basis === 'month_to_date';
  const lastEn = sameDays ? 'the same days last month' : 'last month';
  const lastZh = sameDays ? '上月同期' : '上月';
  if (c.previous <= 0 && c.current <= 0) {
    return { en: `No ${label.en} spending this month or ${lastEn}.`, zhHans: `本月与${lastZh}均无${label.zhHans}支出。` };
  }
  if (c.previous <= 0) {
    return {
      en: `New ${label.en} spending this month: ${y(c.current)} (none ${lastEn}).`,
      zhHans: `本月新增${label.zhHans}支出${y(c.current)}（${lastZh}无）。`,
    };
  }
  if (c.current <= 0) {
    return { en: `No ${label.en} spending this month (${y(c.previous)} ${lastEn}).`, zhHans: `本月无${label.zhHans}支出（${lastZh}${y(c.previous)}）。` };
  }
  const change = c.current - c.previous;
  const pct = wholePercent(Math.abs(change) / c.previous);
  if (change === 0 || pct === 0) {
    return {
      en: `${capitalize(label.en)} spending is about the same as ${lastEn} (${y(c.current)}).`,
      zhHans: `${label.zhHans}支出与${lastZh}基本持平（${y(c.current)}）。`,
    };
  }
  const up = change > 0;
  return {
    en: `${capitalize(label.en)} spending ${up ? 'rose' : 'fell'} ${pct}% from ${lastEn} (${y(c.previous)} → ${y(c.current)}).`,
    zhHans: `${label.zhHans}支出比${lastZh}${up ? '增加' : '减少'}${pct}%（${y(c.previous)} → ${y(c.current)}）。`,
  };
}

/** One of the largest merchants of a month. */
export function merchantMessage(m: { merchant: string; net: number; purchases: number; share: number }): LocalizedText {
  const pct = wholePercent(m.share);
  return {
    en: `${m.merchant}: ${y(m.net)} over ${m.purchases} payment${m.purchases === 1 ? '' : 's'}, ${pct}% of this month's spending.`,
    zhHans: `${m.merchant}：本月${m.purchases}笔，共${y(m.net)}，占支出的${pct}%。`,
  };
}

/** A payment that repeats weekly or monthly. */
export function recurringMessage(r: {
  merchant: string;
  cadence: Cadence;
  typicalAmount: number;
  occurrences: number;
  lastDate: string;
  monthlyCost: number;
}): LocalizedText {
  const weekly = r.cadence === 'weekly';
  return {
    en:
      `${r.merchant} looks like a ${weekly ? 'weekly' : 'monthly'} payment of about ${y(r.typicalAmount)}, seen ${r.occurrences} times ` +
      `(last on ${r.lastDate}); about ${y(r.monthlyCost)} a month.`,
    zhHans:
      `${r.merchant}疑似${weekly ? '每周' : '每月'}固定支出，每次约${y(r.typicalAmount)}，已出现${r.occurrences}次` +
      `（最近一次${r.lastDate}），约合每月${y(r.monthlyCost)}。`,
  };
}

/** Why a lower limit is (or is not) offered. */
export function lowerLimitMessage(
  r:
    | {
        kind: 'offer';
        basis: 'healthy_limit' | 'spare_income' | 'gradual_step' | 'product_minimum';
        overBudgetMonths: number;
        /** The streak filled the months looked at: it may have begun earlier ("at least N months"). */
        atLeast?: boolean;
        currentLimit: number;
        recommendedLimit: number;
      }
    | { kind: 'not_over_budget_long_enough'; minMonths: number }
    | { kind: 'limit_already_low'; currentLimit: number }
    | { kind: 'budget_not_known'; month: string }
    | { kind: 'no_line' }
    | { kind: 'lowered_this_streak' },
): LocalizedText {
  switch (r.kind) {
    case 'budget_not_known':
      return {
        en: `No lower limit suggested: we do not know what your budget was in ${monthLabel(r.month).en}, so we do not judge that month or the ones before it.`,
        zhHans: `暂不建议降低额度：我们不知道您${monthLabel(r.month).zhHans}的预算，因此不评判该月及之前的月份。`,
      };
    case 'no_line':
      return {
        en: 'No lower limit suggested: there is no credit line to lower.',
        zhHans: '暂不建议降低额度：您目前没有可降低的信用额度。',
      };
    case 'lowered_this_streak':
      return {
        en: 'No further lower limit suggested: you have already lowered your limit since your spending last ran over budget. We will look again after another month.',
        zhHans: '暂不再建议降低额度：您在最近一次超出预算后已降低过额度。下个月我们会再次查看。',
      };
    case 'not_over_budget_long_enough':
      return {
        en: `No lower limit suggested: spending has not run over budget for ${r.minMonths} months in a row.`,
        zhHans: `暂不建议降低额度：支出尚未连续${r.minMonths}个月超出预算。`,
      };
    case 'limit_already_low':
      return {
        en: `No lower limit suggested: your limit of ${y(r.currentLimit)} is already as low as we would suggest.`,
        zhHans: `暂不建议降低额度：您当前的额度${y(r.currentLimit)}已不高于建议水平。`,
      };
    case 'offer': {
      const why: LocalizedText =
        r.basis === 'spare_income'
          ? { en: 'about one month of your income after essential spending', zhHans: '约为您扣除必要开支后一个月的收入' }
          : r.basis === 'healthy_limit'
            ? { en: 'the limit that fits your finances', zhHans: '与您财务状况相符的额度' }
            : r.basis === 'product_minimum'
              ? { en: 'the smallest limit the product offers', zhHans: '本产品的最低额度' }
              : { en: 'a gradual step down', zhHans: '逐步下调' };
      return {
        en:
          `You have spent more than your budget ${r.atLeast ? 'at least ' : ''}${r.overBudgetMonths} months in a row. You can choose to lower your credit limit ` +
          `from ${y(r.currentLimit)} to ${y(r.recommendedLimit)} (${why.en}). Nothing changes unless you choose it.`,
        zhHans:
          `您已连续${r.atLeast ? '至少' : ''}${r.overBudgetMonths}个月超出预算。您可以选择将信用额度从${y(r.currentLimit)}降至${y(r.recommendedLimit)}` +
          `（${why.zhHans}）。只有在您确认后才会调整。`,
      };
    }
  }
}
