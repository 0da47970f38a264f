import { parseCommandArgs } from '../../commandLine/parseCommandArgs.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_METADATA_KEY, type ModelManifest } from '../../model/manifest.js';
import { evaluateEnsembleBatch } from '../../model/evaluateEnsemble.js';
import { encodeTreeEnsembleModel } from '../../model/onnx/encodeTreeEnsemble.js';
import { parseCsv } from '../dataset/parseCsv.js';
import { decodeUtf8Strict } from '../../text/decodeUtf8Strict.js';
import { featureStats, fitTabularEncoding, type EncodedDataset } from '../dataset/tabularEncoding.js';
import type { GbdtParamsInput } from '../gbdt/gbdtParams.js';
import { holdoutSplit } from '../gbdt/holdoutSplit.js';
import { auc, brier, ks, logLoss } from '../gbdt/metrics.js';
import { trainGbdt, type TrainedModel } from '../gbdt/trainGbdt.js';
import type { GbdtRowMajorData } from '../gbdt/gbdtData.js';
import { buildManifest } from './buildManifest.js';
import { ExitCode, processIo, reportError, UsageError, type CommandIo } from '../../commandLine/commandIo.js';
import { parseMonotone } from './parseMonotone.js';

/** Help text of `creditlift train`. */
export const TRAIN_USAGE = `Usage: creditlift train --data FILE.csv --target COL --positive VALUE --out DIR [options]

Trains a gradient-boosted tree model on a CSV (header row; empty cells are missing) and writes
DIR/model.onnx (manifest embedded under "creditlift.manifest") and DIR/manifest.json.
Same inputs and seed give byte-identical files.

Required:
  --data FILE.csv            training data
  --target COL               outcome column (exactly two distinct values)
  --positive VALUE           the target value meaning the bad outcome (label 1)
  --out DIR                  output directory (created if needed)

Columns:
  --exclude a,b              columns to leave out (ids, protected characteristics, leaks)
  --categorical a,b          treat these columns as categories even if they look numeric
  --monotone col:+1,col:-1   prediction non-decreasing (+1) / non-increasing (-1) in a column

Training (XGBoost names in brackets):
  --rounds N                 boosting rounds [num_boost_round]       (default 300)
  --learning-rate X          shrinkage [eta]                         (default 0.05)
  --max-depth N              tree depth [max_depth]                  (default 4)
  --min-child-weight X       [min_child_weight]                      (default 1)
  --lambda X                 L2 on leaf weights [lambda]             (default 1)
  --gamma X                  minimum split gain [gamma]              (default 0)
  --subsample X              row share per tree [subsample]          (default 1)
  --colsample-bytree X       feature share per tree                  (default 1)
  --max-bins N               histogram bins per feature [max_bin]    (default 256)
  --seed N                   seed of every random choice             (default 0)
  --validation-fraction X    seeded holdout for metrics, 0 for none  (default 0.2)
  --early-stopping N         stop after N rounds without holdout improvement

Model:
  --name NAME                model name in the manifest              (default creditlift-model)
  --model-version V          model version in the manifest           (default 1.0.0)
  -h, --help                 show this help
`;

