import { deepFreeze } from '../common/deepFreeze.js';
import { z } from 'zod';
import { addCalendarMonths } from '../dates/addCalendarMonths.js';
import { calendarDateOf, isoOfCalendarDate } from '../dates/calendarDate.js';
import { calendarDateOfDayNumber } from '../dates/calendarDateOfDayNumber.js';
import { dayNumberOf } from '../dates/dayNumber.js';
import { IsoDate } from '../schema/primitives.js';
import type { SpendingCategory } from './category.js';
import type { LocalizedText } from './localizedText.js';
import { merchantKey } from './merchantKey.js';
import { recurringMessage, type Cadence } from './messages.js';
import { mulDivRound } from './money.js';
import { Transactions, type Transaction, type TransactionInput } from './transaction.js';
import { beijingDayOf } from './beijingTime.js';
import { byTime } from './transactionOrder.js';
import { parseWith } from './validate.js';

/**
 * Gap in calendar days between two consecutive payments that counts as each cadence. Monthly is
 * wide because billing days move with month length (31 Jan -> 28 Feb) and with weekends.
 */
export const CADENCE_GAP_DAYS: Readonly<Record<Cadence, { readonly min: number; readonly max: number }>> = deepFreeze({
  weekly: { min: 6, max: 8 },
  monthly: { min: 25, max: 35 },
});

/** A payment detected as recurring. Money in integer fen, dates `YYYY-MM-DD`. */
export interface RecurringPayment {
  /** The merchant's name as written on the latest occurrence. */
  readonly merchant: string;
  /** The normalised key merchants were grouped by. */
  readonly key: string;
  readonly category: SpendingCategory;
  readonly cadence: Cadence;
  readonly occurrences: number;
  /** Median amount of the occurrences (the lower median for an even count). */
  readonly typicalAmount: number;
  readonly firstDate: string;
  readonly lastDate: string;
  /**
   * `lastDate` plus one week or one calendar month; `null` when that falls after 9999-12-31, a day no
   * `YYYY-MM-DD` can write.
   */
  readonly nextExpectedDate: string | null;
  /** Cost per month: the typical amount, or for weekly payments `typical * 52 / 12` to the nearest fen. */
  readonly monthlyCost: number;
  /** `asOf` is no more than the longest allowed gap after `lastDate`: the payment may still be running. */
  readonly active: boolean;
  /** Ids of the occurrences, oldest first. */
  readonly transactionIds: readonly string[];
  readonly message: LocalizedText;
}

/** Input of {@link detectRecurring}. */
export interface DetectRecurringInput {
  readonly transactions: readonly TransactionInput[];
  /** Transactions dated after `asOf` are ignored. */
  readonly asOf: string;
  /** Relative amount tolerance in whole percent (0 to 100); default 10. */
  readonly tolerancePercent?: number;
  /** Absolute amount tolerance in fen; default 200 (2 RMB), so small amounts are not held to a few fen. */
  readonly toleranceFen?: number;
  /** Fewest consecutive occurrences that make a pattern (2 to 60); default 3. */
  readonly minOccurrences?: number;
}

/** The tolerances of recurring detection. */
export interface RecurringRule {
  readonly tolerancePercent: number;
  readonly toleranceFen: number;
  readonly minOccurrences: number;
}

/**
 * A run is a habit, not a subscription, when the merchant was paid more than this many times per
 * occurrence over the run's span (a takeaway shop visited weekly that happens to bill the same
 * amount on the 28th of each month).
 */
export const MAX_PURCHASES_PER_OCCURRENCE = 2;

/** Tolerances used when the caller gives none: 10%, or 2 RMB for small amounts; 3 occurrences. */
export const DEFAULT_RECURRING_RULE: RecurringRule = deepFreeze({ tolerancePercent: 10, toleranceFen: 200, minOccurrences: 3 });

