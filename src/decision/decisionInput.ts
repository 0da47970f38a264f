import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { LimitChange } from '../policy/stepLimit.js';
import type { Applicant } from '../schema/applicant.js';
import { IsoDate } from '../schema/primitives.js';
import { LEDGER_KEY, laterEntryFaults, ledgerFaults } from './limitHistories.js';

/** The subject of an applicant's ValidationError (its schema's, a batch element's). */
const APPLICANT = 'Applicant';

/**
 * The subjects of the errors {@link parseDecisionInput} throws, whose issues are at the input's
 * paths (the applicant's own, the ledger's under `limitHistory`): an error with another subject
 * (a lender feature's values, say) is about something else.
 */
export const DECISION_INPUT_SUBJECTS: ReadonlySet<string> = new Set([APPLICANT, LEDGER_KEY, `${APPLICANT} and ${LEDGER_KEY}`]);

/** What a decision is made on: the applicant and the ledger of its line's recent raises. */
export interface DecisionInput {
  readonly applicant: Applicant;
  readonly limitHistory: readonly LimitChange[];
}

/**
 * The ledger of a call: as given (`undefined`: none), read here with its schema and the applicant's
 * date; or already read with its schema (a batch's shared `limitHistory`, refused as a whole when it
 * is not a ledger), whose dates are still each record's to check.
 */
export type LedgerGiven = { readonly given: unknown } | { readonly parsed: readonly LimitChange[] };

/**
 * Reads an applicant and its ledger together, so that one error names every fault of both: the
 * applicant's (at its own paths) and the ledger's (under `limitHistory`): its schema faults, and
 * each entry dated after the applicant's `asOf` whenever that date is itself valid, even when other
 * fields of the applicant are not. Read one after the other, the first refusal hid the other's
 * faults, and a caller learnt of them one resubmission at a time.
 *
 * @param parseApplicant the scorer's applicant reader (a lender feature set's reads its attributes)
 * @param read gives the input (a batch reads its element here, so a hole is that record's fault, named with its ledger's)
 * @throws ValidationError: the applicant's own (subject `Applicant`) when the ledger is sound, subject
 *   `limitHistory` when only the ledger is at fault, `Applicant and limitHistory` when both are
 */
export function parseDecisionInput(parseApplicant: (input: unknown) => Applicant, read: () => unknown, ledger: LedgerGiven): DecisionInput {
  let input: unknown;
  let applicant: Applicant | undefined;
  let fault: ValidationError | undefined;
  try {
    input = read();
    applicant = parseApplicant(input);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    fault = e;
  }
  const asOf = applicant === undefined ? soundAsOf(input, fault) : applicant.asOf;
  const history = readLedger(ledger, asOf);
  if (history.ok) {
    if (applicant !== undefined) return { applicant, limitHistory: history.value };
    throw fault;
  }
  if (fault === undefined) throw new ValidationError(LEDGER_KEY, history.issues);
  throw new ValidationError(`${fault.subject} and ${LEDGER_KEY}`, [...fault.issues, ...history.issues]);
}

function readLedger(
  ledger: LedgerGiven,
  asOf: string | undefined,
): { readonly ok: true; readonly value: readonly LimitChange[] } | { readonly ok: false; readonly issues: ValidationIssue[] } {
  if ('parsed' in ledger) {
    const dated = asOf === undefined ? [] : laterEntryFaults(ledger.parsed, asOf);
    return dated.length === 0 ? { ok: true, value: ledger.parsed } : { ok: false, issues: dated };
  }
  return ledger.given === undefined ? { ok: true, value: [] } : ledgerFaults(ledger.given, asOf);
}

/**
 * The `asOf` of an applicant the schema refused, when that field itself is sound (a date, and not
 * named by the refusal), so the ledger can still be dated against it; never throws (an input that
 * cannot be read has no date to give).
 */
function soundAsOf(input: unknown, fault: ValidationError | undefined): string | undefined {
  if (fault?.issues.some((i) => i.path.length === 0 || i.path[0] === 'asOf')) return undefined;
  try {
    const asOf = typeof input === 'object' && input !== null ? (input as { asOf?: unknown }).asOf : undefined;
    return IsoDate.safeParse(asOf).success ? (asOf as string) : undefined;
  } catch {
    return undefined;
  }
}
