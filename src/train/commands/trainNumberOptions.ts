import { type DecimalRange, decimalOption } from '../../commandLine/decimalOption.js';
import { UsageError } from '../../commandLine/commandIo.js';
import { intOption } from '../../commandLine/intOption.js';
import { MAX_SEED, type GbdtParamsInput } from '../gbdt/gbdtParams.js';

/** A number option of `creditlift train`: whole within [min, max], or decimal within a range. */
export type TrainNumberOption = { readonly kind: 'whole'; readonly min: number; readonly max: number } | ({ readonly kind: 'decimal' } & DecimalRange);

type TrainerParam = Exclude<keyof GbdtParamsInput, 'monotone' | 'validationFraction'>;

/**
 * The trainer parameters `creditlift train` takes, by option, with the values each takes: those of
 * the trainer's own schema (GbdtParams), so a value the command line reads is never refused after
 * it, and the library refuses what the command line refuses (`--seed` within the 32 bits the
 * generator keeps: `-1` and `4294967295`, or 5 and `4294967301`, trained one model).
 */
export const TRAINER_NUMBER_OPTIONS = {
  rounds: ['rounds', { kind: 'whole', min: 1, max: 100_000 }],
  'learning-rate': ['learningRate', { kind: 'decimal', min: 0, minOpen: true, max: 1 }],
  'max-depth': ['maxDepth', { kind: 'whole', min: 1, max: 16 }],
  'min-child-weight': ['minChildWeight', { kind: 'decimal', min: 0 }],
  lambda: ['lambda', { kind: 'decimal', min: 0 }],
  gamma: ['gamma', { kind: 'decimal', min: 0 }],
  subsample: ['subsample', { kind: 'decimal', min: 0, minOpen: true, max: 1 }],
  'colsample-bytree': ['colsampleByTree', { kind: 'decimal', min: 0, minOpen: true, max: 1 }],
  'max-bins': ['maxBins', { kind: 'whole', min: 2, max: 4096 }],
  seed: ['seed', { kind: 'whole', min: 0, max: MAX_SEED }],
  'early-stopping': ['earlyStoppingRounds', { kind: 'whole', min: 1, max: 100_000 }],
} as const satisfies Readonly<Record<string, readonly [TrainerParam, TrainNumberOption]>>;

/** The number options of `creditlift train` that are not trainer parameters. */
export const TABLE_NUMBER_OPTIONS = {
  /** 0 is no holdout (every row trains). */
  'validation-fraction': { kind: 'decimal', min: 0, max: 1, maxOpen: true },
  'max-category-share': { kind: 'decimal', min: 0, minOpen: true, max: 1 },
} as const satisfies Readonly<Record<string, TrainNumberOption>>;

/** One number option's value as given, or undefined when absent. @throws UsageError as intOption and decimalOption do */
export function readTrainNumber(raw: string | undefined, flag: string, option: TrainNumberOption): number | undefined {
  if (option.kind === 'decimal') return decimalOption(raw, flag, option);
  return raw === undefined ? undefined : intOption(raw, flag, 0, option.max, option.min);
}

/** The numbers a `creditlift train` command line gives: trainer parameters, and the table-reading ones. */
export interface TrainNumbers {
  readonly params: Partial<Record<TrainerParam, number>>;
  readonly validationFraction: number | undefined;
  readonly maxCategoryShare: number | undefined;
}

/**
 * Every number option of a `creditlift train` command line, each read by its rule.
 * @throws UsageError naming every option given wrongly, one line each (as the trainer's own
 * ValidationError listed every bad parameter at once)
 */
export function trainNumbersOf(values: Readonly<Record<string, unknown>>): TrainNumbers {
  const faults: string[] = [];
  const read = (flag: string, option: TrainNumberOption): number | undefined => {
    try {
      return readTrainNumber(values[flag] as string | undefined, flag, option);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      faults.push(e.message);
      return undefined;
    }
  };
  const params: Partial<Record<TrainerParam, number>> = {};
  for (const [flag, [param, option]] of Object.entries(TRAINER_NUMBER_OPTIONS)) {
    const x = read(flag, option);
    if (x !== undefined) params[param] = x;
  }
  const validationFraction = read('validation-fraction', TABLE_NUMBER_OPTIONS['validation-fraction']);
  const maxCategoryShare = read('max-category-share', TABLE_NUMBER_OPTIONS['max-category-share']);
  if (faults.length > 0) throw new UsageError(faults.join('\n'));
  return { params, validationFraction, maxCategoryShare };
}
