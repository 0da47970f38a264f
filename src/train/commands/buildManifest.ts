import { z } from 'zod';
import { refuseArguments, schemaIssues } from '../../errors/argumentIssues.js';
import { FeatureEncodingShape } from '../trainArguments.js';
import { ValidationError } from '../../errors/index.js';
import { ModelManifest } from '../../model/manifest.js';
import { PROBABILITY_OUTPUT_NAME } from '../../model/onnx/encodeTreeEnsemble.js';
import type { FeatureEncoding, FeatureStats } from '../dataset/tabularEncoding.js';
import type { GbdtParams } from '../gbdt/gbdtParams.js';
import type { MonotoneDirection } from './parseMonotone.js';

/** Everything a trained CSV model's manifest is made of. */
export interface ManifestParts {
  readonly name: string;
  readonly version: string;
  readonly target: { readonly column: string; readonly positive: string };
  readonly encodings: readonly FeatureEncoding[];
  readonly monotone: readonly MonotoneDirection[];
  readonly stats: readonly FeatureStats[];
  readonly params: GbdtParams;
  readonly metrics?: Readonly<Record<string, number>>;
  /** Further scalar parameters for the model card (e.g. `refit`), appended after the trainer's. */
  readonly extraParams?: Readonly<Record<string, number | string | boolean | null>>;
}

const Scalar = z.union([z.number(), z.string(), z.boolean(), z.null()]);

// What buildManifest reads of its parts; the manifest it builds is then checked by ModelManifest.
const ManifestPartsShape = z
  .object({
    name: z.string(),
    version: z.string(),
    target: z.object({ column: z.string(), positive: z.string() }),
    encodings: z.array(FeatureEncodingShape),
    monotone: z.array(z.union([z.literal(-1), z.literal(0), z.literal(1)])),
    stats: z.array(z.object({ trainingRange: z.object({ min: z.number(), max: z.number() }).optional(), missingShare: z.number() })),
    params: z.record(z.string(), z.unknown()),
    metrics: z.record(z.string(), z.number()).optional(),
    extraParams: z.record(z.string(), Scalar).optional(),
  })
  .superRefine((p, ctx) => {
    for (const key of ['monotone', 'stats'] as const)
      if (p[key].length !== p.encodings.length)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} has ${p[key].length} entries, expected one per encoding (${p.encodings.length})` });
  });

/**
 * Builds and validates the {@link ModelManifest} of a model trained from a CSV: feature names
 * in input order, kinds and category codes, monotone directions, training ranges and missing
 * shares, parameters and holdout metrics. Keys come out in a fixed order so the JSON, and the
 * ONNX file holding it, are byte-identical for identical inputs.
 */
export function buildManifest(parts: ManifestParts): ModelManifest {
  refuseArguments('buildManifest', [schemaIssues(['parts'], parts, ManifestPartsShape)]);
  const { params } = parts;
  const manifest = {
    format: 'creditlift.manifest/1' as const,
    name: parts.name,
    version: parts.version,
    inputName: 'features',
    probabilityOutputName: PROBABILITY_OUTPUT_NAME,
    target: { column: parts.target.column, positive: parts.target.positive },
    features: parts.encodings.map((enc, j) => {
      const s = parts.stats[j]!;
      return {
        name: enc.name,
        kind: enc.kind,
        ...(enc.categories === undefined ? {} : { categories: [...enc.categories] }),
        monotone: parts.monotone[j] ?? 0,
        ...(s.trainingRange === undefined ? {} : { trainingRange: { min: s.trainingRange.min, max: s.trainingRange.max } }),
        missingShare: s.missingShare,
      };
    }),
    // Monotone directions live on the features; the rest are scalars a model card can print.
    params: {
      trainer: 'creditlift-gbdt',
      objective: 'binary:logistic',
      rounds: params.rounds,
      learningRate: params.learningRate,
      maxDepth: params.maxDepth,
      minChildWeight: params.minChildWeight,
      lambda: params.lambda,
      gamma: params.gamma,
      subsample: params.subsample,
      colsampleByTree: params.colsampleByTree,
      maxBins: params.maxBins,
      seed: params.seed,
      earlyStoppingRounds: params.earlyStoppingRounds ?? null,
      validationFraction: params.validationFraction ?? null,
      ...parts.extraParams,
    },
    ...(parts.metrics === undefined ? {} : { metrics: { ...parts.metrics } }),
  };
  const parsed = ModelManifest.safeParse(manifest);
  if (!parsed.success) throw ValidationError.fromZod('ModelManifest', parsed.error);
  return parsed.data;
}
