import { everyKeyOf } from '../../errors/argumentIssues.js';
import { readOptions } from '../../errors/readOptions.js';
import { ValidationError, type ValidationIssue } from '../../errors/index.js';
import { allocateTree, NodeMode, type Tree, type TreeEnsemble } from '../../model/treeEnsemble.js';
import { binColumns, binTrainingColumns, type BinnedMatrix } from './featureBins.js';
import { gbdtDataRead, sliceColumns, weightlessIssue, type ColumnSlice, type GbdtData } from './gbdtData.js';
import { gbdtParamsRead, type GbdtParams, type GbdtParamsInput } from './gbdtParams.js';
import { binTreeValue, TreeGrower, type BinTree } from './growTree.js';
import { heldOutRows, holdoutSizeIssue, MIN_TRAINING_ROWS } from './holdoutSize.js';
import { loneLabel, tallyLabels } from './labelTally.js';
import { columnWithoutSignalWarnings, holdoutOneOutcome, modelWithoutSplits, type GbdtWarning } from './gbdtWarnings.js';
import { holdoutSplit } from './holdoutSplit.js';
import { createPrng } from './prng.js';

/** Log-loss after one boosting round. */
export interface RoundLog {
  /** 1-based round (number of trees so far). */
  readonly round: number;
  readonly trainLogLoss: number;
  /**
   * Present when a validation set was used. On a validation set of one label it measures that label
   * alone: it falls as every prediction moves toward it, so early stopping on it picks rounds that say
   * nothing about telling the labels apart (`warnings` then holds `holdout_one_outcome`).
   */
  readonly validLogLoss?: number;
}

/** What {@link trainGbdt} returns. */
export interface TrainedModel {
  /** The ensemble in the shared IR, truncated to the best round when early stopping ran. */
  readonly ensemble: TreeEnsemble;
  /** Parameters used, defaults filled in. */
  readonly params: GbdtParams;
  /** Per-round training (and validation) log-loss, for every round actually run. */
  readonly log: readonly RoundLog[];
  /** Number of trees kept (the best round when early stopping ran, else all rounds). */
  readonly bestIteration: number;
  /** Total split gain per feature over the kept trees. */
  readonly gainImportance: Float64Array;
  /** Rows of the input used for training and for validation (ascending), after any seeded split. */
  readonly trainRows: Uint32Array;
  readonly validRows: Uint32Array;
  /**
   * What the data trained on anyway that a person should look at (a feature without signal, a holdout
   * of one label), in feature order then the holdout's; empty when there is nothing to say.
   */
  readonly warnings: readonly GbdtWarning[];
}

/** Options beyond the hyper-parameters. */
export interface TrainGbdtOptions {
  /** Explicit validation set (instead of `params.validationFraction`). */
  readonly validation?: GbdtData;
}

const TRAIN_OPTION_KEYS = everyKeyOf<TrainGbdtOptions>()(['validation']);

/**
 * Trains a binary-logistic gradient-boosted tree ensemble (histogram-based, XGBoost-compatible
 * semantics) and returns it in the shared {@link TreeEnsemble} IR, ready for the ONNX encoder.
 *
 * Deterministic: the same data, params and seed give the same ensemble, bit for bit.
 *
 * @throws ValidationError naming every fault of the call; rows to train on that hold one label (by
 *   weight) are `single_class`, at `data.labels`, or at `validationFraction` when the split left them so
 * @example
 * const model = trainGbdt({ features, nRows, nFeatures, labels }, { rounds: 300, monotone: [1, 0, -1] });
 */
