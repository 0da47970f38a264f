import { deepFreeze } from '../common/deepFreeze.js';
import { z } from 'zod';
import { IsoDate } from '../schema/primitives.js';
import { SpendingCategory } from './category.js';
import { MonthlyBudget, type MonthlyBudgetInput } from './budget.js';
import { progressOf, type ScopeProgress } from './budgetProgress.js';
import type { LocalizedText } from './localizedText.js';
import { lateReminderBudgetMessage, reminderMessage, type BudgetScope } from './messages.js';
import { reachesPercent } from './money.js';
import { Transactions, type TransactionInput } from './transaction.js';
import { isDay, issueCode, parseWith } from './validate.js';
import { monthOf, YearMonth } from './yearMonth.js';

function key(scope: BudgetScope, percent: number): string {
  return `${scope}@${percent}`;
}

/** Thresholds used when the caller gives none: half, most, and all of the budget. */
export const DEFAULT_REMINDER_THRESHOLDS: readonly number[] = deepFreeze([50, 80, 100]);

/** What a reminder is about: `'overall'` or a budgeted category. */
export const ReminderScope = z.union([z.literal('overall'), SpendingCategory]);

/** The most thresholds a reminder may name, in whole percent of budget. */
const MAX_THRESHOLD_PERCENT = 1000;

/**
 * The most entries a state holds: one per scope (overall and each category) and threshold (1 to
 * 1000), 16,000. Every state `budgetReminders` returns holds distinct entries, so it fits, however the
 * thresholds change between runs in a month.
 */
export const MAX_REMINDER_STATE_ENTRIES = (1 + SpendingCategory.options.length) * MAX_THRESHOLD_PERCENT;

/**
 * Which reminders have fired in a month, and the budget that month was judged against. The caller
 * stores it and passes it back on the next run; that is what makes firing idempotent, and what a
 * month's late reminders are judged against once it has ended (a budget changed on the 1st is not
 * the budget the month before had). Plain JSON. An entry repeated is refused (`duplicate_key`):
 * `budgetReminders` never writes one, so it is not a state it returned. A state without `budget`
 * (kept by an earlier version) is read as before, with a warning when it is used.
 */
export const ReminderState = z.strictObject({
  month: YearMonth,
  budget: MonthlyBudget.optional().describe("The budget of the state's month as of the run that wrote it"),
  fired: z
    .array(z.strictObject({ scope: ReminderScope, thresholdPercent: z.number().int().min(1).max(MAX_THRESHOLD_PERCENT) }))
    .max(MAX_REMINDER_STATE_ENTRIES)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((f, i) => {
        const k = key(f.scope, f.thresholdPercent);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `Reminder ${k} appears twice`, ...issueCode('duplicate_key') });
        seen.add(k);
      });
    }),
});
/** Which reminders have fired in a month. */
export type ReminderState = z.infer<typeof ReminderState>;

/** One reminder: a budget reached a threshold for the first time this month. */
export interface BudgetReminder {
  readonly code: 'budget_threshold_reached';
  readonly month: YearMonth;
  readonly scope: BudgetScope;
  /** The threshold reached, in whole percent of the budget. */
  readonly thresholdPercent: number;
  readonly spent: number;
  readonly budget: number;
  readonly shareUsed: number;
  readonly message: LocalizedText;
}

/** Input of {@link budgetReminders}. */
export interface BudgetRemindersInput {
  readonly budget: MonthlyBudgetInput;
  readonly transactions: readonly TransactionInput[];
  readonly asOf: string;
  /** The state returned by the previous run; omit (or pass `null`) on the first run. */
  readonly state?: ReminderState | null;
  /** Thresholds in whole percent of budget (1 to 1000); default {@link DEFAULT_REMINDER_THRESHOLDS}. */
  readonly thresholds?: readonly number[];
}

/**
 * Something the caller should know about a run's reminders: `late_reminders_judged_by_current_budget`
 * when an ended month's late reminders were judged against today's `budget` because its state
 * (written by an earlier version) does not carry the budget of that month.
 */
export interface BudgetReminderWarning {
  readonly code: 'late_reminders_judged_by_current_budget';
  readonly month: YearMonth;
  readonly message: LocalizedText;
}

/** Result of {@link budgetReminders}: reminders to show now, the state to store, and any warnings. */
export interface BudgetRemindersResult {
  readonly reminders: readonly BudgetReminder[];
  readonly state: ReminderState;
  readonly warnings: readonly BudgetReminderWarning[];
}

