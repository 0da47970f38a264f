import type { TreeEnsemble } from '../../model/treeEnsemble.js';
import type { ColumnSlice } from './gbdtData.js';
import type { GbdtParams } from './gbdtParams.js';
import { loneLabel, tallyLabels } from './labelTally.js';
import { oneValueHeld } from './oneValueHeld.js';

/**
 * Something about the data {@link trainGbdt} trained on anyway that a person should look at: the
 * library's counterpart of `train`'s warnings (TrainingWarning), told in the call's own terms (a
 * feature's index, `validationFraction`, `options.validation`) since the trainer has no column names.
 */
export interface GbdtWarning {
  /**
   * `column_without_signal`: every row trained on holds the same value in the feature, or every one
   * is missing, so no tree splits on it; `holdout_one_outcome`: every validation row that weighs
   * something holds one label, so `validLogLoss` (and early stopping, which reads it) measures that
   * label alone, and AUC or KS cannot be measured on it; `model_without_splits`: no kept tree splits
   * (too few rows, or `minChildWeight` / `gamma` too strict for them), so every applicant scores the
   * same probability and the model ranks no one.
   */
  readonly code: 'column_without_signal' | 'holdout_one_outcome' | 'model_without_splits';
  /**
   * Where: feature `j` at `['data', 'columns', j]` (or `['data', 'features', j]` for row-major data, `j`
   * being the feature, not the element); the holdout at `['validationFraction']`, or at
   * `['options', 'validation', 'labels']` when given as `options.validation`; a model without splits
   * at `['data']`.
   */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * A `column_without_signal` warning for each feature whose training rows cannot be told apart by it:
 * every cell missing, or every cell one value (one value with some missing cells still tells rows apart).
 */
export function columnWithoutSignalWarnings(train: ColumnSlice, featuresKey: 'columns' | 'features'): GbdtWarning[] {
  const out: GbdtWarning[] = [];
  train.columns.forEach((column, j) => {
    const held = oneValueHeld(train.nRows, (i) => column[i]!);
    if (held === undefined) return;
    out.push({
      code: 'column_without_signal',
      path: ['data', featuresKey, j],
      message: `feature ${j}: every one of the ${train.nRows} rows trained on ${Number.isNaN(held) ? 'is missing' : `holds ${held}`}, so no tree splits on it and the model learns nothing from it (a failed join? a feature never computed?); leave it out`,
    });
  });
  return out;
}

/** The holdout as {@link holdoutOneOutcome} reads it. */
export interface GbdtHoldout {
  readonly valid: ColumnSlice;
  /** `options.validation` was given (else the holdout is the seeded split of `validationFraction`). */
  readonly explicit: boolean;
  readonly fraction: number | undefined;
  readonly seed: number;
  /** Rounds early stopping kept on this holdout; undefined when it did not run. */
  readonly earlyStoppingPicked: number | undefined;
}

/**
 * A `holdout_one_outcome` warning when every validation row that weighs something holds one label:
 * `validLogLoss` then falls as every prediction moves toward that label, so the rounds early stopping
 * picks by it say nothing about telling the labels apart.
 */
export function holdoutOneOutcome(h: GbdtHoldout): GbdtWarning | undefined {
  const tally = tallyLabels(h.valid.labels, h.valid.weights);
  const held = loneLabel(tally);
  if (held === undefined) return undefined;
  const weighing = tally.weighing[0] + tally.weighing[1];
  const which = h.explicit ? 'options.validation' : `the holdout (validationFraction ${h.fraction}, seed ${h.seed})`;
  const stopping =
    h.earlyStoppingPicked === undefined
      ? ''
      : `; early stopping kept ${h.earlyStoppingPicked} rounds by it, which rewards pushing every prediction toward ${held}, not telling the labels apart`;
  const remedy = h.explicit
    ? `give a validation set with rows of label ${1 - held}`
    : `give another seed, a larger validationFraction, or more rows of label ${1 - held}`;
  return {
    code: 'holdout_one_outcome',
    path: h.explicit ? ['options', 'validation', 'labels'] : ['validationFraction'],
    message: `${which} holds only label ${held}: all ${weighing} of its rows that weigh something have label ${held}, so validLogLoss measures that label alone and AUC or KS cannot be measured on it${stopping}; ${remedy}`,
  };
}

/**
 * The one probability a model gives every row when no kept tree splits (every tree one leaf), else
 * undefined: the fact behind `model_without_splits`, which trainGbdt and `train` each word in their
 * own terms (parameter names, rows).
 */
export function singleProbability(ensemble: TreeEnsemble): number | undefined {
  if (ensemble.trees.some((t) => t.feature.length > 1)) return undefined;
  let margin = ensemble.baseValue;
  for (const t of ensemble.trees) margin += t.leafValue[0] ?? 0;
  return 1 / (1 + Math.exp(-margin));
}

/**
 * A `model_without_splits` warning when every kept tree is one leaf: the margin is one number for
 * every row, so the model's probability (given in the message) ranks no one, which a decision would
 * otherwise show only as the same PD for everybody.
 */
export function modelWithoutSplits(ensemble: TreeEnsemble, trainRows: number, params: Pick<GbdtParams, 'minChildWeight' | 'gamma'>): GbdtWarning | undefined {
  const probability = singleProbability(ensemble);
  if (probability === undefined) return undefined;
  return {
    code: 'model_without_splits',
    path: ['data'],
    message: `no tree splits on any feature (${ensemble.trees.length} trees, ${trainRows} rows trained on): the model gives every applicant one probability, ${probability.toFixed(4)}, and ranks no one; train on more rows, or lower minChildWeight (${params.minChildWeight}) or gamma (${params.gamma})`,
  };
}