export function trainGbdt(data: GbdtData, paramsInput: GbdtParamsInput = {}, given: TrainGbdtOptions = {}): TrainedModel {
  // Every fault of the call is one ValidationError: its options', its parameters', its data's and
  // those between them. Parameters used to be refused first, so bad data was told only once they
  // were fixed. Each part is read once into a plain copy, which training then uses: a getter or
  // Proxy is refused by name, never thrown raw.
  const read = readOptions(given, TRAIN_OPTION_KEYS, ['options']);
  const options = (read.value ?? {}) as TrainGbdtOptions;
  const paramsRead = gbdtParamsRead(paramsInput);
  const params = paramsRead.ok ? paramsRead.data : undefined;
  // With a holdout, its own check names the rows left to train on (holdoutSizeIssue); parameters
  // that cannot be read leave the holdout unknown, and training needs MIN_TRAINING_ROWS whatever it is.
  const dataRead = gbdtDataRead(data, 'GbdtData', ['data'], params?.validationFraction === undefined ? MIN_TRAINING_ROWS : 1);
  const validationRead = options.validation === undefined ? undefined : gbdtDataRead(options.validation, 'validation', ['options', 'validation']);
  const validationIssues: ValidationIssue[] = [...(validationRead?.issues ?? [])];
  if (dataRead.value !== undefined && validationRead?.value !== undefined && validationRead.value.nFeatures !== dataRead.value.nFeatures)
    validationIssues.push({ path: ['options', 'validation', 'nFeatures'], code: 'invalid_value', message: `expected ${dataRead.value.nFeatures} features` });
  // Each group keeps the subject it was refused under alone (the data's and a validation set's
  // faults are one list, under the data's subject when it has any); several are the call's.
  const groups: readonly (readonly [string, readonly ValidationIssue[]])[] = [
    ['trainGbdt', read.issues],
    ['GbdtParams', paramsRead.ok ? paramsDataIssues(paramsRead.data, dataRead.value, options.validation !== undefined) : paramsRead.issues],
    [dataRead.issues.length > 0 ? 'GbdtData' : 'validation', [...dataRead.issues, ...validationIssues]],
  ];
  const faulty = groups.filter(([, issues]) => issues.length > 0);
  if (faulty.length > 0 || params === undefined || dataRead.value === undefined)
    throw new ValidationError(
      faulty.length === 1 ? (faulty[0] as (typeof faulty)[number])[0] : 'trainGbdt',
      faulty.flatMap(([, issues]) => issues),
    );
  const examples = dataRead.value;
  const validation = validationRead?.value;
  const p = examples.nFeatures;
  // A separate stream for the split so changing subsample settings never moves the holdout.
  const { trainRows, validRows } = holdoutSplit(examples.nRows, params.validationFraction, params.seed);
  const train = sliceColumns(examples, params.validationFraction === undefined ? undefined : trainRows);
  const valid: ColumnSlice | undefined =
    validation !== undefined ? sliceColumns(validation) : params.validationFraction !== undefined ? sliceColumns(examples, validRows) : undefined;
  // The data weighs something in all (gbdtDataRead), but the split may put all of it on one side.
  const f = params.validationFraction;
  const weightless = [
    train.totalWeight > 0 ? undefined : weightlessIssue(['data'], `the ${train.nRows} rows validationFraction ${f} leaves to train on all weigh 0`),
    valid === undefined || valid.totalWeight > 0 || validation !== undefined
      ? undefined
      : weightlessIssue(['data'], `the ${valid.nRows} rows validationFraction ${f} holds out all weigh 0`),
  ].filter((i) => i !== undefined);
  if (weightless.length > 0) throw new ValidationError('GbdtData', weightless);
  // The whole data may hold both outcomes and the rows left to train on one: the baseline's
  // log-odds were then clamped and the trees learned nothing, and the model came back as trained.
  const oneClass = oneClassIssue(train, f !== undefined && holdsBothLabels(examples) ? f : undefined, params.seed);
  if (oneClass !== undefined) throw new ValidationError(oneClass.path[0] === 'validationFraction' ? 'GbdtParams' : 'GbdtData', [oneClass]);

  const binned = binTrainingColumns(train.columns, train.weights, params.maxBins);
  const validBins = valid === undefined ? undefined : binColumns(valid.columns, valid.nRows, binned.cuts, binned.missingBin);

  const baseValue = baseMargin(train);
  const monotone = Int8Array.from(params.monotone ?? new Array<number>(p).fill(0));
  const grower = new TreeGrower(binned, { ...params, monotone });
  const prng = createPrng(params.seed);

  const n = train.nRows;
  const margin = new Float64Array(n).fill(baseValue);
  const validMargin = valid === undefined ? undefined : new Float64Array(valid.nRows).fill(baseValue);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rows = new Uint32Array(n);
  const nColumns = Math.max(1, Math.round(params.colsampleByTree * p));

  const binTrees: BinTree[] = [];
  const log: RoundLog[] = [];
  let bestLoss = Infinity;
  let bestIteration = 0;
  for (let round = 1; round <= params.rounds; round++) {
    computeGradients(margin, train.labels, train.weights, grad, hess);
    let nSample = n;
    if (params.subsample < 1) {
      nSample = 0;
      for (let i = 0; i < n; i++) if (prng.next() < params.subsample) rows[nSample++] = i;
    } else {
      for (let i = 0; i < n; i++) rows[i] = i;
    }
    const features = sampleFeatures(p, nColumns, prng);
    const tree = grower.grow(rows.subarray(0, nSample), grad, hess, features);
    binTrees.push(tree);
    for (let i = 0; i < n; i++) margin[i] = margin[i]! + binTreeValue(tree, binned.bins, p, i, binned.missingBin);
    const entry: { round: number; trainLogLoss: number; validLogLoss?: number } = { round, trainLogLoss: meanLogLoss(margin, train.labels, train.weights) };
    if (valid !== undefined && validMargin !== undefined && validBins !== undefined) {
      for (let i = 0; i < valid.nRows; i++) validMargin[i] = validMargin[i]! + binTreeValue(tree, validBins, p, i, binned.missingBin);
      entry.validLogLoss = meanLogLoss(validMargin, valid.labels, valid.weights);
    }
    log.push(entry);
    const monitored = entry.validLogLoss ?? entry.trainLogLoss;
    if (monitored < bestLoss) {
      bestLoss = monitored;
      bestIteration = round;
    }
    if (params.earlyStoppingRounds !== undefined && round - bestIteration >= params.earlyStoppingRounds) break;
  }
  const kept = params.earlyStoppingRounds === undefined ? binTrees.length : bestIteration;
  const keptTrees = binTrees.slice(0, kept);
  const gainImportance = new Float64Array(p);
  for (const t of keptTrees) for (let k = 0; k < t.nNodes; k++) if (t.feature[k]! >= 0) gainImportance[t.feature[k]!]! += t.gain[k]!;
  const ensemble: TreeEnsemble = {
    nFeatures: p,
    trees: keptTrees.map((t) => toIrTree(t, binned)),
    baseValue,
    postTransform: 'LOGISTIC',
  };
  const oneOutcome =
    valid === undefined
      ? undefined
      : holdoutOneOutcome({
          valid,
          explicit: validation !== undefined,
          fraction: f,
          seed: params.seed,
          earlyStoppingPicked: params.earlyStoppingRounds === undefined ? undefined : kept,
        });
  const noSplits = modelWithoutSplits(ensemble, train.nRows, params);
  const warnings = [
    ...columnWithoutSignalWarnings(train, 'columns' in examples ? 'columns' : 'features'),
    ...(oneOutcome === undefined ? [] : [oneOutcome]),
    ...(noSplits === undefined ? [] : [noSplits]),
  ];
  return { ensemble, params, log, bestIteration: kept, gainImportance, trainRows, validRows, warnings };
}

