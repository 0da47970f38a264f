import type { ValidationIssue } from '../errors/validationError.js';
import { protectedNameIssues } from '../text/protectedCharacteristic.js';
import { socialMediaCategoryIssues } from '../text/socialMediaName.js';
import { declaredAttributeNames } from './declaredAttributeNames.js';
import { dataCategoryOf } from './featureDataCategories.js';
import type { FeatureDefinition } from './featureDefinitions.js';
import { personalIdentifierSourceIssues } from './personalIdentifiers.js';

/**
 * The name rules of one feature, at `features.<index>`: its name and each of its `sources` must not
 * name a protected characteristic (`sex_male`, `attributes.婚姻状况`: code
 * `protected_characteristic`, whatever `dataCategory` it declares), and a feature whose name or
 * sources read as social-media data (`weibo_followers`) must declare `dataCategory: 'social_media'`,
 * so a profile that bans it (EU CCD2) refuses it. No source may name a personal identifier
 * (`identity.name`, `evidence.holder`: code `personal_identifier`; personalIdentifiers.ts).
 */
export function featureNameIssues(def: Pick<FeatureDefinition, 'name' | 'sources' | 'dataCategory'>, index: number): ValidationIssue[] {
  // Each text source with its own index: one that is not text (the schema's fault) must not shift the paths of those after it.
  const sources = (Array.isArray(def.sources) ? (def.sources as readonly unknown[]) : [])
    .map((text, k) => ({ text, k }))
    .filter((e): e is { text: string; k: number } => typeof e.text === 'string');
  const category = dataCategoryOf(def);
  return [
    ...protectedNameIssues([def.name], () => ['features', index, 'name']),
    ...protectedNameIssues(
      sources.map((e) => e.text),
      (j) => ['features', index, 'sources', sources[j]?.k ?? j],
      `feature "${def.name}" source`,
    ),
    ...personalIdentifierSourceIssues(def, index),
    // A feature with no category at all is refused as such (missing_data_category) by defineFeatureSet.
    ...(category === undefined
      ? []
      : socialMediaCategoryIssues(
          [{ text: def.name, where: 'its name' }, ...sources.map(({ text, k }) => ({ text, where: `sources.${k}` }))],
          category,
          ['features', index, 'dataCategory'],
          `feature "${def.name}"`,
        )),
  ];
}

/**
 * A `protected_characteristic` issue at `attributes.<path>` for every attribute name the lender's
 * schema declares that names a protected characteristic (`sex_male`, `Personal.Female`,
 * `婚姻状况`, a nested `personal.female`): whatever feature reads it and whatever that feature is
 * called, the attribute carries the characteristic into the model.
 *
 * @param attributes the `attributes` shape of `defineFeatureSet`, or a feature set's attribute schema
 */
export function attributeNameIssues(attributes: unknown): ValidationIssue[] {
  const declared = declaredAttributeNames(attributes);
  return protectedNameIssues(
    declared.map((d) => d.name),
    (i) => ['attributes', ...(declared[i]?.path ?? [])],
    'attribute',
    ', whatever feature reads it',
  );
}

/** Every name issue of a feature set: {@link featureNameIssues} of each feature and {@link attributeNameIssues}. */
export function featureSetNameIssues(
  definitions: readonly Pick<FeatureDefinition, 'name' | 'sources' | 'dataCategory'>[],
  attributes: unknown,
): ValidationIssue[] {
  return [...definitions.flatMap((d, i) => featureNameIssues(d, i)), ...attributeNameIssues(attributes)];
}
