import type { Applicant } from './applicant.js';
import { parseApplicant } from './parseApplicant.js';
import { isParsedApplicant } from './parsedApplicants.js';

/**
 * The applicant a public function was given, validated: a `parseApplicant` result as it is
 * (a lookup), anything else through `parseApplicant` (schema, cross-field rules, defaults).
 *
 * @throws ValidationError naming every field at fault.
 */
export function checkedApplicant(value: unknown): Applicant {
  return isParsedApplicant(value) ? value : parseApplicant(value);
}
