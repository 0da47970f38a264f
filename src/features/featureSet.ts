import { z } from 'zod';
import { ReadOnlyMap } from '../common/readOnlyMap.js';
import { typeNameOf } from '../errors/argumentIssues.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { featureDefinitions, type FeatureDefinition, type FeatureFactor } from './featureDefinitions.js';
import { undeclaredAttributeSourceIssues } from './undeclaredAttributeSources.js';
import { attributeShapeIssues } from './attributeShapeIssues.js';
import { attributeNameIssues, featureNameIssues } from './featureSetNameIssues.js';
import { attributeValueIssues, featureCategoryIssues, featureReasonIssues } from './featureSetValueIssues.js';
import { categoryKey, visibleSpelling } from '../text/categoryKey.js';

/**
 * The features a scorer can compute and the lender attributes they may read: built-in and lender
 * features declared one way. Build one with {@link defineFeatureSet}; pass it as
 * `createScorer({ features })` and `featurize({ features })`.
 *
 * `TAttributes` is the validated attributes' type, `TAttributesInput` what a caller writes in
 * `applicant.attributes` (the scorer's `decide` takes it, so the lender's schema flows into types).
 */
export interface FeatureSet<TAttributes = never, TAttributesInput = unknown> {
  /** Every feature, in declaration order. */
  readonly definitions: readonly FeatureDefinition<TAttributes>[];
  readonly byName: ReadonlyMap<string, FeatureDefinition<TAttributes>>;
  /** Strict schema of `applicant.attributes` (undeclared keys refused); undefined when none are declared. */
  readonly attributes: z.ZodType | undefined;
  /**
   * Type-level only (never set): what callers write in `applicant.attributes`. The engine itself
   * takes any feature set (`FeatureSet` with its defaults), whatever its attributes' type.
   */
  readonly attributesInput?: TAttributesInput;
}

/** What {@link defineFeatureSet} takes. */
export interface FeatureSetSpec<TShape extends z.ZodRawShape> {
  /**
   * The lender's own applicant attributes, each typed by a zod schema: they arrive as
   * `applicant.attributes.<name>`, are validated (unknown keys still refused) and can be read by
   * features as `ctx.applicant.attributes.<name>`.
   */
  readonly attributes?: TShape;
  /**
   * Every feature the scorer may compute: usually `[...builtInFeatures, ...yours]`. A model may
   * read any of them, in any order; it may not read one that is not here.
   */
  readonly features: readonly FeatureDefinition<z.output<z.ZodObject<TShape, z.core.$strict>>>[];
}

const FACTORS: readonly FeatureFactor[] = [
  'income',
  'stability',
  'debt_burden',
  'credit_history',
  'platform_behaviour',
  'household',
  'certificates',
  'profile',
];
const NAME = /^[a-z][a-z0-9_]*$/;
const builtInNames = new Set(featureDefinitions.map((d) => d.name));

const Text = z.strictObject({ en: z.string().min(1), zhHans: z.string().min(1) });
/**
 * Shape every declared feature must have. The rules between fields (compute, categories against kind,
 * direction of a categorical, data category and reasons of a lender's own) are checked beside it, in
 * defineFeatureSet, so a feature with schema faults still has those named in the same error.
 */
const DeclaredFeature = z.looseObject({
  name: z.string().regex(NAME, 'lower snake case: a-z, 0-9 and _'),
  description: z.string().min(1),
  unit: z.string().min(1),
  sources: z.array(z.string()),
  monotone: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
  factor: z.enum(FACTORS as [FeatureFactor, ...FeatureFactor[]]),
  kind: z.enum(['numeric', 'categorical']),
  categories: z.array(z.string().min(1)).min(1).optional(),
  dataCategory: z.string().min(1).optional(),
  reasons: z.strictObject({ raisesRisk: Text, lowersRisk: Text }).optional(),
});

