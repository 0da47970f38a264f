import type { PolicyReasonCode } from '../policy/policyReasons.js';

const HELD: PolicyReasonCode = 'line_held_for_review';
const CUSTOMER_REDUCTION: PolicyReasonCode = 'customer_reduction';

/**
 * A held line's reasons, in the order every held decision gives them: what caused the decision
 * first (a knock-out, a catalog change, a lapsed certificate, the customer's own reduction), then
 * `line_held_for_review`, followed at once by `holdingBy` (what holds it, not already listed), then
 * whatever says what sets a limit (`setsLimit`: `LIMIT_SETTING_REASONS`, and a model factor among principal reasons). The limit shown is the line on file held for a
 * person, not what a cap sets today: "Limit set by your income" ahead of the hold reads as if the
 * cap had set the 17,900 RMB kept. A hold already ahead of every limit stays where it is, so a held
 * prior's order (the lapsed certificates it names after the hold) is kept.
 *
 * @param items The reasons as carried, the hold among them or not.
 * @param codeOf The reason code of one item.
 * @param hold The hold's own item, used when `items` has none.
 * @param holdingBy What holds the line (an affordability check the line fails), to follow the hold.
 * @param setsLimit Whether an item says what sets a limit (the customer's reduction aside, which caused it).
 */
export function heldLineFirst<T>(items: readonly T[], codeOf: (item: T) => string, hold: T, holdingBy: readonly T[], setsLimit: (item: T) => boolean): T[] {
  const limits = (item: T) => codeOf(item) !== HELD && codeOf(item) !== CUSTOMER_REDUCTION && setsLimit(item);
  const firstLimit = items.findIndex(limits);
  const at = items.findIndex((x) => codeOf(x) === HELD);
  const added = holdingBy.filter((h) => !items.some((x) => codeOf(x) === codeOf(h)));
  if (at !== -1 && (firstLimit === -1 || at < firstLimit)) return [...items.slice(0, at + 1), ...added, ...items.slice(at + 1)];
  const rest = items.filter((x) => codeOf(x) !== HELD);
  const insertAt = rest.findIndex(limits);
  const cut = insertAt === -1 ? rest.length : insertAt;
  return [...rest.slice(0, cut), at === -1 ? hold : (items[at] as T), ...added, ...rest.slice(cut)];
}
