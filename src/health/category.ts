import { deepFreeze } from '../common/deepFreeze.js';
import { z } from 'zod';
import type { LocalizedText } from './localizedText.js';

/**
 * What a payment was for. Budgets are set per category; `transfers` (money sent to people) counts
 * as spending because it leaves the customer's budget just the same.
 */
export const SpendingCategory = z.enum([
  'food',
  'groceries',
  'transport',
  'housing',
  'utilities',
  'telecom',
  'education',
  'health',
  'insurance',
  'personal_care',
  'entertainment',
  'shopping',
  'travel',
  'transfers',
  'other',
]);
/** What a payment was for. */
export type SpendingCategory = z.infer<typeof SpendingCategory>;

/** Customer-facing name of each category, both languages side by side. */
export const CATEGORY_LABELS: Readonly<Record<SpendingCategory, LocalizedText>> = deepFreeze({
  food: { en: 'food and dining', zhHans: '餐饮' },
  groceries: { en: 'groceries', zhHans: '超市买菜' },
  transport: { en: 'transport', zhHans: '交通出行' },
  housing: { en: 'housing', zhHans: '住房' },
  utilities: { en: 'utilities', zhHans: '水电燃气' },
  telecom: { en: 'phone and internet', zhHans: '通讯' },
  education: { en: 'education', zhHans: '教育' },
  health: { en: 'health', zhHans: '医疗健康' },
  insurance: { en: 'insurance', zhHans: '保险' },
  personal_care: { en: 'personal care', zhHans: '个人护理' },
  entertainment: { en: 'entertainment', zhHans: '休闲娱乐' },
  shopping: { en: 'shopping', zhHans: '购物' },
  travel: { en: 'travel', zhHans: '旅行' },
  transfers: { en: 'transfers', zhHans: '转账' },
  other: { en: 'other', zhHans: '其他' },
});
