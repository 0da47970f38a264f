import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { ValidationError, type ValidationIssue } from '../../errors/index.js';
import { readKnownFields } from '../../errors/readOptions.js';

interface GbdtDataCommon {
  /** Number of rows. */
  readonly nRows: number;
  /** Number of features per row. */
  readonly nFeatures: number;
  /** Binary outcome per row: 1 = positive (e.g. default), 0 = negative. */
  readonly labels: Uint8Array;
  /** Optional non-negative weight per row (default 1). */
  readonly weights?: Float64Array;
}

/** Training data as one row-major float32 matrix; NaN means missing. */
export interface GbdtRowMajorData extends GbdtDataCommon {
  /** `nRows * nFeatures` values, row after row. */
  readonly features: Float32Array;
}

/** Training data as one array per feature; NaN means missing. Values are rounded to float32 as served. */
export interface GbdtColumnData extends GbdtDataCommon {
  /** `nFeatures` arrays of `nRows` values each. */
  readonly columns: readonly ArrayLike<number>[];
}

/** Training data for {@link trainGbdt}: row-major or column-wise. */
export type GbdtData = GbdtRowMajorData | GbdtColumnData;

/** The fields of training data {@link readGbdtData} reads (other keys are left unread). */
const GBDT_DATA_KEYS = ['nRows', 'nFeatures', 'labels', 'weights', 'features', 'columns'] as const;

/**
 * Checks shapes, labels and weights, listing every problem at once.
 *
 * @throws ValidationError (subject `subject`) naming every field at fault, one whose read threw as `unreadable_input`
 */
export function validateGbdtData(data: GbdtData, subject = 'GbdtData'): void {
  readGbdtData(data, subject, ['data']);
}

/**
 * Training data read once into a plain copy and checked, the copy returned for training to use:
 * each field once, and a plain list of column values once per value (typed arrays cannot answer
 * twice, and a Proxy posing as one is refused as not one). Read raw, the data was read by the check
 * and again by training: a column answering numbers to the check and text to training was trained
 * on as missing values, and a getter that threw escaped as the caller's own Error.
 *
 * @param at where the caller wrote the data (`['data']`, `['options', 'validation']`): every path
 *   is under it, so a fault of the training data and one of a validation set are told apart
 * @throws ValidationError (subject `subject`) naming every field at fault, one whose read threw as `unreadable_input` at its path
 */
export function readGbdtData(given: unknown, subject: string, at: readonly (string | number)[]): GbdtData {
  const read = gbdtDataRead(given, subject, at);
  if (read.value === undefined) throw new ValidationError(subject, read.issues);
  return read.value;
}

/**
 * {@link readGbdtData} for a caller that lists these faults with others of its own call: the checked
 * copy, or undefined with every fault found at its path under `at`.
 *
 * @param minRows the fewest rows the caller can use (training needs 2, `MIN_TRAINING_ROWS`; a
 *   validation set, one): fewer is `too_small` at `nRows`, listed with the data's other faults
 */
export function gbdtDataRead(
  given: unknown,
  subject: string,
  at: readonly (string | number)[],
  minRows = 1,
): { readonly value: GbdtData; readonly issues: readonly [] } | { readonly value: undefined; readonly issues: readonly ValidationIssue[] } {
  refuseArguments('validateGbdtData', [typeIssue(['subject'], subject, 'string', 'the name errors give the data')]);
  // Data that is no object is one of the caller's faults, listed with the others of its call.
  const notObject = typeIssue(at, given, 'object', 'training data { features | columns, nRows, nFeatures, labels, weights? }');
  if (notObject !== undefined) return { value: undefined, issues: [notObject] };
  const read = readKnownFields(given, GBDT_DATA_KEYS, at);
  if (read.value === undefined || read.issues.length > 0) return { value: undefined, issues: read.issues };
  const data = read.value as unknown as GbdtData;
  const issues = gbdtDataIssues(data, at, minRows);
  return issues.length > 0 ? { value: undefined, issues } : { value: data, issues: [] };
}

/** A typed array of the kind `type` names, itself: a Proxy over one passes `instanceof` but no typed array method takes it. */
function isTyped<T extends Float32Array | Uint8Array | Float64Array>(v: unknown, type: abstract new (...args: never[]) => T): v is T {
  return ArrayBuffer.isView(v) && v instanceof type;
}