/**
 * Why the rows to train on teach nothing: every row that weighs something holds one label. Named
 * at `validationFraction` when given one (the caller passes it only when the whole data holds both
 * labels, so the split left them so and another seed or a smaller share trains), else at the data's labels.
 */
function oneClassIssue(train: ColumnSlice, fraction: number | undefined, seed: number): ValidationIssue | undefined {
  const tally = tallyLabels(train.labels, train.weights);
  const present = loneLabel(tally);
  if (present === undefined) return undefined;
  const absent = 1 - present;
  const which = tally.rows[absent]! > 0 ? `all ${present} by weight (the ${absent} rows weigh 0)` : `all ${present} (no ${absent})`;
  return fraction === undefined
    ? { path: ['data', 'labels'], code: 'single_class', message: `the ${train.nRows} rows to train on are ${which}: nothing to learn` }
    : {
        path: ['validationFraction'],
        code: 'single_class',
        message: `validationFraction ${fraction} (seed ${seed}) leaves ${train.nRows} rows to train on that are ${which}: nothing to learn; give another seed or a smaller validationFraction`,
      };
}

/** Whether rows of each label weigh something in the whole data, before any split. */
function holdsBothLabels(data: GbdtData): boolean {
  return loneLabel(tallyLabels(data.labels, data.weights)) === undefined;
}