/** Schema of the tolerances, defaults filled in; shared with `analyzeBills`. */
export const RecurringRuleOptions = z.strictObject({
  tolerancePercent: z.number().int().min(0).max(100).default(DEFAULT_RECURRING_RULE.tolerancePercent),
  toleranceFen: z.number().int().min(0).max(100_000_000).default(DEFAULT_RECURRING_RULE.toleranceFen),
  minOccurrences: z.number().int().min(2).max(60).default(DEFAULT_RECURRING_RULE.minOccurrences),
});

/** 9999-12-31 as a calendar date number: the last day a `YYYY-MM-DD` can write. */
const LAST_CALENDAR_DATE = 99_991_231;

const Input = RecurringRuleOptions.extend({ transactions: Transactions, asOf: IsoDate });

function cadenceOf(gap: number): Cadence | undefined {
  for (const cadence of ['weekly', 'monthly'] as const) {
    const { min, max } = CADENCE_GAP_DAYS[cadence];
    if (gap >= min && gap <= max) return cadence;
  }
  return undefined;
}

/** Groups a merchant's purchases into amount clusters: each within tolerance of the cluster's smallest. */
function amountClusters(purchases: readonly Transaction[], rule: RecurringRule): Transaction[][] {
  const sorted = [...purchases].sort((a, b) => a.amount - b.amount || byTime(a, b));
  const clusters: Transaction[][] = [];
  let anchor = -1;
  for (const t of sorted) {
    const current = clusters[clusters.length - 1];
    const slack = Math.max(rule.toleranceFen, Math.floor((anchor * rule.tolerancePercent) / 100));
    if (current !== undefined && t.amount - anchor <= slack) {
      current.push(t);
    } else {
      clusters.push([t]);
      anchor = t.amount;
    }
  }
  return clusters;
}

/** Each transaction's Beijing day, worked out once: the detection compares days many times over. */
function beijingDays(): (t: Transaction) => string {
  const cache = new Map<Transaction, string>();
  return (t) => {
    let day = cache.get(t);
    if (day === undefined) {
      day = beijingDayOf(t.time);
      cache.set(t, day);
    }
    return day;
  };
}

/**
 * Day numbers per calendar day, computed once per distinct day: a history of thousands of
 * transactions spans a few hundred days, and date parsing dominated the detection's time.
 */
function dayNumbers(dayOf: (t: Transaction) => string): (t: Transaction) => number {
  const cache = new Map<string, number>();
  return (t) => {
    const day = dayOf(t);
    let n = cache.get(day);
    if (n === undefined) {
      // Calendar days, never local midnights: a day the process zone skipped is still a day.
      n = dayNumberOf(calendarDateOf(day));
      cache.set(day, n);
    }
    return n;
  };
}

/** The longest run of consecutive occurrences with one cadence (the latest run on a tie). */
function longestRun(occurrences: readonly Transaction[], dayNumber: (t: Transaction) => number): { start: number; end: number; cadence: Cadence } | undefined {
  let best: { start: number; end: number; cadence: Cadence } | undefined;
  const close = (start: number, end: number, cadence: Cadence | undefined): void => {
    if (cadence !== undefined && (best === undefined || end - start >= best.end - best.start)) best = { start, end, cadence };
  };
  let start = 0;
  let cadence: Cadence | undefined;
  for (let i = 1; i < occurrences.length; i++) {
    const next = cadenceOf(dayNumber(occurrences[i]!) - dayNumber(occurrences[i - 1]!));
    if (next !== undefined && next === cadence) continue;
    close(start, i - 1, cadence);
    start = i - 1;
    cadence = next;
  }
  close(start, occurrences.length - 1, cadence);
  return best;
}