function gbdtDataIssues(data: GbdtData, at: readonly (string | number)[], minRows: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { nRows, nFeatures } = data;
  if (!Number.isInteger(nRows) || nRows < 1) issues.push({ path: [...at, 'nRows'], code: 'too_small', message: 'nRows must be a positive integer' });
  if (!Number.isInteger(nFeatures) || nFeatures < 1)
    issues.push({ path: [...at, 'nFeatures'], code: 'too_small', message: 'nFeatures must be a positive integer' });
  if (issues.length > 0) return issues;
  if (nRows < minRows)
    issues.push({
      path: [...at, 'nRows'],
      code: 'too_small',
      message: `training needs at least ${minRows} rows: one row has no split and no spread to learn from`,
      expected: `at least ${minRows} rows`,
      received: `${nRows} row${nRows === 1 ? '' : 's'}`,
    });
  if ('features' in data) {
    if (!isTyped(data.features, Float32Array))
      issues.push({ path: [...at, 'features'], code: 'invalid_type', message: 'features must be a Float32Array', expected: 'Float32Array' });
    else if (data.features.length !== nRows * nFeatures)
      issues.push({
        path: [...at, 'features'],
        code: 'invalid_length',
        message: `features has ${data.features.length} values, expected nRows * nFeatures = ${nRows * nFeatures}`,
      });
  } else if (!Array.isArray(data.columns) || data.columns.length !== nFeatures) {
    issues.push({ path: [...at, 'columns'], code: 'invalid_length', message: `expected ${nFeatures} columns` });
  } else {
    data.columns.forEach((c, j) => {
      if (typeIssue([], c, 'numbers', '') !== undefined)
        issues.push({
          path: [...at, 'columns', j],
          code: 'invalid_type',
          message: `column ${j} must be an array (or typed array) of numbers`,
          expected: 'ArrayLike<number>',
        });
      else if (c.length !== nRows)
        issues.push({ path: [...at, 'columns', j], code: 'invalid_length', message: `column ${j} has ${c.length} values, expected ${nRows}` });
    });
  }
  if (!isTyped(data.labels, Uint8Array) || data.labels.length !== nRows) {
    issues.push({ path: [...at, 'labels'], code: 'invalid_length', message: `labels must be a Uint8Array of length ${nRows}` });
  } else {
    const bad = data.labels.findIndex((y) => y > 1);
    if (bad >= 0) issues.push({ path: [...at, 'labels', bad], code: 'invalid_value', message: 'labels must be 0 or 1', expected: '0 | 1' });
  }
  if (data.weights !== undefined) {
    if (!isTyped(data.weights, Float64Array) || data.weights.length !== nRows) {
      issues.push({ path: [...at, 'weights'], code: 'invalid_length', message: `weights must be a Float64Array of length ${nRows}` });
    } else {
      const bad = data.weights.findIndex((w) => !(w >= 0 && Number.isFinite(w)));
      if (bad >= 0) issues.push({ path: [...at, 'weights', bad], code: 'invalid_value', message: 'weights must be finite and non-negative' });
      else if (!(totalWeight(data.weights) > 0)) issues.push(weightlessIssue(at, `all ${nRows} weights are 0`));
    }
  }
  return issues;
}

/**
 * The issue for rows that weigh nothing in all (`why` says which rows): no gradient, so nothing to
 * learn from, and a log-loss over them is 0/0. Named at the data's `weights`, where it can be mended.
 */
export function weightlessIssue(at: readonly (string | number)[], why: string): ValidationIssue {
  return {
    path: [...at, 'weights'],
    code: 'too_small',
    message: `${why}: rows that weigh nothing in all leave nothing to learn from or measure; give some of them a positive weight`,
    expected: 'a positive total weight',
    received: 'total weight 0',
  };
}

function totalWeight(weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  return total;
}

/** The rows (in the given order) of the data as float32 columns, labels and weights. */
export interface ColumnSlice {
  readonly nRows: number;
  readonly columns: Float32Array[];
  readonly labels: Uint8Array;
  readonly weights: Float64Array;
  /** The sum of `weights`: 0 when the chosen rows weigh nothing (every row of the data may not). */
  readonly totalWeight: number;
}

/** Copies the chosen rows (all when `rows` is undefined) into float32 columns. */
export function sliceColumns(data: GbdtData, rows?: Uint32Array): ColumnSlice {
  const n = rows === undefined ? data.nRows : rows.length;
  const p = data.nFeatures;
  const columns: Float32Array[] = [];
  for (let j = 0; j < p; j++) columns.push(new Float32Array(n));
  const labels = new Uint8Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows === undefined ? i : rows[i]!;
    labels[i] = data.labels[r]!;
    weights[i] = data.weights === undefined ? 1 : data.weights[r]!;
  }
  if ('features' in data) {
    const x = data.features;
    for (let i = 0; i < n; i++) {
      const base = (rows === undefined ? i : rows[i]!) * p;
      for (let j = 0; j < p; j++) columns[j]![i] = x[base + j]!;
    }
  } else {
    for (let j = 0; j < p; j++) {
      const src = data.columns[j]!;
      const dst = columns[j]!;
      for (let i = 0; i < n; i++) dst[i] = src[rows === undefined ? i : rows[i]!]!;
    }
  }
  return { nRows: n, columns, labels, weights, totalWeight: totalWeight(weights) };
}