/** Log-odds of the weighted mean label, clamped so a one-class sample stays finite. */
function baseMargin(train: ColumnSlice): number {
  let sw = 0;
  let sy = 0;
  for (let i = 0; i < train.nRows; i++) {
    sw += train.weights[i]!;
    sy += train.weights[i]! * train.labels[i]!;
  }
  const mean = Math.min(1 - 1e-6, Math.max(1e-6, sy / sw));
  return Math.log(mean / (1 - mean));
}

function computeGradients(margin: Float64Array, labels: Uint8Array, weights: Float64Array, grad: Float64Array, hess: Float64Array): void {
  for (let i = 0; i < margin.length; i++) {
    const m = margin[i]!;
    const prob = m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
    const w = weights[i]!;
    grad[i] = w * (prob - labels[i]!);
    // XGBoost's floor keeps a saturated row from producing a zero hessian.
    hess[i] = w * Math.max(prob * (1 - prob), 1e-16);
  }
}

/** Weighted mean log-loss of margins, computed stably in log space. */
function meanLogLoss(margin: Float64Array, labels: Uint8Array, weights: Float64Array): number {
  let sum = 0;
  let sw = 0;
  for (let i = 0; i < margin.length; i++) {
    const m = margin[i]!;
    // -log sigmoid(m) = softplus(-m); -log(1 - sigmoid(m)) = softplus(m).
    const z = labels[i] === 1 ? -m : m;
    const loss = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    sum += weights[i]! * loss;
    sw += weights[i]!;
  }
  return sw > 0 ? sum / sw : 0;
}

/** Ascending list of `k` of `p` features, all when k = p; a partial Fisher-Yates otherwise. */
function sampleFeatures(p: number, k: number, prng: { next(): number }): Int32Array {
  const all = new Int32Array(p);
  for (let j = 0; j < p; j++) all[j] = j;
  if (k >= p) return all;
  for (let j = 0; j < k; j++) {
    const pick = j + Math.floor(prng.next() * (p - j));
    const tmp = all[j]!;
    all[j] = all[pick]!;
    all[pick] = tmp;
  }
  return all.slice(0, k).sort();
}

/** Bin-space tree to IR: float32 thresholds, x < threshold goes to the true (left) child. */
function toIrTree(t: BinTree, binned: BinnedMatrix): Tree {
  const out = allocateTree(t.nNodes);
  for (let k = 0; k < t.nNodes; k++) {
    const f = t.feature[k]!;
    out.cover[k] = t.cover[k]!;
    if (f < 0) {
      out.leafValue[k] = t.leafValue[k]!;
      continue;
    }
    out.feature[k] = f;
    out.threshold[k] = binned.cuts[f]![t.splitBin[k]!]!;
    out.mode[k] = NodeMode.BRANCH_LT;
    out.trueChild[k] = t.left[k]!;
    out.falseChild[k] = t.right[k]!;
    out.missingTracksTrue[k] = t.defaultLeft[k]!;
  }
  return out;
}

/**
 * The faults between the parameters and the data, every one (each used to be thrown alone): a
 * monotone list that is not one per feature and a holdout too small for the rows (both need the
 * data read), a validation set given twice, early stopping with nothing to stop on.
 */
function paramsDataIssues(params: GbdtParams, data: GbdtData | undefined, explicitValidation: boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (data !== undefined && params.monotone !== undefined && params.monotone.length !== data.nFeatures)
    issues.push({
      path: ['monotone'],
      code: 'invalid_length',
      message: `monotone has ${params.monotone.length} entries, expected one per feature (${data.nFeatures})`,
    });
  if (explicitValidation && params.validationFraction !== undefined)
    issues.push({ path: ['validationFraction'], code: 'invalid_value', message: 'give either an explicit validation set or validationFraction, not both' });
  if (params.earlyStoppingRounds !== undefined && !explicitValidation && params.validationFraction === undefined)
    issues.push({ path: ['earlyStoppingRounds'], code: 'invalid_value', message: 'early stopping needs a validation set or validationFraction' });
  const f = params.validationFraction;
  if (data !== undefined && f !== undefined) {
    const tooSmall = holdoutSizeIssue('validationFraction', f, data.nRows, heldOutRows(data.nRows, f));
    if (tooSmall !== undefined) issues.push(tooSmall);
  }
  return issues;
}
