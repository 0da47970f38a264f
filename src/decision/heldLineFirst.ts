import type { PolicyReasonCode } from '../policy/policyReasons.js';

const HELD: PolicyReasonCode = 'line_held_for_review';
const CUSTOMER_REDUCTION: PolicyReasonCode = 'customer_reduction';

/**
 * A decision's reasons in the order every decision gives them, held or not: what caused the
 * decision first (a knock-out, a catalog change, a lapsed certificate on a held prior, the
 * customer's own reduction), then `line_held_for_review` when the line is held, followed at once
 * by `following` (what holds it, a certificate that stopped counting: those not already listed),
 * then whatever says what sets a limit (`setsLimit`: `LIMIT_SETTING_REASONS`, and a model factor
 * among principal reasons). The limit shown on a held line is the line on file held for a person,
 * not what a cap sets today: "Limit set by your income" ahead of the hold reads as if the cap had
 * set the 17,900 RMB kept. A hold already ahead of every limit stays where it is, so a held
 * prior's order (the lapsed certificates it names after the hold) is kept by a reduction of it.
 * Decide, reassess (alone, in a batch, on a pool) and reductions all order their reasons here.
 *
 * @param items The reasons as carried, the hold among them or not.
 * @param codeOf The reason code of one item.
 * @param hold The hold's own item, used when `items` has none; null on a line that is not held,
 *   where `following` alone goes before the first limit (a hold among `items` is left where it is).
 * @param following What follows the hold, or leads the limits of a line not held.
 * @param setsLimit Whether an item says what sets a limit (the customer's reduction aside, which caused it).
 * @example
 * heldLineFirst(['current_past_due', 'limit_risk_grade'], (c) => c, 'line_held_for_review', ['evidence_expired'], isLimit)
 * // ['current_past_due', 'line_held_for_review', 'evidence_expired', 'limit_risk_grade']
 */
export function heldLineFirst<T>(
  items: readonly T[],
  codeOf: (item: T) => string,
  hold: T | null,
  following: readonly T[],
  setsLimit: (item: T) => boolean,
): T[] {
  const limits = (item: T) => codeOf(item) !== HELD && codeOf(item) !== CUSTOMER_REDUCTION && setsLimit(item);
  const added = following.filter((f) => !items.some((x) => codeOf(x) === codeOf(f)));
  const at = hold === null ? -1 : items.findIndex((x) => codeOf(x) === HELD);
  const firstLimit = items.findIndex(limits);
  if (at !== -1 && (firstLimit === -1 || at < firstLimit)) return [...items.slice(0, at + 1), ...added, ...items.slice(at + 1)];
  const rest = at === -1 ? items : items.filter((x) => codeOf(x) !== HELD);
  const found = rest.findIndex(limits);
  const cut = found === -1 ? rest.length : found;
  const lead = hold === null ? [] : [at === -1 ? hold : (items[at] as T)];
  return [...rest.slice(0, cut), ...lead, ...added, ...rest.slice(cut)];
}

/**
 * A held line's reasons with the hold among the first `room` (the principal reasons' four): where
 * what caused the hold would fill them, the hold takes the last place and the cause after it goes
 * behind. A held line lowered at the customer's request behind two knock-outs and the refer band
 * was told customer_reduction, current_past_due, too_many_delinquencies, pd_in_refer_band: held,
 * and not a word of it. Everything else keeps its order; a list without the hold is returned as it is.
 */
export function holdWithin<T>(items: readonly T[], codeOf: (item: T) => string, room: number): T[] {
  const at = items.findIndex((x) => codeOf(x) === HELD);
  if (at < room) return [...items];
  const last = Math.max(0, room - 1);
  return [...items.slice(0, last), items[at] as T, ...items.slice(last, at), ...items.slice(at + 1)];
}
