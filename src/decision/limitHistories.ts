import { z } from 'zod';
import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { LimitChange, MAX_LEDGER_ENTRIES } from '../policy/stepLimit.js';

// A ledger of recent raises (`limitHistory`), and each record's own in a batch (`limitHistories`):
// read the same way by decide, suggest, decideBatch, the pool and `score`'s input lines. Its bound
// is the step limits' own, well above what a decision carries (at most windowMaxCount + 24 entries
// after a raise, see carriedLedger), so a decision's ledger is always accepted back.

const LimitHistory = z.array(LimitChange).max(MAX_LEDGER_ENTRIES);

/** A ledger as data, or its issues (paths within the ledger). */
export function readLimitHistory(
  h: unknown,
): { readonly ok: true; readonly value: LimitChange[] } | { readonly ok: false; readonly issues: ValidationIssue[] } {
  const r = LimitHistory.safeParse(h);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: validationIssuesFromZod(r.error) };
}

/**
 * A ledger given to a call (none: empty). A record's own entry in `limitHistories` is read by this
 * too, so its error is the one deciding that record alone with that ledger gives, whatever batch,
 * chunk or retry it travelled in.
 *
 * @throws ValidationError (subject `limitHistory`) naming every bad field
 */
export function parseLimitHistory(h: unknown): LimitChange[] {
  if (h === undefined) return [];
  const r = readLimitHistory(h);
  if (!r.ok) throw new ValidationError('limitHistory', r.issues);
  return r.value;
}

/** `limitHistories` as given, if it is an array as long as the batch. @throws ValidationError otherwise (the whole call, as for any bad option) */
export function checkLimitHistories(h: unknown, length: number): readonly unknown[] | undefined {
  if (h === undefined) return undefined;
  if (!Array.isArray(h) || h.length !== length) {
    throw new ValidationError('decideBatch options', [
      {
        path: ['limitHistories'],
        code: 'invalid_length',
        message: `limitHistories must be an array with one entry (a ledger, or undefined) per record: ${length} records, ${Array.isArray(h) ? `${h.length} entries` : 'not an array'}`,
      },
    ]);
  }
  return h;
}

/**
 * A ledger entry dated after the decision is refused: the step-limit window counts back from the
 * decision's date, so such a raise would be skipped and the line could rise past the limits (a
 * ledger kept in another time zone's dates, say), and the decision would carry a ledger out of order.
 *
 * @throws ValidationError (subject `limitHistory`) naming every such entry's `asOf`
 */
export function checkLedgerDates(ledger: readonly LimitChange[], asOf: string): void {
  const issues: ValidationIssue[] = [];
  ledger.forEach((c, i) => {
    // ISO dates compare as strings.
    if (c.asOf > asOf) issues.push({ path: [i, 'asOf'], code: 'out_of_range', message: `a raise dated ${c.asOf}, after the decision's date ${asOf}` });
  });
  if (issues.length > 0) throw new ValidationError('limitHistory', issues);
}
