import { z } from 'zod';
import { categoryKey, visibleSpelling } from '../text/categoryKey.js';
import { INVISIBLE } from '../text/foldedText.js';

/** Metadata key under which the manifest JSON is stored in the ONNX model's `metadata_props`. */
export const MANIFEST_METADATA_KEY = 'creditlift.manifest';

/** One model input column. */
export const ManifestFeature = z
  .strictObject({
    name: z.string().min(1),
    /** Numeric columns pass through; categorical ones are integer codes into `categories`. */
    kind: z.enum(['numeric', 'categorical']),
    /**
     * For categorical features, required: the category for code 0, 1, 2, ... Unknown categories
     * become NaN.
     */
    categories: z.array(z.string()).optional(),
    /** +1: prediction non-decreasing in the feature; -1: non-increasing; 0: unconstrained. */
    monotone: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
    /** Range seen in training (ignoring missing), for drift and out-of-range checks. */
    trainingRange: z.strictObject({ min: z.number(), max: z.number() }).optional(),
    /** Share of missing values in training. */
    missingShare: z.number().min(0).max(1).optional(),
    description: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    // A data file's columns are matched to features by name as written, and a column so named is
    // refused (columnNameIssues): such a feature could never be fed.
    const seen = f.name.replace(INVISIBLE, '');
    const unseen = seen !== f.name ? 'holds an invisible character' : f.name !== f.name.trim() ? 'has surrounding whitespace' : undefined;
    if (unseen !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `feature "${visibleSpelling(f.name)}" ${unseen}: a data file's columns are matched by name as written and refused so named, so no column could feed it${seen.trim() === '' ? '' : `; write "${seen.trim()}"`}`,
        params: { creditliftCode: 'invalid_column_name' },
      });
    // Without them the codes are a guess (creditlift's own category order is not the order another
    // trainer coded them in), and the PD would move with the guess.
    if (f.kind === 'categorical' && f.categories === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message: `categorical feature "${f.name}" must list its categories in the order the model codes them (code 0 first)`,
        params: { creditliftCode: 'missing_categories' },
      });
    // Code i is the i-th category, so each must be one value train and predict can read: a list
    // read two ways fed one category's rows under the other's code (the later entry won), an empty
    // one is a missing cell, never a category, and none at all scored every row as missing.
    if (f.kind === 'categorical' && f.categories !== undefined && f.categories.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message: `categorical feature "${f.name}" lists no categories: every value would score as missing`,
        params: { creditliftCode: 'missing_categories' },
      });
    if (f.kind === 'numeric' && f.categories !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message: `numeric feature "${f.name}" lists categories, which nothing reads: make it categorical or drop them`,
        params: { creditliftCode: 'unexpected_categories' },
      });
    if (f.kind === 'categorical' && f.categories !== undefined) {
      const codeOf = new Map<string, number>();
      f.categories.forEach((category, code) => {
        const key = categoryKey(category);
        const earlier = codeOf.get(key);
        if (key === '')
          ctx.addIssue({
            code: 'custom',
            path: ['categories', code],
            message: `categorical feature "${f.name}": category ${code} is empty as train and predict read it (a missing cell), so no row could have it`,
            params: { creditliftCode: 'empty_category' },
          });
        else if (earlier !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['categories', code],
            message: `categorical feature "${f.name}": category ${code} "${visibleSpelling(category)}" is code ${earlier} "${visibleSpelling(f.categories?.[earlier] ?? '')}" as train and predict read it: each code must name a different category`,
            params: { creditliftCode: 'duplicate_category' },
          });
        else codeOf.set(key, code);
      });
    }
    // A direction over category codes claims an order the categories do not have (see defineFeatureSet).
    if (f.kind === 'categorical' && f.monotone !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['monotone'],
        message: `categorical feature "${f.name}" claims monotone ${f.monotone}: its category codes have no order a direction could follow (a model trained or imported before this was refused: import it again with "creditlift model import", giving this feature monotone 0 in the spec)`,
        params: { creditliftCode: 'monotone_on_categorical' },
      });
  });
/** One model input column. */
export type ManifestFeature = z.infer<typeof ManifestFeature>;

/**
 * A model's input columns in input order, each name once: the encoder matches columns to features
 * by name, so a name listed twice would feed both columns the same feature, and the model would
 * read it where it was trained on another. Every repeat is named at its own column.
 */
export const ManifestFeatures = z
  .array(ManifestFeature)
  .min(1)
  .superRefine((features, ctx) => {
    const first = new Map<string, number>();
    features.forEach((f, i) => {
      const at = first.get(f.name);
      if (at === undefined) first.set(f.name, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `feature "${f.name}" is listed at columns ${at} and ${i}: each input column must name a different feature`,
          params: { creditliftCode: 'duplicate_feature' },
        });
    });
  });

/**
 * Everything needed to feed a model correctly, stored inside the ONNX file so the file alone is
 * enough: feature names in input order, encodings, monotone directions, training ranges.
 */
export const ModelManifest = z.strictObject({
  format: z.literal('creditlift.manifest/1'),
  name: z.string().min(1),
  version: z.string().min(1),
  /** Name of the model's float tensor input, shape [N, features.length]. */
  inputName: z.string().min(1),
  /** Name of the output holding probabilities, shape [N, 2]; column 1 is P(positive). */
  probabilityOutputName: z.string().min(1),
  target: z.strictObject({ column: z.string(), positive: z.string() }),
  features: ManifestFeatures,
  /** Training parameters, for the model card and reproducibility. */
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  /** Optional metrics on holdout data. */
  metrics: z.record(z.string(), z.number()).optional(),
});
/** Model manifest; see {@link ModelManifest}. */
export type ModelManifest = z.infer<typeof ModelManifest>;
