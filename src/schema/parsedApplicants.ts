import type { Applicant } from './applicant.js';

// Applicants that came out of parseApplicant, by identity. Lets a function that takes applicant
// data (assessEvidence, preparePolicy) trust a parsed one for the price of a lookup and validate
// anything else, so a JavaScript caller passing raw JSON gets a ValidationError, never a TypeError
// or a silently wrong result. A parsed applicant must not be mutated afterwards.
const parsed = new WeakSet<object>();

/** Records `applicant` as the output of `parseApplicant`. */
export function rememberParsed(applicant: Applicant): Applicant {
  parsed.add(applicant);
  return applicant;
}

/** True when `value` is an applicant `parseApplicant` returned. */
export function isParsedApplicant(value: unknown): value is Applicant {
  return typeof value === 'object' && value !== null && parsed.has(value);
}
