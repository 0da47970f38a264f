import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { readOptionTextSync } from '../../cli/readOptionText.js';
import { readRuledOptions, TABLE_READING_RULES, type OptionRuleEntry } from '../trainArguments.js';
import { checkCommandArguments } from '../../commandLine/checkCommandArguments.js';
import { parseCommandArgs } from '../../commandLine/parseCommandArgs.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_METADATA_KEY, type ModelManifest } from '../../model/manifest.js';
import { evaluateEnsembleBatch } from '../../model/evaluateEnsemble.js';
import { encodeTreeEnsembleModel } from '../../model/onnx/encodeTreeEnsemble.js';
import { parseCsv, type CsvTable } from '../dataset/parseCsv.js';
import { featureStats, fitTabularEncoding, type EncodedDataset } from '../dataset/tabularEncoding.js';
import { ValidationError, type ValidationIssue } from '../../errors/index.js';
import { GbdtParams, type GbdtParamsInput } from '../gbdt/gbdtParams.js';
import { heldOutRows, holdoutSizeIssue } from '../gbdt/holdoutSize.js';
import { holdoutSplit } from '../gbdt/holdoutSplit.js';
import { auc, brier, calibrationTable, ks, logLoss, type CalibrationBin } from '../gbdt/metrics.js';
import { trainGbdt, type TrainedModel } from '../gbdt/trainGbdt.js';
import type { GbdtRowMajorData } from '../gbdt/gbdtData.js';
import { buildManifest } from './buildManifest.js';
import { ExitCode, processIo, reportError, UsageError, type CommandIo } from '../../commandLine/commandIo.js';
import { parseMonotone } from './parseMonotone.js';
import { trainNumbersOf } from './trainNumberOptions.js';
import { refuseOverwritingInputs } from '../../cli/refuseOverwritingInputs.js';
import { terminalText } from '../../text/terminalText.js';
import { sha256Hex } from '../../hashing/sha256Hex.js';
import { ENGINE_VERSION } from '../../version.js';
import { calendarDateOf } from '../../dates/calendarDate.js';
import { DEFAULT_NA_TOKENS } from '../dataset/columnKind.js';
import { TRAINING_REPORT_FILE, type TrainingReport } from './trainingReport.js';
import { holdoutOneOutcomeWarning } from '../dataset/holdoutOneOutcomeWarning.js';
import type { TrainingWarning } from '../dataset/trainingWarning.js';
import { singleProbability } from '../gbdt/gbdtWarnings.js';
import { loneLabel, tallyLabels } from '../gbdt/labelTally.js';
import { MODEL_CARD_FILE } from '../modelCard/modelFolder.js';
import { readModelFolder } from '../modelCard/readModelFolder.js';
import { renderTrainedModelCard } from '../modelCard/renderTrainedModelCard.js';
import { defaultPolicy } from '../../policy/defaultPolicy.js';
import { jurisdictionProfiles, type JurisdictionProfile } from '../../policy/jurisdictionProfile.js';
import { readSchemaOptions } from '../../schema/readSchemaOptions.js';

