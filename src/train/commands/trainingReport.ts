import { z } from 'zod';
import { DataCategory } from '../../schema/dataCategory.js';
import { IsoDate, Sha256Hex } from '../../schema/primitives.js';
import type { TrainingWarning } from '../dataset/trainingWarning.js';
import type { CalibrationBin } from '../gbdt/metrics.js';

const WARNING_CODES = [
  'numeric_looking_categorical',
  'high_cardinality_categorical',
  'category_spellings_merged',
  'categories_differ_only_in_case',
  'cells_trimmed',
  'numbers_with_leading_zeros',
  'columns_differ_only_in_case',
  'column_without_signal',
  'holdout_one_outcome',
  'model_without_splits',
] as const satisfies readonly TrainingWarning['code'][];
// Every warning code is listed, so a report holding a new one is read, not refused.
const warningCodesComplete: Exclude<TrainingWarning['code'], (typeof WARNING_CODES)[number]> extends never ? true : never = true;
void warningCodesComplete;

const RowCount = z.number().int().min(0);
/** Rows of each use: the file, the training split, the holdout, and the rows the final model learned on. */
const RowsByUse = z.strictObject({ total: RowCount, train: RowCount, holdout: RowCount, finalModel: RowCount });

const CalibrationBinShape = z.strictObject({
  bin: z.number().int().min(1),
  count: RowCount,
  minPredicted: z.number(),
  maxPredicted: z.number(),
  meanPredicted: z.number(),
  observedRate: z.number(),
}) satisfies z.ZodType<CalibrationBin>;

/**
 * `training-report.json`, as `creditlift train` writes it beside the model: the facts about the
 * data and the run that the manifest inside the model does not hold, and every warning about the
 * data. The model card is rendered from it and the manifest.
 *
 * Fields past `warnings`, `rows` and `rounds` were added with the model card: a report written
 * before lacks them, and the card says each such fact is unknown.
 */
export const TrainingReport = z.strictObject({
  /** What a person should look at: lenient readings, suspicious columns. */
  warnings: z.array(z.strictObject({ code: z.enum(WARNING_CODES), column: z.string(), message: z.string() })),
  rows: RowsByUse,
  /**
   * How the rounds were chosen: `picked` is the trees the model measured on the holdout kept (the best
   * round when early stopping ran, else every round), `refit` whether the final model was then trained on
   * every row with that many. `asked` (the rounds given), `run` (the rounds run before stopping) and
   * `earlyStoppingRounds` (the patience, null without early stopping) were added later: a report written
   * before lacks them, and the card says how the rounds were chosen is unknown.
   */
  rounds: z.strictObject({
    picked: z.number().int().min(0),
    refit: z.boolean(),
    asked: z.number().int().min(1).optional(),
    run: z.number().int().min(0).optional(),
    earlyStoppingRounds: z.number().int().min(1).nullable().optional(),
  }),
  /** The creditlift that trained the model. */
  engine: z.strictObject({ name: z.literal('creditlift'), version: z.string().min(1) }).optional(),
  /** SHA-256 of the `model.onnx` this report was written with: a report beside another model is refused. */
  model: z.strictObject({ sha256: Sha256Hex }).optional(),
  /** The date of training the caller gave (`train --trained-on`); never read from a clock. */
  trainedOn: IsoDate.optional(),
  /** SHA-256 of the training data as UTF-8: `sha256sum` of the `--data` file, which `train` reads as is. */
  data: z.strictObject({ sha256: Sha256Hex }).optional(),
  /** The outcome column, the value read as the bad outcome (label 1) and the other value (label 0). */
  target: z.strictObject({ column: z.string(), positive: z.string(), negative: z.string() }).optional(),
  /** Columns left out (`--exclude`), and the cell texts read as missing besides the empty cell. */
  columns: z.strictObject({ excluded: z.array(z.string()), naTokens: z.array(z.string()) }).optional(),
  /**
   * The jurisdiction profile the columns were checked under and the data categories it bans: a column
   * named for one of them was refused. Added later: a report written before lacks it, and the card says
   * under which profile is unknown.
   */
  dataRules: z.strictObject({ jurisdiction: z.string().min(1), bannedDataCategories: z.array(DataCategory) }).optional(),
  /** Rows holding the bad outcome (label 1), by the same uses as `rows`: the class balance. */
  positives: RowsByUse.optional(),
  /** Calibration by decile of predicted probability on the holdout, when there is one. */
  calibration: z.array(CalibrationBinShape).optional(),
});
/** A training report; see {@link TrainingReport}. */
export type TrainingReport = z.infer<typeof TrainingReport>;

/** The file `creditlift train` writes its {@link TrainingReport} to, in the model folder. */
export const TRAINING_REPORT_FILE = 'training-report.json';
