/**
 * creditlift/health: the budget and bill assistant, the brake beside the accelerator. Budgets and
 * progress, threshold reminders, bill analysis, recurring payments, and the financial-health
 * signals (over-budget streak, lower-limit offer) a scorer reads. Pure functions of their inputs
 * and the caller's `asOf`; money in integer fen; customer text in English and Simplified Chinese.
 * Days and months are Beijing time: a transaction written with an offset counts on its Beijing day.
 * @packageDocumentation
 */
export type { LocalizedText } from './localizedText.js';
export { SpendingCategory, CATEGORY_LABELS } from './category.js';
export { YearMonth } from './yearMonth.js';
export {
  Transaction,
  Transactions,
  TransactionKind,
  PaymentChannel,
  IsoDateTime,
  MAX_TRANSACTIONS,
  MAX_TRANSACTIONS_TOTAL_FEN,
  parseTransactions,
  type TransactionInput,
} from './transaction.js';
export { MonthlyBudget, parseMonthlyBudget, type MonthlyBudgetInput } from './budget.js';
export { Bill, parseBill, billForMonth, type BillInput } from './bill.js';
export type { SpendTotals } from './spendTotals.js';
export type { BudgetScope, Cadence, ComparisonBasis } from './messages.js';
export { formatYuan } from './money.js';
export { merchantKey } from './merchantKey.js';
export { budgetProgress, type BudgetProgress, type BudgetProgressInput, type BudgetStatus, type ScopeProgress } from './budgetProgress.js';
export {
  budgetReminders,
  DEFAULT_REMINDER_THRESHOLDS,
  ReminderScope,
  ReminderState,
  MAX_REMINDER_STATE_ENTRIES,
  type BudgetReminder,
  type BudgetRemindersInput,
  type BudgetRemindersResult,
  type BudgetReminderWarning,
} from './budgetReminders.js';
export { categoryBreakdown, type CategoryBreakdown, type CategoryLine } from './categoryBreakdown.js';
export { monthOverMonth, type MonthOverMonth, type MonthOverMonthOptions, type SpendingChange } from './monthOverMonth.js';
export { largestMerchants, type LargestMerchantsOptions, type MerchantLine } from './largestMerchants.js';
export {
  detectRecurring,
  CADENCE_GAP_DAYS,
  DEFAULT_RECURRING_RULE,
  MAX_PURCHASES_PER_OCCURRENCE,
  type DetectRecurringInput,
  type RecurringPayment,
  type RecurringRule,
} from './recurringPayments.js';
export { analyzeBills, type AnalyzeBillsInput, type BillAnalysis } from './analyzeBills.js';
export { budgetHistory, MonthOutcome, type BudgetHistoryInput } from './budgetHistory.js';
export { overBudgetStreak } from './overBudgetStreak.js';
export {
  recommendLowerLimit,
  LowerLimitInput,
  MIN_OVER_BUDGET_MONTHS,
  LIMIT_STEP_FEN,
  DEFAULT_MINIMUM_LIMIT_FEN,
  STEP_DOWN_PERCENT_PER_MONTH,
  MAX_STEP_DOWN_PERCENT,
  type LowerLimitBasis,
  type LowerLimitRecommendation,
  type LowerLimitReasonCode,
} from './recommendLowerLimit.js';
export type { EarlierBudget } from './budgetInForce.js';
export { healthSummary, type HealthSignals, type HealthSummary, type HealthSummaryInput } from './healthSummary.js';
