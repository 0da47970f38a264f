import type { ValidationIssue } from '../errors/validationError.js';
import { truncateForMessage } from '../errors/truncateForMessage.js';
import { protectedValueIssues, protectedValueOf } from '../text/protectedValue.js';
import { declaredAttributeValues } from './declaredAttributeNames.js';
import type { FeatureDefinition } from './featureDefinitions.js';

/**
 * A `protected_characteristic` issue at `features.<index>.categories.<k>` for each category of a
 * categorical feature that names a protected group (`segment` over `male` / `female`, `cohort` over
 * `已婚` / `未婚`): whatever the feature is called, the model would tell applicants apart by it.
 */
export function featureCategoryIssues(def: Pick<FeatureDefinition, 'name' | 'kind' | 'categories'>, index: number): ValidationIssue[] {
  if (def.kind !== 'categorical' || !Array.isArray(def.categories)) return [];
  // A category that is not text is refused by the feature set's schema; only text names a group.
  const text = def.categories.map((c, k) => ({ c, k })).filter((e): e is { c: string; k: number } => typeof e.c === 'string');
  return protectedValueIssues(
    text.map((e) => e.c),
    (i) => ['features', index, 'categories', text[i]?.k ?? i],
    `feature "${def.name}"`,
  );
}

/**
 * A `protected_characteristic` issue at `features.<index>.reasons.<raisesRisk | lowersRisk>.<en |
 * zhHans>` for each reason text that names a protected group (`'Applicants who are married'`,
 * `'女性客户'`), read as category values are: what an applicant is told drove the decision must not
 * tell them their group did. Texts that are not strings are the feature set schema's to refuse.
 */
export function featureReasonIssues(def: Pick<FeatureDefinition, 'name' | 'reasons'>, index: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const direction of ['raisesRisk', 'lowersRisk'] as const)
    for (const language of ['en', 'zhHans'] as const) {
      const text: unknown = (def.reasons?.[direction] as Partial<Record<string, unknown>> | undefined)?.[language];
      if (typeof text !== 'string') continue;
      const found = protectedValueOf(text);
      if (found !== null)
        issues.push({
          path: ['features', index, 'reasons', direction, language],
          code: 'protected_characteristic',
          message: `feature "${def.name}" reason text "${truncateForMessage(text)}" names a protected characteristic (${found.characteristic}: "${found.term}"); it is shown to applicants as what drove their decision: reword it`,
        });
    }
  return issues;
}

/**
 * A `protected_characteristic` issue at `attributes.<path>` for each value an attribute schema fixes
 * (an enum's options, a literal) that names a protected group (`segment: z.enum(['male', 'female'])`):
 * whatever the attribute is called, a feature reading it carries the group into the model.
 *
 * @param attributes the `attributes` shape of `defineFeatureSet`, or a feature set's attribute schema
 */
export function attributeValueIssues(attributes: unknown): ValidationIssue[] {
  return declaredAttributeValues(attributes).flatMap(({ values, path }) =>
    protectedValueIssues(values, () => ['attributes', ...path], `attribute "${path.join('.')}"`, ', whatever feature reads it'),
  );
}

/**
 * Every protected-value issue of a feature set: {@link featureCategoryIssues} and
 * {@link featureReasonIssues} of each feature, and {@link attributeValueIssues}.
 */
export function featureSetValueIssues(
  definitions: readonly Pick<FeatureDefinition, 'name' | 'kind' | 'categories' | 'reasons'>[],
  attributes: unknown,
): ValidationIssue[] {
  return [...definitions.flatMap((d, i) => [...featureCategoryIssues(d, i), ...featureReasonIssues(d, i)]), ...attributeValueIssues(attributes)];
}