const RemindersInput = z
  .strictObject({
    budget: MonthlyBudget,
    transactions: Transactions,
    asOf: IsoDate,
    state: ReminderState.nullable().optional(),
    thresholds: z.array(z.number().int().min(1).max(1000)).min(1).max(20).optional(),
  })
  .superRefine((v, ctx) => {
    // A state from a later month means the caller is replaying the past with today's state;
    // resetting it would fire this month's reminders a second time later, so refuse.
    if (v.state && isDay(v.asOf) && YearMonth.safeParse(v.state.month).success && v.state.month > monthOf(v.asOf)) {
      ctx.addIssue({
        code: 'custom',
        path: ['state', 'month'],
        message: `Reminder state for ${v.state.month} is after asOf ${v.asOf}`,
        ...issueCode('state_after_as_of'),
      });
    }
  });

/**
 * Budget reminders as a pure step: (budget, transactions, state, asOf) -> (new reminders, new state).
 *
 * A reminder fires when spending in the `asOf` month reaches a threshold (`spent * 100 >=
 * threshold * budget`, exact in integers) for the overall budget or a budgeted category, and that
 * threshold has not fired for that scope this month. Crossing several thresholds at once fires each
 * of them, lowest first. Running again with the returned state fires nothing new; a state from an
 * earlier month is reset, after the thresholds that month reached and never fired (a late-posted
 * purchase of its last day) fire first, dated that month (`month`; months with no state kept are not
 * looked at). The ended month is judged against the budget its state recorded, never today's: a
 * customer who lowered their budget on the 1st is not told they passed 80% of a budget the month
 * before never had; a state without one (an earlier version's) is judged against `budget` and
 * says so in `warnings`. Falling back under a threshold (a refund) never re-arms it in the month.
 *
 * @example
 * const first = budgetReminders({ budget, transactions, asOf: '2024-05-10' });
 * store(first.state); // pass it back as `state` next time
 */
export function budgetReminders(input: BudgetRemindersInput): BudgetRemindersResult {
  const v = parseWith(RemindersInput, 'budgetReminders', input);
  const month = monthOf(v.asOf);
  const thresholds = [...new Set(v.thresholds ?? DEFAULT_REMINDER_THRESHOLDS)].sort((a, b) => a - b);
  const previous = v.state && v.state.month === month ? v.state.fired : [];
  const fired = new Set<string>();
  const kept: { scope: BudgetScope; thresholdPercent: number }[] = [];
  // Entries are distinct (the schema refuses a repeat), so kept plus the new reminders stay distinct
  // and within MAX_REMINDER_STATE_ENTRIES.
  for (const f of previous) {
    fired.add(key(f.scope, f.thresholdPercent));
    kept.push({ scope: f.scope, thresholdPercent: f.thresholdPercent });
  }
  const progress = progressOf(v.budget, v.transactions, v.asOf);

  const reminders: BudgetReminder[] = [];
  const consider = (p: ScopeProgress, month: YearMonth, fired: Set<string>): void => {
    for (const percent of thresholds) {
      if (!reachesPercent(p.spent, p.budget, percent) || fired.has(key(p.scope, percent))) continue;
      fired.add(key(p.scope, percent));
      reminders.push({
        code: 'budget_threshold_reached',
        month,
        scope: p.scope,
        thresholdPercent: percent,
        spent: p.spent,
        budget: p.budget,
        shareUsed: p.shareUsed,
        message: reminderMessage({ scope: p.scope, month, thresholdPercent: percent, spent: p.spent, budget: p.budget }),
      });
    }
  };
  // The month the state was kept for has ended: a purchase of its last evening posted after that
  // night's run reaches only this run, and its reminders (dated that month) are sent now rather
  // than lost with the reset.
  const warnings: BudgetReminderWarning[] = [];
  if (v.state && v.state.month < month) {
    if (v.state.budget === undefined) {
      warnings.push({ code: 'late_reminders_judged_by_current_budget', month: v.state.month, message: lateReminderBudgetMessage(v.state.month) });
    }
    const ended = progressOf(v.state.budget ?? v.budget, v.transactions, v.asOf, v.state.month);
    const firedThen = new Set(v.state.fired.map((f) => key(f.scope, f.thresholdPercent)));
    consider(ended.overall, v.state.month, firedThen);
    for (const p of ended.categories) consider(p, v.state.month, firedThen);
  }
  const late = reminders.length;
  consider(progress.overall, month, fired);
  for (const p of progress.categories) consider(p, month, fired);

  const state: ReminderState = {
    month,
    fired: [...kept, ...reminders.slice(late).map((r) => ({ scope: r.scope, thresholdPercent: r.thresholdPercent }))],
    budget: v.budget,
  };
  return { reminders, state, warnings };
}
