import { deepFreeze } from '../../common/deepFreeze.js';
import { defaultCatalog } from '../../catalog/resolveCatalog.js';
import { everyKeyOf, refuseArguments, typeIssue, typeNameOf } from '../../errors/argumentIssues.js';
import { readOptions } from '../../errors/readOptions.js';
import { readPlainData } from '../../schema/readPlainData.js';
import { ValidationError } from '../../errors/validationError.js';
import { createFeatureEncoder, defaultFeatureColumns } from '../../features/featureEncoder.js';
import { MANIFEST_METADATA_KEY, type ModelManifest } from '../../model/manifest.js';
import { encodeTreeEnsembleModel, PROBABILITY_OUTPUT_NAME } from '../../model/onnx/encodeTreeEnsemble.js';
import { evaluateEnsembleBatch } from '../../model/evaluateEnsemble.js';
import { auc, brier, calibrationTable, ks, logLoss, type CalibrationBin } from '../gbdt/metrics.js';
import { trainGbdt, type TrainedModel } from '../gbdt/trainGbdt.js';
import { MAX_SEED, SEED_RANGE_TEXT, type GbdtParamsInput } from '../gbdt/gbdtParams.js';
import { holdoutSizeIssue } from '../gbdt/holdoutSize.js';
import { generatePopulation } from '../synthetic/generatePopulation.js';
import { featurizeRows } from './featurizeApplicants.js';
import { scoreBaseline, type ScoreBaseline } from './scoreBaseline.js';

/** Metadata key of the holdout score baseline inside the ONNX file. */
export const BASELINE_METADATA_KEY = 'creditlift.baseline';

/** Options of {@link trainDefaultModel}; the defaults rebuild the shipped model byte for byte. */
export interface TrainDefaultModelOptions {
  /** Synthetic applicants drawn (train + validation + holdout). */
  readonly populationSize?: number;
  /** Seed of the population and of the trainer: a whole number from 0 to 2^32-1. */
  readonly seed?: number;
  /** Observation date of the synthetic population. */
  readonly asOf?: string;
  /** Share of the population held out for the model card's metrics (never seen in training). */
  readonly holdoutFraction?: number;
  readonly params?: GbdtParamsInput;
  readonly version?: string;
}

/** Everything {@link trainDefaultModel} produces. */
export interface DefaultModelBuild {
  /** The ONNX file. */
  readonly onnx: Uint8Array;
  readonly manifest: ModelManifest;
  readonly trained: TrainedModel;
  readonly holdout: {
    readonly count: number;
    readonly defaultRate: number;
    readonly auc: number;
    readonly ks: number;
    readonly brier: number;
    readonly logLoss: number;
    readonly calibration: readonly CalibrationBin[];
  };
  readonly baseline: ScoreBaseline;
}

/** The shipped model's settings. Written once here so the script, the card and the test agree. */
export const DEFAULT_MODEL_SETTINGS = deepFreeze({
  populationSize: 120_000,
  seed: 20_261_124,
  asOf: '2026-11-01',
  holdoutFraction: 0.2,
  version: '1.0.0',
  params: {
    rounds: 300,
    learningRate: 0.05,
    maxDepth: 4,
    minChildWeight: 5,
    lambda: 1,
    subsample: 0.8,
    colsampleByTree: 0.9,
    maxBins: 128,
    earlyStoppingRounds: 30,
    validationFraction: 0.15,
  },
} as const satisfies Required<TrainDefaultModelOptions>);

/**
 * Builds the default model from scratch: draws the synthetic population, runs every applicant
 * through the live evidence and feature path, trains the monotone-constrained GBDT, measures it on
 * a holdout, and writes the ONNX file with its manifest. Pure and deterministic: the same options
 * give the same bytes.
 *
 * @throws ValidationError (subject `TrainDefaultModelOptions`) naming every unknown option and
 *   every option of the wrong kind, before anything is drawn (options that were not an object, a
 *   number or an array, trained the shipped model for a minute)
 */
