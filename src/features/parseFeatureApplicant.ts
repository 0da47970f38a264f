import { refuseArguments } from '../errors/argumentIssues.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { Applicant } from '../schema/applicant.js';
import { safeParseApplicant } from '../schema/parseApplicant.js';
import { compareIssuePaths, issuesWithEvidenceCap } from '../schema/parseApplicantWithZod.js';
import { rememberParsed } from '../schema/parsedApplicants.js';
import { isBlockedPath, readPlainData } from '../schema/readPlainData.js';
import { featureSetIssue, type FeatureSet } from './featureSet.js';
import { protectedAttributeKeyIssues } from './protectedAttributeKeys.js';
import { protectedAttributeTextIssues } from './protectedAttributeText.js';

/**
 * Validates an applicant for a scorer with a feature set: the built-in fields as `parseApplicant`
 * does, and `attributes` by the lender's declared schema (strict: undeclared keys are refused,
 * declared ones validated, a key the schema leaves open, such as a record's, refused when it
 * names a protected characteristic, and free text a feature's `sources` name refused when it names a
 * protected group). Every problem of both is listed in one error. Without declared
 * attributes it is exactly `parseApplicant`.
 *
 * @throws ValidationError listing every problem, `attributes.<name>` paths included; or (subject
 *   `parseFeatureApplicant`) naming `features` when it is not a feature set
 */
export function parseFeatureApplicant(input: unknown, features: FeatureSet): Applicant {
  refuseArguments('parseFeatureApplicant', [featureSetIssue(['features'], features)]);
  return parseWithFeatures(input, features);
}

/** {@link parseFeatureApplicant} with a feature set the engine holds (unchecked: once per decision). */
export function parseWithFeatures(input: unknown, features: FeatureSet): Applicant {
  const schema = features.attributes;
  if (schema === undefined) {
    const r = safeParseApplicant(input);
    if (!r.ok) throw r.error;
    return r.value;
  }
  // The whole record is read into plain data first, the lender's attributes included: zod alone
  // would take a Map as an empty object (a value in it silently gone), let a throwing getter escape
  // as a raw exception, and read a getter again after validation. Parts refused here are issues
  // at their own paths, and the schemas' complaints at or below them are dropped as redundant.
  const read = readPlainData(input);
  let rest: unknown = read.value;
  let attributes: unknown;
  if (typeof rest === 'object' && rest !== null && !Array.isArray(rest) && Object.hasOwn(rest, 'attributes')) {
    const { attributes: a, ...others } = rest as Record<string, unknown>;
    attributes = a;
    rest = others;
  }
  const base = safeParseApplicant(rest);
  const attrs = schema.safeParse(attributes ?? {});
  const unblocked = (i: ValidationIssue) => !isBlockedPath(i.path, read.blocked);
  const issues: ValidationIssue[] = [
    ...issuesWithEvidenceCap(read).filter((i) => i.path[0] !== 'attributes'),
    ...(base.ok ? [] : base.error.issues.filter(unblocked)),
  ].sort(compareIssuePaths);
  issues.push(...read.issues.filter((i) => i.path[0] === 'attributes'));
  if (!attrs.success)
    for (const issue of ValidationError.fromZod('attributes', attrs.error).issues) {
      const at = { ...issue, path: ['attributes', ...issue.path] };
      if (unblocked(at)) issues.push(at);
    }
  // A key the schema leaves open (a record, z.any()) reaches the lender's features as a declared one
  // does; free text a feature reads reaches the model through it.
  else issues.push(...protectedAttributeKeyIssues(attrs.data, ['attributes']), ...protectedAttributeTextIssues(attrs.data, features));
  if (issues.length > 0 || !base.ok || !attrs.success) throw new ValidationError('Applicant', issues);
  // The attributes' shape is the lender's schema, not the built-in (empty) one: the engine passes
  // them through untouched to the lender's own features.
  // Remembered as parsed, so assessEvidence and preparePolicy trust it rather than re-parse it.
  return rememberParsed({ ...base.value, attributes: attrs.data as Applicant['attributes'] });
}
