import { z } from 'zod';
import { ValidationError } from '../../errors/index.js';
import { readSchemaOptions } from '../../schema/readSchemaOptions.js';

/** The largest seed: the generator keeps 32 bits, so a larger one would draw the stream of a smaller one. */
export const MAX_SEED = 2 ** 32 - 1;
/** What a seed must be, said wherever one is refused. */
export const SEED_RANGE_TEXT = `a whole number from 0 to ${MAX_SEED} (the generator keeps 32 bits: ${2 ** 32 + 1} would train the model of 1, and -1 that of ${MAX_SEED})`;

/**
 * Hyper-parameters of {@link trainGbdt}. Names and defaults follow XGBoost's where one exists
 * (`eta` is `learningRate`, `min_split_loss` is `gamma`) so a model card reads the same in both.
 */
export const GbdtParams = z.strictObject({
  /** Number of boosting rounds (trees). */
  rounds: z.number().int().min(1).max(100_000).default(300),
  /** Shrinkage applied to every leaf. */
  learningRate: z.number().gt(0).max(1).default(0.05),
  /** Maximum depth of a tree (root has depth 0). */
  maxDepth: z.number().int().min(1).max(16).default(4),
  /** Minimum hessian sum in each child of a split. */
  minChildWeight: z.number().min(0).default(1),
  /** L2 regularisation on leaf weights. */
  lambda: z.number().min(0).default(1),
  /** Minimum loss reduction a split must bring (XGBoost `gamma` / `min_split_loss`). */
  gamma: z.number().min(0).default(0),
  /** Share of rows sampled (without replacement, per row coin flip) for each tree. */
  subsample: z.number().gt(0).max(1).default(1),
  /** Share of features sampled for each tree. */
  colsampleByTree: z.number().gt(0).max(1).default(1),
  /** Maximum number of histogram bins per feature (missing values get their own extra bin). */
  maxBins: z.number().int().min(2).max(4096).default(256),
  /**
   * Per-feature monotone direction: +1 non-decreasing, -1 non-increasing, 0 free. The law holds
   * between any two non-missing values; a missing value follows its learned branch and is not ordered.
   */
  monotone: z.array(z.union([z.literal(-1), z.literal(0), z.literal(1)])).optional(),
  /** Seed of every random choice (subsampling, validation split): a whole number from 0 to 2^32-1. */
  seed: z
    .number()
    .int({ error: `seed must be ${SEED_RANGE_TEXT}` })
    .min(0, { error: `seed must be ${SEED_RANGE_TEXT}` })
    .max(MAX_SEED, { error: `seed must be ${SEED_RANGE_TEXT}` })
    .default(0),
  /** Stop when validation log-loss has not improved for this many rounds; keep the best round. At most `rounds`' own maximum. */
  earlyStoppingRounds: z.number().int().min(1).max(100_000).optional(),
  /** Share of the data held out (seeded) as the validation set when no explicit one is given. */
  validationFraction: z.number().gt(0).lt(1).optional(),
});
/** Parameters as the caller writes them; every field has a default. */
export type GbdtParamsInput = z.input<typeof GbdtParams>;
/** Parameters with defaults filled in. */
export type GbdtParams = z.output<typeof GbdtParams>;

/** Fills defaults and checks ranges; throws a {@link ValidationError} listing every bad field. */
export function resolveGbdtParams(input: GbdtParamsInput = {}): GbdtParams {
  const parsed = gbdtParamsRead(input);
  if (!parsed.ok) throw new ValidationError('GbdtParams', parsed.issues);
  return parsed.data;
}

/**
 * {@link resolveGbdtParams} for a caller that lists these faults with others of its own call (the
 * trainer, with its data's): the parameters, or every bad field.
 */
export function gbdtParamsRead(input: unknown): ReturnType<typeof readSchemaOptions<typeof GbdtParams>> {
  // Read once as plain data, then parsed: a getter or Proxy is refused by name, never thrown raw.
  return readSchemaOptions(input, GbdtParams);
}
