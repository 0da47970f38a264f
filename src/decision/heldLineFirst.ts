import type { PolicyReasonCode } from '../policy/policyReasons.js';
import { LAPSE_REASON } from './evidenceNoLongerCounted.js';

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
 * Knock-outs that decline whatever the evidence (age, the bureau file): under them a certificate
 * that stopped counting moved nothing, and they, not the lapse, are the principal reasons. The PD's
 * own cut-off is not among them: a lapsed certificate raises the PD that crosses it.
 */
const EVIDENCE_BLIND_KNOCKOUTS: ReadonlySet<string> = new Set<PolicyReasonCode>([
  'age_below_minimum',
  'age_above_maximum',
  'current_past_due',
  'too_many_delinquencies',
  'too_many_enquiries',
]);

const LAPSE_CODES: ReadonlySet<string> = new Set(Object.values(LAPSE_REASON));

/**
 * Whether a certificate that stopped counting moved the limit of a decision whose policy reasons
 * are `policyCodes`: it names one (`evidence_expired`, `evidence_not_in_update`,
 * `evidence_no_longer_accepted`) and no knock-out the evidence cannot move leaves nothing to grant.
 * Less support for the PD never raises a limit, so a lapse is a cause of every lower line but those.
 */
export function lapseMovedLimit(policyCodes: readonly string[]): boolean {
  return policyCodes.some((c) => LAPSE_CODES.has(c)) && !policyCodes.some((c) => EVIDENCE_BLIND_KNOCKOUTS.has(c));
}

/**
 * The reasons with a place among the first `room` (the principal reasons' four) kept for each
 * one a customer is owed whatever else caused the decision: `line_held_for_review` (the limit
 * shown is the line on file, held for a person) and, where it moved the limit
 * ({@link lapseMovedLimit} of `policyCodes`), the first certificate that stopped counting (the
 * cause of a lower line: "renew it and upload it"). What caused the decision fills the other
 * places in its order, the rest going behind; every item keeps its order among its own kind, and a
 * list whose owed reasons are already within `room` is returned as it is. Every path orders its
 * principal reasons through this one rule: decide, reassess (alone, in a batch, on a pool),
 * reductions, contests and reviews. A held line whose four were a student rule, a self-declared
 * income and the refer band was told pd_in_refer_band, student_without_second_source,
 * self_declared_income_high, line_held_for_review: held, and not a word of the IELTS that expired.
 *
 * @param policyCodes The decision's policy reason codes (what applied: the knock-outs among them).
 * @param heldPriorNamed For a follow-up of a held line, the principal reason codes of the decision it follows.
 * @example
 * owedWithin(['pd_in_refer_band', 'student_without_second_source', 'self_declared_income_high', 'line_held_for_review', 'evidence_expired'], (c) => c, 4, codes)
 * // ['pd_in_refer_band', 'student_without_second_source', 'line_held_for_review', 'evidence_expired', 'self_declared_income_high']
 */
export function owedWithin<T>(
  items: readonly T[],
  codeOf: (item: T) => string,
  room: number,
  policyCodes: readonly string[],
  heldPriorNamed?: readonly string[],
): T[] {
  // A follow-up of a held line (a contest, a reduction, a referring review) names the lapse its prior
  // named, even where a knock-out the evidence cannot move means it moved nothing: the customer was
  // told of it, and a contest leading the four pushed it out without a word.
  const lapseOwed = lapseMovedLimit(policyCodes) || (heldPriorNamed?.some((c) => LAPSE_CODES.has(c)) ?? false);
  const lapse = lapseOwed ? items.findIndex((x) => LAPSE_CODES.has(codeOf(x))) : -1;
  const owed = new Set<number>();
  const hold = items.findIndex((x) => codeOf(x) === HELD);
  if (hold !== -1) owed.add(hold);
  if (lapse !== -1) owed.add(lapse);
  if ([...owed].every((i) => i < room)) return [...items];
  // The causes keep the places the owed reasons leave, in their order.
  let causes = Math.max(0, room - owed.size);
  const head: T[] = [];
  const tail: T[] = [];
  items.forEach((x, i) => {
    if (owed.has(i)) head.push(x);
    else if (causes > 0) {
      causes--;
      head.push(x);
    } else tail.push(x);
  });
  return [...head, ...tail];
}
