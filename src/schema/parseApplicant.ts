import type { ValidationError } from '../errors/validationError.js';
import type { Applicant } from './applicant.js';
import { applicantFastParse } from './applicantFastParse.js';
import { NOT_SURE } from './compileFastParse.js';
import { safeParseApplicantWithZod } from './parseApplicantWithZod.js';
import { rememberParsed } from './parsedApplicants.js';

/** Result of {@link safeParseApplicant}: the applicant, or the error listing every problem. */
export type SafeParseApplicantResult = { readonly ok: true; readonly value: Applicant } | { readonly ok: false; readonly error: ValidationError };

/**
 * Validates an applicant without throwing. Never throws at all: input that cannot even be read
 * (a getter that throws, a revoked proxy) is reported as an `unreadable_input` issue.
 *
 * @example
 * const r = safeParseApplicant(json);
 * if (!r.ok) console.log(r.error.issues);
 */
export function safeParseApplicant(input: unknown): SafeParseApplicantResult {
  // A valid applicant (the common case) takes the path compiled from the schema; anything it is
  // not sure about, every invalid input included, takes the zod path, so every error is its own.
  const fast = applicantFastParse();
  if (fast.ok) {
    const value = fast.parse(input);
    if (value !== NOT_SURE) return { ok: true, value: rememberParsed(value as Applicant) };
  }
  return safeParseApplicantWithZod(input);
}

/**
 * Validates an applicant (schema plus cross-field rules) and applies defaults.
 *
 * @throws ValidationError listing every problem at once, each with its path and a stable code
 *   (zod's codes, `too_many_evidence_items`, `birth_date_after_as_of`, `birth_date_implausible`,
 *   `employment_start_after_as_of`, `employment_start_before_birth`, `expiry_before_issue`,
 *   `protected_characteristic`, `unrecognized_key`, `unreadable_input`)
 * @example const applicant = parseApplicant(JSON.parse(body));
 */
export function parseApplicant(input: unknown): Applicant {
  const r = safeParseApplicant(input);
  if (!r.ok) throw r.error;
  return r.value;
}
