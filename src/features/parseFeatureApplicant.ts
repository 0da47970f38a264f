import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { Applicant } from '../schema/applicant.js';
import { safeParseApplicant } from '../schema/parseApplicant.js';
import { rememberParsed } from '../schema/parsedApplicants.js';
import type { FeatureSet } from './featureSet.js';

/**
 * Validates an applicant for a scorer with a feature set: the built-in fields as `parseApplicant`
 * does, and `attributes` by the lender's declared schema (strict: undeclared keys are refused,
 * declared ones validated). Every problem of both is listed in one error. Without declared
 * attributes it is exactly `parseApplicant`.
 *
 * @throws ValidationError listing every problem, `attributes.<name>` paths included
 */
export function parseFeatureApplicant(input: unknown, features: FeatureSet): Applicant {
  const schema = features.attributes;
  if (schema === undefined) {
    const r = safeParseApplicant(input);
    if (!r.ok) throw r.error;
    return r.value;
  }
  let rest: unknown = input;
  let attributes: unknown;
  try {
    if (typeof input === 'object' && input !== null && !Array.isArray(input) && 'attributes' in input) {
      const { attributes: a, ...others } = input as Record<string, unknown>;
      attributes = a;
      rest = others;
    }
  } catch (cause) {
    throw new ValidationError('Applicant', [
      { path: [], code: 'unreadable_input', message: `Input could not be read: ${cause instanceof Error ? cause.name : typeof cause}` },
    ]);
  }
  const base = safeParseApplicant(rest);
  const attrs = schema.safeParse(attributes ?? {});
  const issues: ValidationIssue[] = base.ok ? [] : [...base.error.issues];
  if (!attrs.success)
    for (const issue of ValidationError.fromZod('attributes', attrs.error).issues) issues.push({ ...issue, path: ['attributes', ...issue.path] });
  if (issues.length > 0 || !base.ok || !attrs.success) throw new ValidationError('Applicant', issues);
  // The attributes' shape is the lender's schema, not the built-in (empty) one: the engine passes
  // them through untouched to the lender's own features.
  // Remembered as parsed, so assessEvidence and preparePolicy trust it rather than re-parse it.
  return rememberParsed({ ...base.value, attributes: attrs.data as Applicant['attributes'] });
}
