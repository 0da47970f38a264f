import type { DecideOptions, Scorer } from '../decision/createScorer.js';
import { DECISION_INPUT_SUBJECTS } from '../decision/decisionInput.js';
import { unvalidatedLedger } from '../decision/limitHistories.js';
import { faultsBeyond } from '../errors/faultsBeyond.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { ApplicantInput } from '../schema/applicant.js';
import type { CliIo } from './cliIo.js';
import { readJsonInput } from './readJsonInput.js';
import { issuesInRecord, readRecordEnvelope } from './score/recordEnvelope.js';

/** Help text of the FILE `decide` and `suggest` read. */
export const DECISION_FILE_HELP = `FILE is one applicant (JSON, see "creditlift schema"), or an existing customer with the ledger
of recent raises its last decision returned, as a "score" line carries it:
  {"applicant": {...}, "limitHistory": [{"asOf": "YYYY-MM-DD", "from": FEN, "to": FEN}, ...]}
Give the ledger for a customer with a line: without it the step limits (so many raises, so much,
in 30 days) cannot hold a raise back. "-" reads standard input. FILE and every file an option names
(--policy, --catalog, a key file, --model) are read once: a stream ("-", a pipe, a device) up to 12 MiB,
refused past that naming the option (save it to a file).`;

/**
 * `decide`/`suggest` FILE as read: the applicant, its ledger as given (the scorer reads it with the
 * applicant), where the applicant sits in the file (`applicant` in an envelope), and the reader's
 * refusal when JSON.parse would have read the file altered or the envelope has a key beside them.
 */
export interface DecisionFile {
  readonly applicant: unknown;
  readonly limitHistory?: unknown;
  readonly at: readonly string[];
  readonly refusal?: ValidationError;
}

/**
 * Reads `decide`/`suggest` FILE: an applicant, or the envelope `score` reads
 * (`{"applicant": {...}, "limitHistory": [...]}`), so the CLI decides an existing customer with
 * its step-limit window as the library and `score` do.
 *
 * @throws CreditliftError `data_invalid` when the text is not JSON
 */
export async function readDecisionFile(path: string, io: CliIo): Promise<DecisionFile> {
  const { value, refusal } = await readJsonInput(path, io);
  const envelope = readRecordEnvelope(value);
  const issues: ValidationIssue[] = [...(refusal?.issues ?? []), ...(envelope.ok ? [] : envelope.issues)];
  const subject = refusal?.subject ?? (path === '-' ? 'standard input' : path);
  return {
    applicant: envelope.applicant,
    ...(envelope.limitHistory === undefined ? {} : { limitHistory: envelope.limitHistory }),
    at: envelope.at,
    ...(issues.length === 0 ? {} : { refusal: new ValidationError(subject, issues, 'data_invalid') }),
  };
}

/**
 * Runs a scorer call (`decide`, `suggest`) on the file's applicant with its ledger. A file its reader
 * refused is not decided: the refusal names the faults the scorer finds in the applicant and ledger
 * too, so one run names every offending field. Faults the scorer names are at their paths in the
 * file (the applicant's under `applicant` in an envelope, the ledger's under `limitHistory`).
 *
 * @throws ValidationError naming every fault; whatever the call throws otherwise
 */
export async function onDecisionFile<T>(
  file: DecisionFile,
  scorer: Scorer,
  call: (applicant: ApplicantInput, options: Pick<DecideOptions, 'limitHistory'>) => Promise<T>,
): Promise<T> {
  // The scorer validates both at run time, with its own feature set (lender attributes included).
  const applicant = file.applicant as ApplicantInput;
  const options = file.limitHistory === undefined ? {} : { limitHistory: unvalidatedLedger(file.limitHistory) };
  if (file.refusal !== undefined) throw await refusalWithFaults(file.refusal, file.at, await scorer.safeDecide(applicant, options));
  try {
    return await call(applicant, options);
  } catch (e) {
    throw inFileTerms(e, file.at);
  }
}

/** The refusal with the faults the scorer found beyond the fields the reader named (see faultsBeyond). */
function refusalWithFaults(refusal: ValidationError, at: readonly string[], checked: Awaited<ReturnType<Scorer['safeDecide']>>): ValidationError {
  if (checked.ok || !(checked.error instanceof ValidationError)) return refusal;
  const more = faultsBeyond(refusal.issues, issuesInRecord(checked.error.issues, at));
  return more.length === 0 ? refusal : new ValidationError(refusal.subject, [...refusal.issues, ...more], 'data_invalid');
}

/** A scorer's input error with its issues at their paths in the file; anything else as it is. */
function inFileTerms(e: unknown, at: readonly string[]): unknown {
  if (at.length === 0 || !(e instanceof ValidationError) || !DECISION_INPUT_SUBJECTS.has(e.subject)) return e;
  return new ValidationError(e.subject, issuesInRecord(e.issues, at), e.code);
}