/**
 * Declares the features a scorer computes and the lender attributes they read, checked once:
 * names unique and snake case, kinds, categories for categorical features, and for a lender's
 * own features a data category and reason texts in English and Simplified Chinese. No feature, no
 * feature source and no attribute (nested keys included) may name a protected characteristic
 * (`sex_male`, `isfemale`, `blood_group`, `attributes.婚姻状况`: code `protected_characteristic` at
 * its path, whatever `dataCategory` the feature declares), nor may a categorical feature's
 * category or a value an attribute's enum or literal fixes name a protected group (`segment` over
 * `male` / `female`, `z.enum(['married', 'divorced'])`: the same code at the category or the
 * attribute; single letters such as `M` / `F` are not read), and a feature whose name or sources read
 * as social-media data (`weibo_followers`) must declare `dataCategory: 'social_media'`
 * (`data_category_mismatch`), nor may a reason text name a protected group (`protected_characteristic`
 * at `features.N.reasons.raisesRisk.en`: it is shown to applicants). A feature is later given only
 * the attributes its `sources` name (reading another is `undeclared_source`; attributeSourceView.ts), is
 * never given the applicant's or a holder's identity (a source naming one, or a read of one, is
 * `personal_identifier`), and built-in text it reads is read for protected groups.
 * Attributes are validated by the lender's zod schemas, strictly:
 * undeclared keys are still refused, and a key a schema leaves open (a record) that names a
 * protected characteristic is refused when the applicant is parsed.
 *
 * @throws ValidationError naming every bad declaration
 * @example
 * const features = defineFeatureSet({
 *   attributes: { internal_behaviour_score: z.number().int().min(0).max(1000).optional() },
 *   features: [...builtInFeatures, {
 *     name: 'internal_behaviour_score', description: 'Our behaviour score', unit: 'points',
 *     sources: ['attributes.internal_behaviour_score'], monotone: -1, factor: 'platform_behaviour',
 *     kind: 'numeric', dataCategory: 'lender_internal',
 *     reasons: { raisesRisk: { en: 'Low behaviour score with us', zhHans: '本机构行为评分较低' }, lowersRisk: { en: 'Good behaviour score with us', zhHans: '本机构行为评分良好' } },
 *     compute: (ctx) => ctx.applicant.attributes.internal_behaviour_score ?? Number.NaN,
 *   }],
 * });
 * const scorer = await createScorer({ model, features });
 */
