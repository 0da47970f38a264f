import { modelFilePath } from '../model/modelFilePath.js';
import { createScorer, type Scorer, type ScorerOptions, type ScorerOptionsWithFeatures } from '../decision/createScorer.js';
import { loadFeatureSetModule } from '../features/loadFeatureSetModule.js';
import { UsageError } from '../commandLine/commandIo.js';
import { readKeyFile } from './readKeyFile.js';

export { readKeyFile } from './readKeyFile.js';
import { readPolicyFile } from './readPolicyFile.js';
import { readCatalogFile } from './readCatalogFile.js';

/** The scorer options of a command line (`SCORER_ARG_OPTIONS`): what loads its model, policy, catalog, features and keys. */
export interface ScorerArgs {
  readonly model?: string | undefined;
  readonly policy?: string | undefined;
  /** `--features`: a module exporting the lender's feature set (`features`). */
  readonly features?: string | undefined;
  /** `--catalog`: a JSON file of the lender's certificate kind specs (`catalog`). */
  readonly catalog?: string | undefined;
  /** `--model-sha256`: the model's expected SHA-256 (`expectedSha256`). */
  readonly 'model-sha256'?: string | undefined;
  /** `--signing-key-file`: a file holding the signing key (`signingKey`). */
  readonly 'signing-key-file'?: string | undefined;
  /** `--personal-data-key-file`: a file holding the personal-data key (`personalDataKey`). */
  readonly 'personal-data-key-file'?: string | undefined;
  /** `--model-evaluator`: `auto` or `onnxruntime` (`modelEvaluator`). */
  readonly 'model-evaluator'?: string | undefined;
}

/** Creates the scorer a command asked for with its scorer options ({@link ScorerArgs}). */
export async function openScorer(values: ScorerArgs, extra: ScorerOptions = {}): Promise<Scorer> {
  const options = await scorerOptionsWithFeaturesFrom(values, extra);
  return options.features === undefined ? createScorer(options) : createScorer({ ...options, features: options.features });
}

/**
 * {@link scorerOptionsFrom} with the feature set of `--features` loaded: everything one process needs
 * to create the scorer a command asked for (`decide`, `suggest`, `playground`); not for worker
 * processes, which cannot receive the feature set's functions.
 */
export async function scorerOptionsWithFeaturesFrom(values: ScorerArgs, extra: ScorerOptions = {}): Promise<ScorerOptionsWithFeatures> {
  const options = await scorerOptionsFrom(values, extra);
  return values.features === undefined ? options : { ...options, features: (await loadFeatureSetModule(values.features)).features };
}

/**
 * Scorer options from `--model` (a directory means DIR/model.onnx), `--policy` (JSON read
 * here, repeated keys refused) and `--catalog` (read and validated here). Plain data (a path and parsed JSON), so they can also be sent to worker processes; the
 * feature set of `--features` holds functions, so {@link openScorer} and the pool load it themselves.
 */
export async function scorerOptionsFrom(values: ScorerArgs, extra: ScorerOptions = {}): Promise<ScorerOptions> {
  const options: { -readonly [K in keyof ScorerOptions]: ScorerOptions[K] } = { ...extra };
  if (values.model !== undefined) options.model = modelFilePath(values.model);
  if (values['model-sha256'] !== undefined) options.expectedSha256 = values['model-sha256'];
  // Unchecked beyond JSON here: resolvePolicy validates the overrides and names every bad field.
  if (values.policy !== undefined) options.policyOverrides = (await readPolicyFile(values.policy)) as ScorerOptions['policyOverrides'] & object;
  // Validated here, naming the file; the kinds as read are plain data, so they reach worker processes as
  // they are (a file removing default kinds gives the whole catalog, which the pool's IPC clones).
  if (values.catalog !== undefined) options.catalog = (await readCatalogFile(values.catalog)).scorerCatalog;
  const signing = values['signing-key-file'];
  if (signing !== undefined) options.signingKey = await readKeyFile(signing, '--signing-key-file');
  const personal = values['personal-data-key-file'];
  if (personal !== undefined) options.personalDataKey = await readKeyFile(personal, '--personal-data-key-file');
  const evaluator = values['model-evaluator'];
  if (evaluator !== undefined) {
    if (evaluator !== 'auto' && evaluator !== 'onnxruntime') throw new UsageError(`--model-evaluator must be "auto" or "onnxruntime", got "${evaluator}"`);
    options.modelEvaluator = evaluator;
  }
  return options;
}
