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
export const CATEGORY_LABELS: Readonly<Record<SpendingCategory, LocalizedText>> = {
  food: { en: 'food and dining', 'zh-Hans': '餐饮' },
  groceries: { en: 'groceries', 'zh-Hans': '超市买菜' },
  transport: { en: 'transport', 'zh-Hans': '交通出行' },
  housing: { en: 'housing', 'zh-Hans': '住房' },
  utilities: { en: 'utilities', 'zh-Hans': '水电燃气' },
  telecom: { en: 'phone and internet', 'zh-Hans': '通讯' },
  education: { en: 'education', 'zh-Hans': '教育' },
  health: { en: 'health', 'zh-Hans': '医疗健康' },
  insurance: { en: 'insurance', 'zh-Hans': '保险' },
  personal_care: { en: 'personal care', 'zh-Hans': '个人护理' },
  entertainment: { en: 'entertainment', 'zh-Hans': '休闲娱乐' },
  shopping: { en: 'shopping', 'zh-Hans': '购物' },
  travel: { en: 'travel', 'zh-Hans': '旅行' },
  transfers: { en: 'transfers', 'zh-Hans': '转账' },
  other: { en: 'other', 'zh-Hans': '其他' },
};
