import { loneLabel, tallyLabels } from '../gbdt/labelTally.js';
import type { TrainingWarning } from './trainingWarning.js';

/** The holdout as {@link holdoutOneOutcomeWarning} reads it. */
export interface HoldoutOutcomes {
  readonly target: string;
  /** The target's values as written: label 1 (`positive`) and label 0 (`negative`). */
  readonly positive: string;
  readonly negative: string;
  /** Label (0 or 1) of each holdout row. */
  readonly labels: ArrayLike<number>;
  readonly fraction: number;
  readonly seed: number;
  /** Rounds early stopping picked on this holdout; undefined when it did not run. */
  readonly earlyStoppingPicked: number | undefined;
}

/**
 * A `holdout_one_outcome` warning when every holdout row holds the same outcome: AUC and KS compare
 * the two outcomes, so neither can be measured, and they were left out of the report and the summary
 * without a word. Told in the target's own values, with the ways out. Early stopping still runs on the
 * holdout's log-loss (the trainer measures it on any rows), but on one outcome that loss falls as every
 * prediction moves toward it, so the rounds it picks say nothing about telling the outcomes apart.
 */
export function holdoutOneOutcomeWarning(h: HoldoutOutcomes): TrainingWarning | undefined {
  const n = h.labels.length;
  const lone = loneLabel(tallyLabels(h.labels));
  if (n === 0 || lone === undefined) return undefined;
  const [held, other] = lone === 0 ? [h.negative, h.positive] : [h.positive, h.negative];
  const stopping =
    h.earlyStoppingPicked === undefined
      ? ''
      : `; early stopping picked ${h.earlyStoppingPicked} rounds by the log-loss of these ${JSON.stringify(held)} rows alone, which rewards pushing every prediction toward ${JSON.stringify(held)}, not telling the outcomes apart`;
  return {
    code: 'holdout_one_outcome',
    column: h.target,
    message: `the holdout (validationFraction ${h.fraction}, seed ${h.seed}) holds only ${JSON.stringify(held)}: all ${n} of its rows have ${JSON.stringify(h.target)} = ${JSON.stringify(held)}, so its AUC and KS cannot be measured and are left out; give another --seed, a larger --validation-fraction, or more rows of ${JSON.stringify(other)}${stopping}`,
  };
}