export function trainDefaultModel(given: TrainDefaultModelOptions = {}): DefaultModelBuild {
  const options = readTrainDefaultModelOptions(given);
  const s = { ...DEFAULT_MODEL_SETTINGS, ...options, params: { ...DEFAULT_MODEL_SETTINGS.params, ...options.params } };
  const columns = defaultFeatureColumns();
  const encoder = createFeatureEncoder(columns);
  const width = encoder.width;

  const rows = generatePopulation({ size: s.populationSize, seed: s.seed, asOf: s.asOf });
  const all = featurizeRows(
    rows.map((r) => r.applicant),
    encoder,
    defaultCatalog,
  );
  const labels = Uint8Array.from(rows, (r) => (r.defaulted12m ? 1 : 0));

  // The population is i.i.d. in row order, so the last rows are as good a holdout as any and
  // the split needs no extra randomness.
  const nHoldout = holdoutCount(rows.length, s.holdoutFraction);
  const nTrain = rows.length - nHoldout;
  const trained = trainGbdt(
    { features: all.subarray(0, nTrain * width), nRows: nTrain, nFeatures: width, labels: labels.subarray(0, nTrain) },
    { ...s.params, seed: s.seed, monotone: columns.features.map((f) => f.monotone) },
  );

  const holdoutX = all.subarray(nTrain * width);
  const holdoutY = labels.subarray(nTrain);
  const { probabilities } = evaluateEnsembleBatch(trained.ensemble, holdoutX, nHoldout);
  const holdout = {
    count: nHoldout,
    defaultRate: holdoutY.reduce((a, b) => a + b, 0) / Math.max(1, nHoldout),
    auc: auc(holdoutY, probabilities),
    ks: ks(holdoutY, probabilities),
    brier: brier(holdoutY, probabilities),
    logLoss: logLoss(holdoutY, probabilities),
    calibration: calibrationTable(holdoutY, probabilities, 10),
  };
  const baseline = scoreBaseline(probabilities);

  const trainX = all.subarray(0, nTrain * width);
  const manifest: ModelManifest = {
    format: 'creditlift.manifest/1',
    name: 'creditlift-default',
    version: s.version,
    inputName: 'features',
    probabilityOutputName: PROBABILITY_OUTPUT_NAME,
    target: { column: 'defaulted_12m', positive: '1' },
    features: columns.features.map((f, j) => ({ ...f, ...trainingStats(trainX, nTrain, width, j) })),
    params: {
      ...Object.fromEntries(Object.entries(trained.params).filter(([k]) => k !== 'monotone')),
      bestIteration: trained.bestIteration,
      populationSize: s.populationSize,
      populationSeed: s.seed,
      populationAsOf: s.asOf,
      holdoutFraction: s.holdoutFraction,
    } as ModelManifest['params'],
    metrics: {
      holdoutAuc: holdout.auc,
      holdoutKs: holdout.ks,
      holdoutBrier: holdout.brier,
      holdoutLogLoss: holdout.logLoss,
      holdoutDefaultRate: holdout.defaultRate,
    },
  };
  const onnx = encodeTreeEnsembleModel({
    ensemble: trained.ensemble,
    featureNames: manifest.features.map((f) => f.name),
    metadata: { [MANIFEST_METADATA_KEY]: JSON.stringify(manifest), [BASELINE_METADATA_KEY]: JSON.stringify(baseline) },
    producerName: 'creditlift-train',
  });
  const build: DefaultModelBuild = { onnx, manifest, trained, holdout, baseline };
  buildsMade.add(build);
  return build;
}

// The builds trainDefaultModel made: renderModelCard describes these only (a card generated from
// a build made by hand would describe a model no one trained).
const buildsMade = new WeakSet<DefaultModelBuild>();