const OPTIONS = {
  data: { type: 'string' },
  target: { type: 'string' },
  positive: { type: 'string' },
  out: { type: 'string' },
  exclude: { type: 'string' },
  categorical: { type: 'string' },
  monotone: { type: 'string' },
  rounds: { type: 'string' },
  'learning-rate': { type: 'string' },
  'max-depth': { type: 'string' },
  'min-child-weight': { type: 'string' },
  lambda: { type: 'string' },
  gamma: { type: 'string' },
  subsample: { type: 'string' },
  'colsample-bytree': { type: 'string' },
  'max-bins': { type: 'string' },
  seed: { type: 'string' },
  'validation-fraction': { type: 'string' },
  'early-stopping': { type: 'string' },
  name: { type: 'string' },
  'model-version': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What {@link trainFromCsv} produced. */
export interface CsvTrainingResult {
  readonly manifest: ModelManifest;
  /** The ONNX file's bytes (manifest embedded). */
  readonly onnx: Uint8Array;
  readonly model: TrainedModel;
}

/** Inputs of {@link trainFromCsv}: what the command line carries, as plain data. */
export interface CsvTrainingOptions {
  readonly target: string;
  readonly positive: string;
  readonly exclude?: readonly string[];
  readonly categorical?: readonly string[];
  /** `col:+1,col:-1` form. */
  readonly monotone?: string;
  /** Trainer parameters (no `monotone` or `validationFraction`: given separately here). */
  readonly params?: Omit<GbdtParamsInput, 'monotone' | 'validationFraction'>;
  /** Seeded holdout share for metrics and early stopping; 0 for none. Default 0.2. */
  readonly validationFraction?: number;
  readonly name?: string;
  readonly version?: string;
}

/**
 * The pure core of `creditlift train`: CSV text in, manifest and ONNX bytes out. Category codes
 * and training ranges come from the training rows only; holdout metrics from the rest.
 */
export function trainFromCsv(csvText: string, options: CsvTrainingOptions): CsvTrainingResult {
  const table = parseCsv(csvText);
  const params = options.params ?? {};
  const fraction = options.validationFraction ?? 0.2;
  const { trainRows, validRows } = holdoutSplit(table.rows.length, fraction > 0 ? fraction : undefined, params.seed ?? 0);
  const encoded = fitTabularEncoding(table, {
    target: options.target,
    positive: options.positive,
    ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
    ...(options.categorical === undefined ? {} : { categorical: options.categorical }),
    fitRows: trainRows,
  });
  const featureNames = encoded.encodings.map((e) => e.name);
  const monotone = parseMonotone(options.monotone, featureNames);
  const train = takeRows(encoded, trainRows);
  const valid = validRows.length > 0 ? takeRows(encoded, validRows) : undefined;
  const model = trainGbdt(train, { ...params, monotone }, valid === undefined ? {} : { validation: valid });
  const metrics: Record<string, number> = { trainRows: train.nRows, holdoutRows: valid?.nRows ?? 0, trees: model.ensemble.trees.length };
  if (valid !== undefined) Object.assign(metrics, holdoutMetrics(model, valid));
  const manifest = buildManifest({
    name: options.name ?? 'creditlift-model',
    version: options.version ?? '1.0.0',
    target: { column: options.target, positive: options.positive.trim() },
    encodings: encoded.encodings,
    monotone,
    stats: featureStats(encoded.features, encoded.nFeatures, trainRows),
    params: { ...model.params, ...(fraction > 0 ? { validationFraction: fraction } : {}) },
    metrics,
  });
  const onnx = encodeTreeEnsembleModel({ ensemble: model.ensemble, featureNames, metadata: { [MANIFEST_METADATA_KEY]: JSON.stringify(manifest) } });
  return { manifest, onnx, model };
}

function takeRows(data: EncodedDataset, rows: Uint32Array): GbdtRowMajorData {
  const p = data.nFeatures;
  const features = new Float32Array(rows.length * p);
  rows.forEach((r, t) => features.set(data.features.subarray(r * p, (r + 1) * p), t * p));
  return { features, labels: Uint8Array.from(rows, (r) => data.labels[r]!), nRows: rows.length, nFeatures: p };
}

/** AUC, KS, Brier and log-loss on the holdout; discrimination metrics only when both classes occur. */
function holdoutMetrics(model: TrainedModel, valid: GbdtRowMajorData): Record<string, number> {
  const { probabilities } = evaluateEnsembleBatch(model.ensemble, valid.features, valid.nRows);
  const out: Record<string, number> = { holdoutBrier: brier(valid.labels, probabilities), holdoutLogLoss: logLoss(valid.labels, probabilities) };
  const positives = valid.labels.reduce((s, y) => s + y, 0);
  if (positives > 0 && positives < valid.nRows) {
    out.holdoutAuc = auc(valid.labels, probabilities);
    out.holdoutKs = ks(valid.labels, probabilities);
  }
  return out;
}

function number(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name} expects a number, got "${String(raw)}"`);
  return x;
}

function list(raw: string | undefined): string[] | undefined {
  return raw === undefined ? undefined : raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * `creditlift train`: parses `argv` (the arguments after `train`), trains, writes
 * DIR/model.onnx and DIR/manifest.json, prints a summary. Returns the exit code (0 ok, 1 data
 * refused, 2 bad command line); never throws.
 *
 * @example
 * process.exitCode = runTrainCommand(['--data', 'loans.csv', '--target', 'default', '--positive', '1', '--out', 'model']);
 */
export function runTrainCommand(argv: readonly string[], io: CommandIo = processIo): number {
  try {
    const parsed = parseCommandArgs(argv, OPTIONS);
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const v = parsed.values;
    if (v.help === true) {
      io.stdout(TRAIN_USAGE);
      return ExitCode.ok;
    }
    const missing = (['data', 'target', 'positive', 'out'] as const).filter((k) => v[k] === undefined);
    if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
    const params: Record<string, number> = {};
    const map: [string, string][] = [
      ['rounds', 'rounds'], ['learning-rate', 'learningRate'], ['max-depth', 'maxDepth'], ['min-child-weight', 'minChildWeight'],
      ['lambda', 'lambda'], ['gamma', 'gamma'], ['subsample', 'subsample'], ['colsample-bytree', 'colsampleByTree'],
      ['max-bins', 'maxBins'], ['seed', 'seed'], ['early-stopping', 'earlyStoppingRounds'],
    ];
    for (const [flag, key] of map) {
      const x = number(v, flag);
      if (x !== undefined) params[key] = x;
    }
    const fraction = number(v, 'validation-fraction') ?? 0.2;
    if (!(fraction >= 0 && fraction < 1)) throw new UsageError('--validation-fraction must be in [0, 1)');
    const exclude = list(v.exclude);
    const categorical = list(v.categorical);
    const result = trainFromCsv(decodeUtf8Strict(readFileSync(v.data!), v.data!), {
      target: v.target!,
      positive: v.positive!,
      ...(exclude === undefined ? {} : { exclude }),
      ...(categorical === undefined ? {} : { categorical }),
      ...(v.monotone === undefined ? {} : { monotone: v.monotone }),
      params: params as CsvTrainingOptions['params'] & object,
      validationFraction: fraction,
      ...(v.name === undefined ? {} : { name: v.name }),
      ...(v['model-version'] === undefined ? {} : { version: v['model-version'] }),
    });
    const outDir = v.out!;
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'model.onnx'), result.onnx);
    writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(result.manifest, null, 2)}\n`);
    const m = result.manifest.metrics ?? {};
    const summary = [
      `trained ${result.model.ensemble.trees.length} trees on ${m.trainRows} rows x ${result.manifest.features.length} features`,
      m.holdoutAuc === undefined ? undefined : `holdout (${m.holdoutRows} rows): AUC ${m.holdoutAuc.toFixed(4)}, KS ${m.holdoutKs?.toFixed(4)}, log-loss ${m.holdoutLogLoss?.toFixed(4)}`,
      `wrote ${join(outDir, 'model.onnx')} and ${join(outDir, 'manifest.json')}`,
    ];
    io.stdout(`${summary.filter((s) => s !== undefined).join('\n')}\n`);
    return ExitCode.ok;
  } catch (e) {
    return reportError(e, io, TRAIN_USAGE);
  }
}
