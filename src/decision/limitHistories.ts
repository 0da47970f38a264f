import { z } from 'zod';
import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { LimitChange, MAX_LEDGER_ENTRIES } from '../policy/stepLimit.js';
import { IsoDate } from '../schema/primitives.js';

// A ledger of recent raises (`limitHistory`), and each record's own in a batch (`limitHistories`):
// read the same way by decide, suggest, decideBatch, the pool and `score`'s input lines. Its bound
// is the step limits' own, well above what a decision carries (at most windowMaxCount + 24 entries
// after a raise, see carriedLedger), so a decision's ledger is always accepted back.

const LimitHistory = z.array(LimitChange).max(MAX_LEDGER_ENTRIES);

/**
 * Where a ledger's issues sit: under `limitHistory`, the option's own name (`limitHistory.1.from`),
 * alone or beside an applicant's issues (an applicant has no such field), so one fault has one path
 * whatever else is wrong, in process and in a `score` line's `{"applicant", "limitHistory"}` alike.
 */
export const LEDGER_KEY = 'limitHistory';

/**
 * Whether an issue of a decision's input error is the ledger's rather than the applicant's: at a
 * path under `limitHistory`, except the applicant's own unknown key of that name (a ledger is a list,
 * so no `unrecognized_key` issue is ever at its root).
 */
export function isLedgerIssue(issue: ValidationIssue): boolean {
  return issue.path[0] === LEDGER_KEY && !(issue.path.length === 1 && issue.code === 'unrecognized_key');
}

const underLedger = (issues: readonly ValidationIssue[]): ValidationIssue[] => issues.map((i) => ({ ...i, path: [LEDGER_KEY, ...i.path] }));

/**
 * Every fault of a ledger given for a decision dated `asOf`, at paths under `limitHistory`, in
 * entry order: the schema's, and each entry dated after the decision (undefined `asOf`: the
 * applicant's own date is at fault, so no entry can be compared with it). An entry with other
 * faults is still dated, so a caller learns of all of them at once.
 */
export function ledgerFaults(
  h: unknown,
  asOf: string | undefined,
): { readonly ok: true; readonly value: LimitChange[] } | { readonly ok: false; readonly issues: ValidationIssue[] } {
  const r = LimitHistory.safeParse(h);
  if (r.success) {
    const dated = asOf === undefined ? [] : laterEntryFaults(r.data, asOf);
    return dated.length === 0 ? { ok: true, value: r.data } : { ok: false, issues: dated };
  }
  // An entry the schema refuses may still be dated after the decision: named too, in entry order
  // (a whole-ledger issue first; the sort is stable, so each entry's fields stay in the order found).
  const dated = asOf !== undefined && Array.isArray(h) ? laterEntries(h as readonly unknown[], asOf, givenDate) : [];
  const entry = (i: ValidationIssue) => (typeof i.path[0] === 'number' ? i.path[0] : -1);
  return { ok: false, issues: underLedger([...validationIssuesFromZod(r.error), ...dated].sort((a, b) => entry(a) - entry(b))) };
}

/** Issues (paths within the ledger) of the entries dated after `asOf`; an entry without a date (`dateOf` undefined) is the schema's to name. */
function laterEntries<T>(ledger: readonly T[], asOf: string, dateOf: (entry: T) => string | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  ledger.forEach((c, i) => {
    const date = dateOf(c);
    // ISO dates compare as strings.
    if (date !== undefined && date > asOf)
      issues.push({ path: [i, 'asOf'], code: 'out_of_range', message: `a raise dated ${date}, after the decision's date ${asOf}` });
  });
  return issues;
}

/** A given entry's `asOf` when it is a date; never throws (an entry that cannot be read is the schema's fault). */
function givenDate(c: unknown): string | undefined {
  try {
    const d = typeof c === 'object' && c !== null ? (c as { asOf?: unknown }).asOf : undefined;
    return IsoDate.safeParse(d).success ? (d as string) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A ledger given to a call (none: empty), by its schema alone: a batch's shared `limitHistory`,
 * refused as a whole like any bad option; its dates are each record's (see `parseDecisionInput`).
 *
 * @throws ValidationError (subject `limitHistory`) naming every bad field, at paths under `limitHistory`
 */
export function parseLimitHistory(h: unknown): LimitChange[] {
  if (h === undefined) return [];
  const r = ledgerFaults(h, undefined);
  if (!r.ok) throw new ValidationError(LEDGER_KEY, r.issues);
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
 * The calls that take a ledger check it with the applicant (`parseDecisionInput`); this is the
 * plan's own guard, for a ledger that came another way (a prior decision's).
 *
 * @throws ValidationError (subject `limitHistory`) naming every such entry's `asOf`, at `limitHistory.<i>.asOf`
 */
export function checkLedgerDates(ledger: readonly LimitChange[], asOf: string): void {
  const issues = laterEntryFaults(ledger, asOf);
  if (issues.length > 0) throw new ValidationError(LEDGER_KEY, issues);
}

/** The entries of a ledger read with its schema that are dated after `asOf`, at `limitHistory.<i>.asOf`. */
export function laterEntryFaults(ledger: readonly LimitChange[], asOf: string): ValidationIssue[] {
  return underLedger(laterEntries(ledger, asOf, (c) => c.asOf));
}

/**
 * Ledgers as an input file gave them, not yet validated, typed as `decideBatch` takes them: the
 * scorer reads each one with the ledger schema and the record's date (a bad one is that record's own
 * error, beside its applicant's faults), so nothing between the reader and the scorer may trust
 * this type.
 */
export function unvalidatedLedgers(h: readonly unknown[]): readonly (readonly LimitChange[] | undefined)[] {
  return h as readonly (readonly LimitChange[] | undefined)[];
}

/** One ledger as an input file gave it, typed as `decide` takes it: see {@link unvalidatedLedgers}. */
export function unvalidatedLedger(h: unknown): readonly LimitChange[] {
  return h as readonly LimitChange[];
}