/** True when `v` is a build {@link trainDefaultModel} returned. */
export function isDefaultModelBuild(v: unknown): v is DefaultModelBuild {
  return typeof v === 'object' && v !== null && buildsMade.has(v as DefaultModelBuild);
}

function trainingStats(x: Float32Array, nRows: number, width: number, j: number): { trainingRange?: { min: number; max: number }; missingShare: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let missing = 0;
  for (let i = 0; i < nRows; i++) {
    const v = x[i * width + j] as number;
    if (Number.isNaN(v)) missing++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { ...(min <= max ? { trainingRange: { min, max } } : {}), missingShare: missing / Math.max(1, nRows) };
}

const OPTION_KEYS = everyKeyOf<TrainDefaultModelOptions>()(['populationSize', 'seed', 'asOf', 'holdoutFraction', 'params', 'version']);

/**
 * The options read once into a plain copy (`params` as plain data too), which training then uses,
 * each checked: a getter or Proxy is `unreadable_input` at its option, never thrown raw.
 *
 * @throws ValidationError (subject `TrainDefaultModelOptions`) naming every option at fault
 */
function readTrainDefaultModelOptions(options: TrainDefaultModelOptions): TrainDefaultModelOptions {
  const read = readOptions(options, OPTION_KEYS);
  if (read.issues.length > 0) throw new ValidationError('TrainDefaultModelOptions', read.issues);
  const o: Record<string, unknown> = { ...read.value };
  // Spread into the defaults below: read once as plain data, so a getter in it is named, not thrown.
  const params = o.params === undefined ? undefined : readPlainData(o.params);
  if (params !== undefined) o.params = params.value;
  refuseArguments('TrainDefaultModelOptions', [
    params?.issues.map((i) => ({ ...i, path: ['params', ...i.path] })),
    o.populationSize === undefined || (Number.isSafeInteger(o.populationSize) && (o.populationSize as number) >= 1)
      ? undefined
      : {
          path: ['populationSize'],
          code: 'invalid_type',
          message: 'populationSize must be a whole number of applicants, at least 1',
          received: typeNameOf(o.populationSize),
        },
    typeIssue(['seed'], o.seed, 'integer', SEED_RANGE_TEXT, true) ??
      (o.seed === undefined || ((o.seed as number) >= 0 && (o.seed as number) <= MAX_SEED)
        ? undefined
        : { path: ['seed'], code: 'out_of_range', message: `seed must be ${SEED_RANGE_TEXT}`, received: 'number' }),
    typeIssue(['asOf'], o.asOf, 'string', 'a date YYYY-MM-DD', true),
    o.holdoutFraction === undefined || (typeof o.holdoutFraction === 'number' && o.holdoutFraction > 0 && o.holdoutFraction < 1)
      ? undefined
      : {
          path: ['holdoutFraction'],
          code: 'out_of_range',
          message: 'holdoutFraction must be a share of the population above 0 and below 1',
          received: typeNameOf(o.holdoutFraction),
        },
    typeIssue(['params'], o.params, 'object', 'GBDT parameters (see resolveGbdtParams)', true),
    typeIssue(['version'], o.version, 'string', 'a version string', true),
  ]);
  // Only once both are known good: a population too small for its holdout measured 0 applicants, or failed in the trainer naming neither.
  const size = (o.populationSize as number | undefined) ?? DEFAULT_MODEL_SETTINGS.populationSize;
  const share = (o.holdoutFraction as number | undefined) ?? DEFAULT_MODEL_SETTINGS.holdoutFraction;
  const tooSmall = holdoutSizeIssue('holdoutFraction', share, size, holdoutCount(size, share), 'applicants');
  if (tooSmall !== undefined) throw new ValidationError('TrainDefaultModelOptions', [tooSmall]);
  return o as TrainDefaultModelOptions;
}

/** The applicants the default model holds out: the last `share` of the population, rounded down. */
function holdoutCount(populationSize: number, share: number): number {
  return Math.floor(populationSize * share);
}