export function defineFeatureSet<TShape extends z.ZodRawShape = {}>(
  spec: FeatureSetSpec<TShape>,
): FeatureSet<z.output<z.ZodObject<TShape, z.core.$strict>>, z.input<z.ZodObject<TShape, z.core.$strict>>> {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const features = Array.isArray(spec?.features) ? spec.features : [];
  if (!Array.isArray(spec?.features)) issues.push({ path: ['features'], code: 'invalid_type', message: 'features must be an array of feature definitions' });
  features.forEach((f, i) => {
    const parsed = DeclaredFeature.safeParse(f);
    if (!parsed.success)
      for (const issue of ValidationError.fromZod('FeatureDefinition', parsed.error).issues) issues.push({ ...issue, path: ['features', i, ...issue.path] });
    // A feature with schema faults still has every other rule checked, on its fields that are well
    // formed: they used to be told only once the schema faults were fixed, one round at a time.
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return;
    const raw = f as Readonly<Record<string, unknown>>;
    // Named by its index when its name is not text (the schema names that fault).
    const d = { ...raw, name: typeof raw.name === 'string' ? raw.name : `features.${i}` } as FeatureDefinition;
    const at = (key: string) => ['features', i, key];
    if (typeof raw.name === 'string') {
      if (seen.has(raw.name)) issues.push({ path: at('name'), code: 'duplicate_feature', message: `feature "${d.name}" is declared twice` });
      seen.add(raw.name);
    }
    if (typeof d.compute !== 'function') issues.push({ path: at('compute'), code: 'invalid_type', message: `feature "${d.name}" needs a compute function` });
    if (d.kind === 'categorical' && d.categories === undefined)
      issues.push({ path: at('categories'), code: 'missing_categories', message: `categorical feature "${d.name}" must list its categories` });
    if (d.kind === 'numeric' && d.categories !== undefined)
      issues.push({ path: at('categories'), code: 'unexpected_categories', message: `numeric feature "${d.name}" has categories` });
    // A category's code is a place in a list, not an amount: "PD never rises with region" has no
    // meaning, and a trainer constraining the codes would flatten the feature along the list's order.
    if (d.kind === 'categorical' && (d.monotone === 1 || d.monotone === -1))
      issues.push({
        path: at('monotone'),
        code: 'monotone_on_categorical',
        message: `categorical feature "${d.name}" declares monotone ${d.monotone}: its categories have no order a direction could follow; declare 0, or make it numeric`,
      });
    // `train` reads a category canonically (categoryKey): one declared in another spelling (NFD, full
    // width, an invisible character) would come back from a model trained on featurize output as a
    // category the feature never produces.
    if (d.kind === 'categorical' && Array.isArray(d.categories))
      d.categories.forEach((c: unknown, k) => {
        if (typeof c === 'string' && categoryKey(c) !== c)
          issues.push({
            path: [...at('categories'), k],
            code: 'invalid_format',
            message: `feature "${d.name}" category "${visibleSpelling(c)}" is not written as train reads categories (one Unicode form, NFKC; no invisible characters or surrounding spaces): write it "${visibleSpelling(categoryKey(c))}"`,
          });
      });
    // A data category that is not text is the schema's fault: the name rules read none.
    const named = { ...d, dataCategory: typeof d.dataCategory === 'string' && d.dataCategory !== '' ? d.dataCategory : undefined } as FeatureDefinition;
    issues.push(
      ...featureNameIssues(named, i),
      ...featureCategoryIssues(d, i),
      ...featureReasonIssues(d, i),
      ...undeclaredAttributeSourceIssues(d, i, spec?.attributes),
    );
    // A built-in feature passed under its own name is the built-in; a lender's own must say what
    // data it uses and what to tell the customer.
    const isBuiltIn = builtInNames.has(d.name) && featureDefinitions.some((b) => b === f);
    if (!isBuiltIn) {
      if (d.dataCategory === undefined)
        issues.push({ path: at('dataCategory'), code: 'missing_data_category', message: `feature "${d.name}" must declare its dataCategory` });
      if (d.reasons === undefined)
        issues.push({
          path: at('reasons'),
          code: 'missing_reasons',
          message: `feature "${d.name}" must declare reason texts (raisesRisk, lowersRisk) in en and zhHans`,
        });
    }
  });
  issues.push(...attributeShapeIssues(spec?.attributes), ...attributeNameIssues(spec?.attributes), ...attributeValueIssues(spec?.attributes));
  if (issues.length > 0) throw new ValidationError('FeatureSet', issues);
  type Out = z.output<z.ZodObject<TShape, z.core.$strict>>;
  // Frozen, its index read-only: a scorer keeps the set it was created with, and the built-in set is
  // shared by every scorer in the process. The definitions themselves stay the caller's objects.
  const definitions = Object.freeze([...features]) as readonly FeatureDefinition<Out>[];
  return Object.freeze({
    definitions,
    byName: new ReadOnlyMap(
      definitions.map((d) => [d.name, d] as const),
      'a feature set is read-only (scorers read it): declare a changed one with defineFeatureSet',
    ),
    attributes: spec.attributes === undefined ? undefined : z.strictObject(spec.attributes),
  });
}

/** The built-in features, in the default model's input order: spread them into your own set. */
export const builtInFeatures: readonly FeatureDefinition[] = featureDefinitions;

/** The built-in features and no lender attributes: what a scorer computes unless told otherwise. */
export const builtInFeatureSet: FeatureSet = defineFeatureSet({ features: featureDefinitions });

/**
 * An `invalid_type` issue at `path` unless `v` is a feature set (from {@link defineFeatureSet}, or
 * `builtInFeatureSet`); `optional` lets it be left out.
 */
export function featureSetIssue(path: readonly (string | number)[], v: unknown, optional = false): ValidationIssue | undefined {
  if (optional && v === undefined) return undefined;
  const f = v as Partial<FeatureSet> | null;
  const ok =
    typeof f === 'object' &&
    f !== null &&
    Array.isArray(f.definitions) &&
    f.byName instanceof Map &&
    (f.attributes === undefined || typeof (f.attributes as { safeParse?: unknown } | null)?.safeParse === 'function');
  if (ok) return undefined;
  return {
    path: [...path],
    code: 'invalid_type',
    message: `${String(path[path.length - 1] ?? 'features')} must be a feature set from defineFeatureSet`,
    expected: 'FeatureSet',
    received: typeNameOf(v),
  };
}
