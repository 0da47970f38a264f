import { everyKeyOf, refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { readKnownFields, readRequiredOptions, type OptionsRead } from '../../errors/readOptions.js';
import { z } from 'zod';
import { CreditliftError } from '../../errors/creditliftError.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import { coversFromBackground, type BackgroundSample } from '../../explain/coversFromBackground.js';
import { protectedNameIssues } from '../../text/protectedCharacteristic.js';
import { protectedValueIssues } from '../../text/protectedValue.js';
import { type ManifestFeature, ManifestFeatures, MANIFEST_METADATA_KEY, ModelManifest } from '../manifest.js';
import { decodeTreeEnsembleModel } from '../onnx/decodeTreeEnsemble.js';
import { encodeTreeEnsembleModel, PROBABILITY_OUTPUT_NAME } from '../onnx/encodeTreeEnsemble.js';
import type { TreeEnsemble } from '../treeEnsemble.js';
import { assertMonotone, checkMonotone, type MonotoneCheck } from '../verifyMonotone.js';
import { readSchemaOptions } from '../../schema/readSchemaOptions.js';

/**
 * What a foreign model's features are: the manifest's name, version, target and feature list
 * (names in the model's input order, kinds, categories, monotone claims), as `spec.json` holds it.
 */
export const ImportSpec = z.strictObject({
  name: z.string().min(1),
  version: z.string().min(1),
  target: z.strictObject({ column: z.string(), positive: z.string() }).optional(),
  features: ManifestFeatures,
});
/** See {@link ImportSpec}. */
export type ImportSpec = z.infer<typeof ImportSpec>;

/** Options of {@link importOnnxModel}. */
export interface ImportOptions {
  /** The feature spec (validated with {@link ImportSpec}). */
  readonly spec: unknown;
  /**
   * Rows drawn like the scored population, in the spec's column order (categories as codes). Needed
   * when the model carries no covers (node hit rates), which TreeSHAP needs; also fills training
   * ranges and missing shares the spec leaves out.
   */
  readonly background?: BackgroundSample;
  /** Import a model that breaks a monotone direction the spec claims. Default false: refused. */
  readonly allowMonotoneViolations?: boolean;
}

/** A foreign model turned into a creditlift model. */
export interface ImportedModel {
  /** The creditlift ONNX file: TreeEnsembleClassifier, `probabilities` [N, 2], manifest embedded. */
  readonly bytes: Uint8Array;
  readonly manifest: ModelManifest;
  /** What was read: the producer, operator, and whether its output was a probability or a margin. */
  readonly source: { readonly producer: string; readonly operator: string; readonly output: 'probability' | 'margin' };
  /** Where the covers came from. */
  readonly covers: 'model' | 'background';
  /** How each declared monotone direction was verified. */
  readonly monotone: readonly MonotoneCheck[];
  /** Things a person should know (thresholds stored as doubles rounded to float32, ...). */
  readonly warnings: readonly string[];
}

/**
 * Turns a tree-ensemble ONNX model from another trainer (XGBoost or LightGBM through their
 * converters: a binary TreeEnsembleClassifier, or a TreeEnsembleRegressor whose single output is
 * the log-odds margin) into a creditlift model: the same trees re-written in creditlift's layout
 * (a LOGISTIC classifier, so the probability is sigmoid(margin)), covers computed from a background
 * sample when the file has none, the manifest built from the spec and embedded, and every declared
 * monotone direction verified.
 *
 * @throws ValidationError for a bad spec or background (a feature named for a protected
 *   characteristic, or a category naming a protected group, `protected_characteristic`, included) (a background column missing in every row
 *   included); CreditliftError `model_shape_mismatch`
 *   when the spec's feature count is not the model's, `explainer_covers_missing` when covers are
 *   missing and no background is given, `model_unsupported` for what cannot be reproduced exactly,
 *   MonotoneViolationError (`model_monotonicity_violated`) naming each feature whose claim the
 *   trees break (unless `allowMonotoneViolations`)
 * @example
 * const imported = importOnnxModel(readFileSync('xgb.onnx'), { spec: JSON.parse(readFileSync('spec.json', 'utf8')), background });
 * writeFileSync('model.onnx', imported.bytes);
 */
export function importOnnxModel(onnx: Uint8Array, given: ImportOptions): ImportedModel {
  // Read once into a plain copy, which the import then uses: a getter or Proxy is refused by name, never thrown raw.
  const read = readRequiredOptions(given, IMPORT_OPTION_KEYS, ['options']);
  refuseArguments('importOnnxModel', [typeIssue(['onnx'], onnx, 'bytes', "the ONNX file's bytes, a Uint8Array"), importOptionIssues(read)]);
  const options = read.value as unknown as ImportOptions;
  // Read once as plain data, then parsed: a getter or Proxy in the spec is named, never thrown raw.
  const parsed = readSchemaOptions(options.spec, ImportSpec);
  if (!parsed.ok) throw new ValidationError('ImportSpec', parsed.issues);
  const spec = parsed.data;
  // A foreign model reading a protected characteristic is refused, whatever its column is called,
  // and so is one coding a category that names a protected group (`segment` over `male` / `female`).
  const protectedInputs = [
    ...protectedNameIssues(
      spec.features.map((f) => f.name),
      (i) => ['features', i, 'name'],
    ),
    ...spec.features.flatMap((f, i) => protectedValueIssues(f.categories ?? [], (k) => ['features', i, 'categories', k], `feature "${f.name}"`)),
  ];
  if (protectedInputs.length > 0) throw new ValidationError('ImportSpec', protectedInputs);
  const decoded = decodeTreeEnsembleModel(onnx);
  const width = decoded.ensemble.nFeatures;
  if (spec.features.length !== width) {
    throw new CreditliftError('model_shape_mismatch', `The spec lists ${spec.features.length} features but the model reads ${width} input columns`);
  }
  const warnings: string[] = [];
  if (decoded.precision === 'double')
    warnings.push('The model stores thresholds or weights as doubles; creditlift models compare in float32, so they were rounded to float32');
  // A raw output (regressor, or a classifier without a transform) is the log-odds margin of the
  // converters' binary objectives; the creditlift model applies the logistic itself.
  const output = decoded.ensemble.postTransform === 'NONE' ? 'margin' : 'probability';
  let ensemble: TreeEnsemble = { ...decoded.ensemble, postTransform: 'LOGISTIC' };

  const hasCovers = ensemble.trees.every((t) => t.cover.every((c) => Number.isFinite(c)));
  if (!hasCovers && options.background === undefined) {
    throw new CreditliftError(
      'explainer_covers_missing',
      'The model carries no node covers (nodes_hitrates), which exact TreeSHAP explanations need: give a background sample drawn like the scored population (--background rows.csv, a few hundred rows or more)',
    );
  }
  if (!hasCovers) ensemble = coversFromBackground(ensemble, options.background!);
  const features = options.background === undefined ? spec.features : withBackgroundStats(spec.features, options.background, width);

  const checks = options.allowMonotoneViolations === true ? checkMonotone(ensemble, features).checks : assertMonotone(ensemble, features);
  const built = ModelManifest.safeParse({
    format: 'creditlift.manifest/1',
    name: spec.name,
    version: spec.version,
    inputName: 'features',
    probabilityOutputName: PROBABILITY_OUTPUT_NAME,
    target: spec.target ?? { column: 'target', positive: '1' },
    features,
    params: {
      trainer: 'imported',
      sourceProducer: decoded.producerName || null,
      sourceOperator: decoded.operator.opType,
      sourceOutput: output,
      covers: hasCovers ? 'model' : 'background',
      backgroundRows: options.background === undefined ? null : backgroundRows(options.background),
    },
  });
  if (!built.success) throw ValidationError.fromZod('ModelManifest', built.error);
  const manifest = built.data;
  const bytes = encodeTreeEnsembleModel({
    ensemble,
    featureNames: features.map((f) => f.name),
    metadata: { [MANIFEST_METADATA_KEY]: JSON.stringify(manifest) },
  });
  return {
    bytes,
    manifest,
    source: { producer: decoded.producerName, operator: decoded.operator.opType, output },
    covers: hasCovers ? 'model' : 'background',
    monotone: checks,
    warnings,
  };
}

function backgroundRows(b: BackgroundSample): number {
  return 'data' in b && b.data instanceof Float32Array ? b.nRows : (b as readonly ArrayLike<number>[]).length;
}

/**
 * Training ranges and missing shares from the background, where the spec gives none.
 *
 * @throws ValidationError (`data_invalid`) naming every column missing in every row: covers and
 *   missing shares drawn from it would say the model never sees a value there, which is almost
 *   always a background written in another coding (categories as codes where names are due); and
 *   every value beyond float32 (an infinity) at `rows.<r>.<feature>`.
 */
function withBackgroundStats(features: readonly ManifestFeature[], b: BackgroundSample, width: number): ManifestFeature[] {
  const n = backgroundRows(b);
  const at =
    'data' in b && b.data instanceof Float32Array
      ? (r: number, j: number) => b.data[r * width + j] as number
      : (r: number, j: number) => (b as readonly ArrayLike<number>[])[r]![j] as number;
  const empty: ValidationIssue[] = [];
  const infinite: ValidationIssue[] = [];
  for (let r = 0; r < n && infinite.length < 100; r++) {
    features.forEach((f, j) => {
      const x = at(r, j);
      // Models compute in float32 (a number beyond it arrives here as an infinity): no training
      // range or cover can be drawn from it.
      if (!Number.isNaN(x) && !Number.isFinite(Math.fround(x)))
        infinite.push({
          path: ['rows', r, f.name],
          code: 'not_finite',
          message: `background row ${r}: "${f.name}" is ${x}, not a finite float32 (magnitude at most 3.4028234e38)`,
          received: String(x),
        });
    });
  }
  if (infinite.length > 0) throw new ValidationError('Background', infinite, 'data_invalid');
  const out = features.map((f, j) => {
    let min = Infinity;
    let max = -Infinity;
    let missing = 0;
    for (let r = 0; r < n; r++) {
      const x = at(r, j);
      if (Number.isNaN(x)) missing++;
      else {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    if (n > 0 && missing === n)
      empty.push({
        path: [f.name],
        code: 'data_invalid',
        message: `background column "${f.name}" is missing in all ${n} rows${
          f.kind === 'categorical'
            ? `: its values must be the spec's categories (${(f.categories ?? []).map((c) => `"${c}"`).join(', ')}) by name in a CSV, or their codes 0, 1, ... from code`
            : ''
        }`,
      });
    return {
      ...f,
      ...(f.trainingRange === undefined && min <= max ? { trainingRange: { min, max } } : {}),
      ...(f.missingShare === undefined && n > 0 ? { missingShare: missing / n } : {}),
    };
  });
  if (empty.length > 0) throw new ValidationError('Background', empty, 'data_invalid');
  return out;
}

const IMPORT_OPTION_KEYS = everyKeyOf<ImportOptions>()(['spec', 'background', 'allowMonotoneViolations']);

function importOptionIssues(read: OptionsRead): ValidationIssue[] {
  const issues = [...read.issues];
  const o = read.value;
  if (o === undefined) return issues;
  let b = o.background;
  let rows: boolean;
  let isMatrix: boolean;
  try {
    rows = Array.isArray(b) && b.every((r) => typeIssue([], r, 'numbers', '') === undefined);
    isMatrix = !rows && typeof b === 'object' && b !== null;
  } catch (e) {
    // Array.isArray throws on a revoked Proxy.
    issues.push({
      path: ['options', 'background'],
      code: 'unreadable_input',
      message: `background could not be read: ${e instanceof Error ? e.name : typeof e}`,
    });
    return issues;
  }
  if (isMatrix) {
    // The matrix read once into a plain copy, which the import then uses: its getters were read by
    // the check and again for the covers, and one that threw escaped as the caller's own Error.
    const matrix = readKnownFields(b, ['data', 'nRows'], ['options', 'background']);
    if (matrix.issues.length > 0) return [...issues, ...matrix.issues];
    b = matrix.value as unknown as BackgroundSample;
    o.background = b;
  }
  const matrix = isMatrix && (b as { data?: unknown }).data instanceof Float32Array && typeof (b as { nRows?: unknown }).nRows === 'number';
  if (b !== undefined && !rows && !matrix)
    issues.push({ path: ['options', 'background'], code: 'invalid_type', message: 'background must be rows of numbers, or { data: Float32Array, nRows }' });
  const allow = typeIssue(['options', 'allowMonotoneViolations'], o.allowMonotoneViolations, 'boolean', 'true or false', true);
  if (allow !== undefined) issues.push(allow);
  return issues;
}