/** The index of the first of the sorted `days` at or after `day` (`days.length` when none is). */
function firstIndexAtOrAfter(days: readonly string[], day: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first of the sorted `days` after `day` (`days.length` when none is). */
function firstIndexAfter(days: readonly string[], day: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Detection on validated transactions; shared by `analyzeBills` and the summary. */
export function recurringOf(transactions: readonly Transaction[], asOf: string, rule: RecurringRule): RecurringPayment[] {
  const dayOf = beijingDays();
  const byMerchant = new Map<string, Transaction[]>();
  for (const t of transactions) {
    if (t.kind !== 'purchase' || dayOf(t) > asOf) continue;
    const k = merchantKey(t.merchant);
    const list = byMerchant.get(k);
    if (list === undefined) byMerchant.set(k, [t]);
    else list.push(t);
  }
  const dayNumber = dayNumbers(dayOf);
  const found: RecurringPayment[] = [];
  for (const [key, purchases] of byMerchant) {
    // The merchant's purchase days, sorted once: the habit check counts those within a run's span by
    // two binary searches instead of scanning every purchase for every cluster (quadratic with zero
    // tolerances, where every amount is its own cluster).
    const days = purchases.map(dayOf).sort();
    for (const cluster of amountClusters(purchases, rule)) {
      // One occurrence per day: two same-day payments are a repeat purchase, not a cadence.
      const occurrences = cluster.sort(byTime).filter((t, i, all) => i === 0 || dayOf(t) !== dayOf(all[i - 1]!));
      const run = longestRun(occurrences, dayNumber);
      if (run === undefined || run.end - run.start + 1 < rule.minOccurrences) continue;
      const items = occurrences.slice(run.start, run.end + 1);
      const last = items[items.length - 1]!;
      const firstDay = dayOf(items[0]!);
      const span = firstIndexAfter(days, dayOf(last)) - firstIndexAtOrAfter(days, firstDay);
      if (span > MAX_PURCHASES_PER_OCCURRENCE * items.length) continue;
      const amounts = items.map((t) => t.amount).sort((a, b) => a - b);
      const typicalAmount = amounts[Math.floor((amounts.length - 1) / 2)]!;
      const lastDate = dayOf(last);
      const lastDay = calendarDateOf(lastDate);
      const next = run.cadence === 'weekly' ? calendarDateOfDayNumber(dayNumberOf(lastDay) + 7) : addCalendarMonths(lastDay, 1);
      const monthlyCost = run.cadence === 'weekly' ? mulDivRound(typicalAmount, 52, 12) : typicalAmount;
      found.push({
        merchant: last.merchant,
        key,
        category: last.category,
        cadence: run.cadence,
        occurrences: items.length,
        typicalAmount,
        firstDate: firstDay,
        lastDate,
        nextExpectedDate: next > LAST_CALENDAR_DATE ? null : isoOfCalendarDate(next),
        monthlyCost,
        active: dayNumberOf(calendarDateOf(asOf)) - dayNumberOf(lastDay) <= CADENCE_GAP_DAYS[run.cadence].max,
        transactionIds: items.map((t) => t.id),
        message: recurringMessage({ merchant: last.merchant, cadence: run.cadence, typicalAmount, occurrences: items.length, lastDate, monthlyCost }),
      });
    }
  }
  return found.sort((a, b) => b.monthlyCost - a.monthlyCost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.typicalAmount - b.typicalAmount);
}

/**
 * Finds recurring payments in a purchase history. The rule, applied to purchases dated on or before `asOf`:
 *
 * 1. Group by merchant ({@link merchantKey}).
 * 2. Within a merchant, cluster amounts: sorted ascending, each cluster holds the amounts within
 *    `max(toleranceFen, tolerancePercent% of its smallest amount)` of its smallest amount.
 * 3. Within a cluster, order by Beijing day (one occurrence per day) and take the longest run of
 *    consecutive gaps of one cadence: weekly 6 to 8 days, monthly 25 to 35 days.
 * 4. A run of at least `minOccurrences` occurrences (default 3) is a recurring payment, unless the
 *    merchant was paid more than twice as many times as the run has occurrences between the run's
 *    first and last day (a habit, not a subscription).
 * 5. A merchant can have several recurring payments of different amounts (two subscriptions).
 *
 * Refunds are ignored. Deterministic and independent of input order. Throws a ValidationError on bad input.
 *
 * @example
 * detectRecurring({ transactions, asOf: '2024-05-31' })[0]?.cadence // 'monthly'
 */
export function detectRecurring(input: DetectRecurringInput): RecurringPayment[] {
  const v = parseWith(Input, 'detectRecurring', input);
  return recurringOf(v.transactions, v.asOf, v);
}
