import { parseStrictJson } from '../json/parseStrictJson.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { faultsBeyond } from '../errors/faultsBeyond.js';
import { ValidationError } from '../errors/validationError.js';
import type { Scorer } from '../decision/createScorer.js';
import { readTextInput, type CliIo } from './cliIo.js';

/**
 * One JSON document read from a file or `-` (stdin): its value, or, when JSON.parse would have read
 * it silently altered (a repeated key, a fraction a double rounds to an integer), the value as read
 * and the refusal naming every such issue at its own path (a ValidationError `data_invalid`,
 * subject: the file). See {@link refuseWithApplicantFaults} for an applicant.
 */
export type JsonInput = { readonly value: unknown; readonly refusal?: ValidationError };

/**
 * Reads and parses one JSON document from a file or `-` (stdin). Text that is not JSON is a
 * CreditliftError `data_invalid` naming the file (thrown); a text JSON.parse would read altered is
 * returned with its `refusal`, never to be used as it stands.
 */
export async function readJsonInput(path: string, io: CliIo): Promise<JsonInput> {
  const raw = await readTextInput(path, io);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const name = path === '-' ? 'standard input' : path;
  const read = parseStrictJson(text);
  if (read.ok) return { value: read.value };
  const [first] = read.issues;
  if (read.parsed === undefined) throw new CreditliftError('data_invalid', `${name}: ${first?.message ?? 'not valid JSON'}`);
  return { value: read.parsed.value, refusal: new ValidationError(name, read.issues, 'data_invalid') };
}

/**
 * The refusal of an applicant file with the faults the scorer's own schema finds in the applicant
 * added (lender attributes included), so one run names every offending field: the reader's
 * refusal alone named them only after its own issues were mended.
 */
export async function refuseWithApplicantFaults(refusal: ValidationError, applicant: unknown, scorer: Scorer): Promise<ValidationError> {
  const checked = await scorer.safeDecide(applicant);
  if (checked.ok || !(checked.error instanceof ValidationError)) return refusal;
  const more = faultsBeyond(refusal.issues, checked.error.issues, []);
  return more.length === 0 ? refusal : new ValidationError(refusal.subject, [...refusal.issues, ...more], 'data_invalid');
}