/** Help text of `creditlift train`. */
export const TRAIN_USAGE = `Usage: creditlift train --data FILE.csv --target COL --positive VALUE --out DIR [options]

Trains a gradient-boosted tree model on a CSV (header row) and writes DIR/model.onnx (manifest
embedded under "creditlift.manifest"), DIR/manifest.json, DIR/training-report.json (facts about the
data and the run, and warnings about the data, also printed) and DIR/MODEL_CARD.md (the model card
for review: data, features, parameters, holdout metrics, limits; "creditlift model card DIR" prints
it again). Empty cells and NA, NaN, null, N/A (any case) are missing.
Target cells are compared as written: a missing one, or one with surrounding whitespace, is
refused naming its line. Feature cells read leniently (surrounding whitespace, numbers with
leading zeros) are counted in the report. Same inputs and seed give byte-identical files.

Required:
  --data FILE.csv            training data
  --target COL               outcome column (exactly two distinct values)
  --positive VALUE           the target value meaning the bad outcome (label 1), as written
  --out DIR                  output directory (created if needed)

Columns:
  --exclude a,b              columns to leave out (ids, protected characteristics, leaks)
  --categorical a,b          treat these columns as categories even if they look numeric
  --monotone col:+1,col:-1   prediction non-decreasing (+1) / non-increasing (-1) in a column
  --na a,b                   cell texts meaning missing, replacing NA,NaN,null,N/A (empty always is)
  --max-category-share X     warn when a categorical column has more distinct values than this
                             share of its non-missing cells                (default 0.5)
  --jurisdiction ID          profile the model will score under: cn-consumer-finance-2024 (the
                             default policy's, the default) or eu-ccd2. A column whose name
                             reads as data it bans is refused, every one named (eu-ccd2:
                             follower_count, weibo_followers, douyin_fans); health and medical
                             names are refused under either

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
  --seed N                   seed of every random choice, 0..2^32-1  (default 0)
  --validation-fraction X    seeded holdout for metrics and early stopping
                             (default 0.2 with --early-stopping, else 0: every row trains)
  --early-stopping N         stop after N rounds without holdout improvement
  --refit                    after the holdout picked the rounds, train the final model with
                             that many rounds on every row (holdout metrics stay those of the
                             model that picked them)

Model:
  --name NAME                model name in the manifest              (default creditlift-model)
  --model-version V          model version in the manifest           (default 1.0.0)
  --trained-on YYYY-MM-DD    date of training, for the report and the card (no clock is read:
                             left out, the card says it was not recorded)
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
  na: { type: 'string' },
  'max-category-share': { type: 'string' },
  jurisdiction: { type: 'string' },
  refit: { type: 'boolean' },
  name: { type: 'string' },
  'model-version': { type: 'string' },
  'trained-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What {@link trainFromCsv} produced. */
export interface CsvTrainingResult {
  readonly manifest: ModelManifest;
  /** The ONNX file's bytes (manifest embedded). */
  readonly onnx: Uint8Array;
  readonly model: TrainedModel;
  /** Facts about the data and the run, and every warning about the data. Written as training-report.json. */
  readonly report: TrainingReport;
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
  /**
   * Seeded holdout share for metrics and early stopping; 0 for none. Default 0.2 when early
   * stopping is asked for, else 0: no row is taken out of training unless asked.
   */
  readonly validationFraction?: number;
  /** After the holdout picks the rounds, train the final model on every row with that many rounds. */
  readonly refit?: boolean;
  /** Missing-value tokens (default `NA`, `NaN`, `null`, `N/A`; empty cells always). */
  readonly naTokens?: readonly string[];
  /** Share of distinct values past which a categorical column is warned about. Default 0.5. */
  readonly maxCategoryShare?: number;
  /**
   * The jurisdiction the model will score under (a policy's `jurisdiction`; default the default
   * policy's, `cn-consumer-finance-2024`): a column whose name reads as data it bans is refused
   * (`banned_data_category`, every one named: `follower_count`, `weibo_followers` under `eu-ccd2`),
   * and the report records the profile (`dataRules`).
   */
  readonly jurisdiction?: JurisdictionProfile;
  readonly name?: string;
  readonly version?: string;
  /**
   * The date of training (`YYYY-MM-DD`), recorded in the report and the model card. Never read from
   * a clock: left out, the card says the date was not recorded.
   */
  readonly trainedOn?: string;
}

// monotone and validationFraction are options of their own here: in params, the trainer would split the
// training rows a second time.
const CSV_TRAINER_PARAMS = GbdtParams.omit({ monotone: true, validationFraction: true });

/**
 * The pure core of `creditlift train`: CSV text in, manifest and ONNX bytes out. Category codes
 * and training ranges come from the training rows only; holdout metrics from the rest.
 */
export function trainFromCsv(csvText: string, given: CsvTrainingOptions): CsvTrainingResult {
  // Read once into a plain copy, which training then uses: a getter or Proxy is refused by name, never thrown raw.
  const { value: options, issues: optionIssues } = readRuledOptions(
    given,
    {
      ...TABLE_READING_RULES,
      monotone: ['string', 'text of the form col:+1,col:-1'],
      params: ['object', 'trainer parameters (see resolveGbdtParams)'],
      validationFraction: [
        { test: (v) => typeof v === 'number' && v >= 0 && v < 1, what: 'a share of the rows from 0 (no holdout) up to but not including 1' },
        'a share of the rows',
      ],
      refit: ['boolean', 'true or false'],
      name: ['string', "the model's name"],
      version: ['string', "the model's version"],
      trainedOn: [{ test: (v) => typeof v === 'string' && !Number.isNaN(calendarDateOf(v)), what: 'a date YYYY-MM-DD' }, 'the date of training'],
    } satisfies Record<keyof CsvTrainingOptions, OptionRuleEntry>,
    ['options'],
  );
  // Checked here, before the data is read, by the trainer's own schema: the holdout is drawn from
  // the seed before the trainer sees it. Read once as plain data, and the parsed copy is what trains.
  const paramsRead =
    typeof options === 'object' && options !== null && typeof options.params === 'object' && options.params !== null
      ? readSchemaOptions(options.params, CSV_TRAINER_PARAMS, ['options', 'params'])
      : undefined;
  refuseArguments('trainFromCsv', [
    typeIssue(['csvText'], csvText, 'string', "the CSV file's text"),
    optionIssues,
    paramsRead?.ok === false ? paramsRead.issues : undefined,
  ]);
  const table = parseCsv(csvText);
  const jurisdiction = options.jurisdiction ?? defaultPolicy.jurisdiction;
  const params: GbdtParamsInput = paramsRead?.ok === true ? paramsRead.data : {};
  const earlyStopping = params.earlyStoppingRounds !== undefined;
  const fraction = options.validationFraction ?? (earlyStopping ? 0.2 : 0);
  const refit = options.refit ?? false;
  if (fraction === 0 && (earlyStopping || refit)) {
    const path = earlyStopping ? 'earlyStoppingRounds' : 'refit';
    throw new ValidationError('training options', [
      {
        path: [path],
        code: 'holdout_required',
        message: `${earlyStopping ? 'early stopping' : '--refit'} needs a holdout: give --validation-fraction above 0`,
      },
    ]);
  }
  const tooSmall = fraction > 0 ? holdoutSizeIssue('validationFraction', fraction, table.rows.length, heldOutRows(table.rows.length, fraction)) : undefined;
  if (tooSmall !== undefined) throw new ValidationError('training options', [tooSmall]);
  const { trainRows, validRows } = holdoutSplit(table.rows.length, fraction > 0 ? fraction : undefined, params.seed ?? 0);
  const encoded = fitTabularEncoding(table, {
    target: options.target,
    positive: options.positive,
    ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
    ...(options.categorical === undefined ? {} : { categorical: options.categorical }),
    ...(options.naTokens === undefined ? {} : { naTokens: options.naTokens }),
    ...(options.maxCategoryShare === undefined ? {} : { maxCategoryShare: options.maxCategoryShare }),
    jurisdiction,
    fitRows: trainRows,
  });
  const featureNames = encoded.encodings.map((e) => e.name);
  const monotone = parseMonotone(options.monotone, featureNames);
  refuseMonotoneCategories(encoded, monotone);
  const oneOutcome =
    fraction > 0 ? oneOutcomeLeftIssue(table, encoded.labels, trainRows, options.target, options.positive, fraction, params.seed ?? 0) : undefined;
  if (oneOutcome !== undefined) throw new ValidationError('training options', [oneOutcome]);
  const train = takeRows(encoded, trainRows);
  const valid = validRows.length > 0 ? takeRows(encoded, validRows) : undefined;
  // trainGbdt's own warnings (picked.warnings) are the facts the report already holds, told by feature
  // index: the report's come from the encoding (column_without_signal) and oneOutcomeHoldout, in the file's names and values.
  const picked = trainGbdt(train, { ...params, monotone }, valid === undefined ? {} : { validation: valid });
  const metrics: Record<string, number> = { trainRows: train.nRows, holdoutRows: valid?.nRows ?? 0, trees: picked.ensemble.trees.length };
  const holdout = valid === undefined ? undefined : holdoutMetrics(picked, valid);
  if (holdout !== undefined) Object.assign(metrics, holdout.metrics);
  // The refit sees the holdout rows too, so its own holdout metrics would flatter it: the report
  // keeps those of the model that picked the rounds.
  const allRows = Uint32Array.from({ length: table.rows.length }, (_, i) => i);
  const model = refit ? trainGbdt(takeRows(encoded, allRows), { ...params, rounds: picked.bestIteration, earlyStoppingRounds: undefined, monotone }) : picked;
  if (refit) Object.assign(metrics, { refitRows: table.rows.length, trees: model.ensemble.trees.length });
  const finalRows = refit ? allRows : trainRows;
  const manifest = buildManifest({
    name: options.name ?? 'creditlift-model',
    version: options.version ?? '1.0.0',
    target: { column: options.target, positive: options.positive },
    encodings: encoded.encodings,
    monotone,
    stats: featureStats(encoded.features, encoded.nFeatures, finalRows),
    // The settings given (rounds asked, early stopping), not the refit run's: those are the refit's own
    // line, so the record keeps that early stopping chose the rounds the refit then ran.
    params: { ...picked.params, ...(fraction > 0 ? { validationFraction: fraction } : {}) },
    metrics,
    ...(refit ? { extraParams: { refit: true, refitRounds: model.ensemble.trees.length } } : {}),
  });
  const onnx = encodeTreeEnsembleModel({ ensemble: model.ensemble, featureNames, metadata: { [MANIFEST_METADATA_KEY]: JSON.stringify(manifest) } });
  const positivesIn = (rows: Uint32Array) => tallyLabels(encoded.labels, undefined, rows).rows[1];
  const targetIndex = table.header.indexOf(options.target);
  // fitTabularEncoding refused a target without exactly two outcomes, so a label-0 row exists.
  const negativeRow = encoded.labels.indexOf(0);
  const negative = table.rows[negativeRow]?.[targetIndex] as string;
  const oneOutcomeHoldout =
    valid === undefined
      ? undefined
      : holdoutOneOutcomeWarning({
          target: options.target,
          positive: options.positive,
          negative,
          labels: valid.labels,
          fraction,
          seed: params.seed ?? 0,
          earlyStoppingPicked: earlyStopping ? picked.bestIteration : undefined,
        });
  const oneProbability = singleProbability(model.ensemble);
  const withoutSplits: TrainingWarning[] =
    oneProbability === undefined
      ? []
      : [
          {
            code: 'model_without_splits',
            column: options.target,
            message: `no tree of the model splits on any column (${model.ensemble.trees.length} trees, ${finalRows.length} rows): it gives every row one probability of "${options.target}" = "${options.positive}", ${oneProbability.toFixed(4)}, and ranks no one; train on more rows, or lower minChildWeight (--min-child-weight, ${model.params.minChildWeight}) or gamma (--gamma, ${model.params.gamma})`,
          },
        ];
  const report: TrainingReport = {
    warnings: [...encoded.warnings, ...(oneOutcomeHoldout === undefined ? [] : [oneOutcomeHoldout]), ...withoutSplits],
    rows: { total: table.rows.length, train: trainRows.length, holdout: validRows.length, finalModel: finalRows.length },
    rounds: {
      picked: picked.bestIteration,
      refit,
      asked: picked.params.rounds,
      run: picked.log.length,
      earlyStoppingRounds: picked.params.earlyStoppingRounds ?? null,
    },
    engine: { name: 'creditlift', version: ENGINE_VERSION },
    model: { sha256: sha256Hex(onnx) },
    ...(options.trainedOn === undefined ? {} : { trainedOn: options.trainedOn }),
    // Strictly decoded UTF-8 gives the file's bytes back, so this is the --data file's own digest.
    data: { sha256: sha256Hex(csvText) },
    target: { column: options.target, positive: options.positive, negative },
    columns: { excluded: [...(options.exclude ?? [])], naTokens: [...(options.naTokens ?? DEFAULT_NA_TOKENS)] },
    dataRules: { jurisdiction: jurisdiction.id, bannedDataCategories: [...jurisdiction.bannedDataCategories] },
    positives: { total: positivesIn(allRows), train: positivesIn(trainRows), holdout: positivesIn(validRows), finalModel: positivesIn(finalRows) },
    ...(holdout === undefined ? {} : { calibration: holdout.calibration }),
  };
  return { manifest, onnx, model, report };
}

/**
 * Why the seeded holdout leaves nothing to learn: it took every row of one outcome (the file holds
 * both, fitTabularEncoding saw to that), so the rows left to train on are all of the other. Told in
 * the target's own values, with the ways out; the trainer would name only label 0 or 1.
 */
function oneOutcomeLeftIssue(
  table: CsvTable,
  labels: Uint8Array,
  trainRows: Uint32Array,
  target: string,
  positive: string,
  fraction: number,
  seed: number,
): ValidationIssue | undefined {
  const left = loneLabel(tallyLabels(labels, undefined, trainRows));
  if (left === undefined) return undefined;
  const targetIndex = table.header.indexOf(target);
  const negative = table.rows[labels.indexOf(0)]?.[targetIndex] as string;
  const goneLabel = 1 - left;
  const [gone, leftText] = left === 0 ? [positive, negative] : [negative, positive];
  const held = tallyLabels(labels).rows[goneLabel]!;
  return {
    path: ['validationFraction'],
    code: 'single_class',
    message: `validationFraction ${fraction} (seed ${seed}) holds out all ${held} row${held === 1 ? '' : 's'} of "${target}" = ${JSON.stringify(gone)} and leaves ${trainRows.length} rows to train on that are all ${JSON.stringify(leftText)}: nothing to learn; give another --seed or a smaller --validation-fraction, or more rows of ${JSON.stringify(gone)}`,
  };
}

/**
 * Refuses a direction given for a column read as categories: the trainer would constrain the codes
 * along the categories' list order, and the manifest would claim an order the column does not have.
 * A numeric column turned categorical by a stray cell ("1,177" in an income column) gets the warning
 * that says why beside it: its constraint would otherwise flatten income along text order.
 */
function refuseMonotoneCategories(encoded: EncodedDataset, monotone: readonly number[]): void {
  const issues: ValidationIssue[] = [];
  encoded.encodings.forEach((e, j) => {
    if (e.kind !== 'categorical' || monotone[j] === 0) return;
    const why = encoded.warnings.find((w) => w.code === 'numeric_looking_categorical' && w.column === e.name);
    issues.push({
      path: ['monotone', e.name],
      code: 'monotone_on_categorical',
      message: `--monotone gives "${e.name}" a direction, but the column is read as ${e.categories?.length ?? 0} categories, which have no order a direction could follow${
        why === undefined ? ' (give it 0, or leave it out)' : `: ${why.message}`
      }`,
    });
  });
  if (issues.length > 0) throw new ValidationError('monotone constraints', issues);
}

function takeRows(data: EncodedDataset, rows: Uint32Array): GbdtRowMajorData {
  const p = data.nFeatures;
  const features = new Float32Array(rows.length * p);
  rows.forEach((r, t) => features.set(data.features.subarray(r * p, (r + 1) * p), t * p));
  return { features, labels: Uint8Array.from(rows, (r) => data.labels[r]!), nRows: rows.length, nFeatures: p };
}

/**
 * AUC, KS, Brier and log-loss on the holdout (discrimination metrics only when both classes occur),
 * and calibration by decile of predicted probability.
 */
function holdoutMetrics(model: TrainedModel, valid: GbdtRowMajorData): { metrics: Record<string, number>; calibration: CalibrationBin[] } {
  const { probabilities } = evaluateEnsembleBatch(model.ensemble, valid.features, valid.nRows);
  const out: Record<string, number> = { holdoutBrier: brier(valid.labels, probabilities), holdoutLogLoss: logLoss(valid.labels, probabilities) };
  const positives = valid.labels.reduce((s, y) => s + y, 0);
  if (positives > 0 && positives < valid.nRows) {
    out.holdoutAuc = auc(valid.labels, probabilities);
    out.holdoutKs = ks(valid.labels, probabilities);
  }
  return { metrics: out, calibration: calibrationTable(valid.labels, probabilities, 10) };
}

/**
 * The summary's holdout line; none without a holdout. A holdout of one outcome says AUC and KS were not
 * measured (the warning above says why) rather than dropping the line.
 */
function holdoutLine(m: NonNullable<ModelManifest['metrics']>, report: TrainingReport): string | undefined {
  if (report.rows.holdout === 0) return undefined;
  const logLoss = `log-loss ${m.holdoutLogLoss?.toFixed(4)}`;
  if (m.holdoutAuc !== undefined) return `holdout (${m.holdoutRows} rows): AUC ${m.holdoutAuc.toFixed(4)}, KS ${m.holdoutKs?.toFixed(4)}, ${logLoss}`;
  const held = report.positives?.holdout === 0 ? report.target?.negative : report.target?.positive;
  return `holdout (${m.holdoutRows} rows): AUC and KS not measured (every row is ${JSON.stringify(held)}), ${logLoss}`;
}

/** How the summary line says the final model's rounds came about, when it was refit. */
function refitNote(report: TrainingReport): string {
  const { rounds } = report;
  if (!rounds.refit) return '';
  return rounds.earlyStoppingRounds == null
    ? ` (refit on every row with the ${rounds.picked} rounds given, after measuring on the holdout)`
    : ` (early stopping chose ${rounds.picked} rounds on the holdout, then refit on every row)`;
}

function list(raw: string | undefined): string[] | undefined {
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

/**
 * `creditlift train`: parses `argv` (the arguments after `train`), trains, writes
 * DIR/model.onnx, DIR/manifest.json, DIR/training-report.json and DIR/MODEL_CARD.md, prints a summary. Returns the exit code (0 ok, 1 data
 * refused, 2 bad command line); never throws for what argv says (argv that is not an array of strings, or `io` without
 * `stdout` and `stderr`, is refused with a ValidationError: there is nowhere to report to).
 *
 * @example
 * process.exitCode = runTrainCommand(['--data', 'loans.csv', '--target', 'default', '--positive', '1', '--out', 'model']);
 */
export function runTrainCommand(argv: readonly string[], io: CommandIo = processIo): number {
  checkCommandArguments('runTrainCommand', argv, io);
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
    refuseOverwritingInputs(
      ['model.onnx', 'manifest.json', TRAINING_REPORT_FILE, MODEL_CARD_FILE].map((f) => ['--out', join(v.out!, f)] as const),
      [['--data', v.data]],
    );
    const { params, validationFraction: fraction, maxCategoryShare: share } = trainNumbersOf(v);
    const trainedOn = v['trained-on'];
    if (trainedOn !== undefined && Number.isNaN(calendarDateOf(trainedOn))) throw new UsageError(`--trained-on expects a date YYYY-MM-DD, got "${trainedOn}"`);
    const jurisdiction = v.jurisdiction === undefined ? undefined : jurisdictionProfiles[v.jurisdiction];
    if (v.jurisdiction !== undefined && (jurisdiction === undefined || !Object.hasOwn(jurisdictionProfiles, v.jurisdiction)))
      throw new UsageError(`--jurisdiction expects one of ${Object.keys(jurisdictionProfiles).join(', ')}, got "${v.jurisdiction}"`);
    const naTokens = v.na === undefined ? undefined : v.na.split(',').map((t) => t.trim());
    const exclude = list(v.exclude);
    const categorical = list(v.categorical);
    const result = trainFromCsv(readOptionTextSync('--data', v.data!), {
      target: v.target!,
      positive: v.positive!,
      ...(exclude === undefined ? {} : { exclude }),
      ...(categorical === undefined ? {} : { categorical }),
      ...(v.monotone === undefined ? {} : { monotone: v.monotone }),
      params,
      ...(fraction === undefined ? {} : { validationFraction: fraction }),
      ...(v.refit === true ? { refit: true } : {}),
      ...(naTokens === undefined ? {} : { naTokens }),
      ...(share === undefined ? {} : { maxCategoryShare: share }),
      ...(jurisdiction === undefined ? {} : { jurisdiction }),
      ...(v.name === undefined ? {} : { name: v.name }),
      ...(v['model-version'] === undefined ? {} : { version: v['model-version'] }),
      ...(trainedOn === undefined ? {} : { trainedOn }),
    });
    const outDir = v.out!;
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'model.onnx'), result.onnx);
    writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(result.manifest, null, 2)}\n`);
    writeFileSync(join(outDir, TRAINING_REPORT_FILE), `${JSON.stringify(result.report, null, 2)}\n`);
    // Rendered from the files as written, so it is what "creditlift model card DIR" prints.
    writeFileSync(join(outDir, MODEL_CARD_FILE), renderTrainedModelCard(readModelFolder(outDir)));
    for (const w of result.report.warnings) io.stderr(`warning (${w.code}): ${terminalText(w.message)}\n`);
    const m = result.manifest.metrics ?? {};
    const summary = [
      `trained ${result.model.ensemble.trees.length} trees on ${result.report.rows.finalModel} rows x ${result.manifest.features.length} features${refitNote(result.report)}`,
      holdoutLine(m, result.report),
      `wrote ${['model.onnx', 'manifest.json', TRAINING_REPORT_FILE, MODEL_CARD_FILE].map((f) => join(outDir, f)).join(', ')}`,
    ];
    io.stdout(`${summary.filter((s) => s !== undefined).join('\n')}\n`);
    return ExitCode.ok;
  } catch (e) {
    return reportError(e, io, TRAIN_USAGE);
  }
}
