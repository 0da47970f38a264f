import type { ValidationIssue } from '../errors/validationError.js';
import { protectedValueIssues } from '../text/protectedValue.js';
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

/** Every category-value issue of a feature set: {@link featureCategoryIssues} of each feature and {@link attributeValueIssues}. */
export function featureSetValueIssues(definitions: readonly Pick<FeatureDefinition, 'name' | 'kind' | 'categories'>[], attributes: unknown): ValidationIssue[] {
  return [...definitions.flatMap((d, i) => featureCategoryIssues(d, i)), ...attributeValueIssues(attributes)];
}
