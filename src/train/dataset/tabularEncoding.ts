import { z } from 'zod';
import { refuseArguments, schemaIssues, typeNameOf } from '../../errors/argumentIssues.js';
import { CsvTableShape, FeatureEncodingShape, readRuledOptions, ROW_INDICES, TABLE_READING_RULES, type OptionRuleEntry } from '../trainArguments.js';
import { ValidationError, type ValidationIssue } from '../../errors/index.js';
import { protectedCharacteristicOf } from '../../text/protectedCharacteristic.js';
import { protectedValueOf } from '../../text/protectedValue.js';
import { defaultPolicy } from '../../policy/defaultPolicy.js';
import type { JurisdictionProfile } from '../../policy/jurisdictionProfile.js';
import { bannedDataColumnIssues } from './bannedDataColumns.js';
import { truncateForMessage } from '../../errors/truncateForMessage.js';
import { categoryKey, visibleSpelling } from '../../text/categoryKey.js';
import { columnKindOf, missingCell, missingTokenSet, numericCell, type ColumnKind } from './columnKind.js';
import { columnCaseWarnings, columnNameIssues, nearColumnHint } from './columnNames.js';
import { lenientCellWarnings } from './lenientCellWarnings.js';
import { lineOfRow, type CsvTable } from './parseCsv.js';
import { targetLabels } from './targetLabels.js';
import { featureCellPaddingIssues, trainingCellText } from './trainingCellPadding.js';
import { uninformativeColumnWarnings } from './uninformativeColumnWarnings.js';
import type { TrainingWarning } from './trainingWarning.js';

export type { TrainingWarning } from './trainingWarning.js';

/** How one CSV column becomes one model input. Stored in the model manifest. */
export interface FeatureEncoding {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Categorical only: the category for code 0, 1, 2, ... (lowest training event rate first). */
  readonly categories?: readonly string[];
}

/** Options of {@link fitTabularEncoding}. */
export interface FitEncodingOptions {
  /** Column holding the outcome. */
  readonly target: string;
  /**
   * Value of the target column that marks the positive (bad) outcome, compared as written: a target cell
   * with surrounding whitespace, or a missing one (empty or a missing-value token), is refused at its line.
   */
  readonly positive: string;
  /** Columns to leave out of the model (identifiers, protected characteristics, leaks). */
  readonly exclude?: readonly string[];
  /** Columns to treat as categorical even if every value looks numeric (codes, postcodes). */
  readonly categorical?: readonly string[];
  /** Rows whose outcomes order the categories (the training rows); all rows when absent. */
  readonly fitRows?: Uint32Array;
  /**
   * Cell texts meaning "missing" (compared case-insensitively; empty cells always are). Default
   * `NA`, `NaN`, `null`, `N/A`: a numeric column written with `NA` stays numeric.
   */
  readonly naTokens?: readonly string[];
  /**
   * A categorical column whose distinct values exceed this share of its non-missing cells is
   * reported as high-cardinality (an id, a free-text field, or numbers misread). Default 0.5.
   */
  readonly maxCategoryShare?: number;
  /**
   * The jurisdiction the model will score under (a policy's `jurisdiction`; default the default
   * policy's, `cn-consumer-finance-2024`): a column whose name reads as data it bans is refused
   * (`banned_data_category`: `follower_count`, `weibo_followers`, `douyin_fans` under `eu-ccd2`).
   */
  readonly jurisdiction?: JurisdictionProfile;
}

/** A CSV turned into a numeric matrix and labels, with the encodings that did it. */
export interface EncodedDataset {
  readonly encodings: readonly FeatureEncoding[];
  readonly nRows: number;
  readonly nFeatures: number;
  /** Row-major float32 features; NaN = missing or unknown category. */
  readonly features: Float32Array;
  /** 1 where the target equals the positive value. */
  readonly labels: Uint8Array;
  /** What the training report should tell a person about the columns. */
  readonly warnings: readonly TrainingWarning[];
}

// Cells at fault one refusal lists (the rest are counted): a hundred show the pattern.
const MAX_ISSUES = 100;

/**
 * Chooses an encoding for every column except the target (numeric when every non-empty cell is a
 * number, categorical otherwise, with categories coded in order of their event rate in `fitRows`
 * so trees can split them like an ordinal), then encodes the table and its binary target. A category
 * is a value as `categoryKey` reads it (NFKC, invisible characters dropped, trimmed; case kept): NFC and
 * NFD `Café` are one category, and a warning names the spellings read as one.
 *
 * Nothing is read silently otherwise: the target cell is one of the two outcomes exactly as written
 * (see `positive`), a cell padded with whitespace other than spaces and tabs (NBSP, U+3000, a BOM,
 * U+2028) is refused (`invalid_cell_padding`, by `score`'s rule), and every lenient reading of a feature
 * cell (spaces and tabs around it, leading zeros) is counted in `warnings` with its first line.
 *
 * Throws a {@link ValidationError} listing every problem: a column name with surrounding whitespace or
 * an invisible character, a feature cell padded with whitespace other than spaces and tabs
 * (`invalid_cell_padding` at `rows.<i>.<column>`, naming its line and each code point; read before a
 * column's kind is chosen), a missing, padded or non-binary target cell (each at `rows.<i>.<target>`,
 * its message naming the file line), an unknown or padded positive value, unknown column names in the
 * options, `categorical` naming the target or an excluded column, protected characteristics as inputs:
 * a column named for one, or a categorical column holding a category that names a protected group
 * (`segment` holding `female`: `protected_characteristic` at `columns.<name>.categories`; single
 * letters such as `M` / `F` are not read), a column named for data the jurisdiction bans
 * (`banned_data_category` at `columns.<name>`: `weibo_followers` under `eu-ccd2`).
 */
export function fitTabularEncoding(table: CsvTable, given: FitEncodingOptions): EncodedDataset {
  // Read once into a plain copy, which the fit then uses: a getter or Proxy is refused by name, never thrown raw.
  const { value: options, issues: optionIssues } = readRuledOptions(
    given,
    {
      ...TABLE_READING_RULES,
      fitRows: [ROW_INDICES, 'a Uint32Array of row indices'],
    } satisfies Record<keyof FitEncodingOptions, OptionRuleEntry>,
    ['options'],
  );
  refuseArguments('fitTabularEncoding', [schemaIssues(['table'], table, CsvTableShape), optionIssues]);
  const issues: ValidationIssue[] = columnNameIssues(table.header);
  const index = new Map(table.header.map((name, j) => [name, j]));
  const excluded = new Set(options.exclude ?? []);
  for (const [option, names] of [
    ['exclude', options.exclude ?? []],
    ['categorical', options.categorical ?? []],
  ] as const) {
    names.forEach((name, k) => {
      if (!index.has(name))
        issues.push({
          path: [option, k],
          code: 'unknown_column',
          message: `--${option} names "${name}", which is not a column of the data${nearColumnHint(name, table.header)}`,
        });
      else if (option === 'categorical' && (name === options.target || excluded.has(name)))
        issues.push({
          path: [option, k],
          code: 'overlapping_columns',
          message: `--categorical names "${name}", ${name === options.target ? 'the target' : 'which --exclude leaves out'}: it is not a feature, so the option would do nothing`,
        });
    });
  }
  const targetIndex = index.get(options.target);
  if (targetIndex === undefined) {
    issues.push({
      path: ['target'],
      code: 'missing_column',
      message: `Target column "${options.target}" is not in the data (columns: ${table.header.join(', ')})${nearColumnHint(options.target, table.header)}`,
    });
    throw new ValidationError('training data', issues);
  }
  const missing = missingTokenSet(options.naTokens);
  const labels = targetLabels(table, targetIndex, options.target, options.positive, missing, issues);
  const forcedCategorical = new Set(options.categorical ?? []);
  const featureColumns = table.header.map((name, j) => ({ name, j })).filter(({ name, j }) => j !== targetIndex && !excluded.has(name));
  const jurisdiction = options.jurisdiction ?? defaultPolicy.jurisdiction;
  for (const { name } of featureColumns) {
    issues.push(...bannedDataColumnIssues([name], jurisdiction));
    const characteristic = protectedCharacteristicOf(name);
    if (characteristic !== null) {
      issues.push({
        path: ['columns', name],
        code: 'protected_characteristic',
        message: `"${name}" looks like a protected characteristic (${characteristic}) and is never a model input; leave it out with --exclude ${name}`,
      });
    }
  }
  if (featureColumns.length === 0) issues.push({ path: ['columns'], code: 'no_features', message: 'No feature columns left after the target and exclusions' });
  issues.push(...featureCellPaddingIssues(table, featureColumns));
  if (issues.length > 0) throw new ValidationError('training data', issues);

  const maxShare = options.maxCategoryShare ?? 0.5;
  const warnings: TrainingWarning[] = columnCaseWarnings(table.header);
  const fitRows = options.fitRows ?? Uint32Array.from({ length: table.rows.length }, (_, i) => i);
  const encodings: FeatureEncoding[] = featureColumns.map(({ name, j }) => {
    const cells = table.rows.map((r) => r[j]!);
    const forced = forcedCategorical.has(name);
    const kind = forced ? 'categorical' : columnKindOf(cells, missing);
    warnings.push(...lenientCellWarnings(table, j, name, kind, missing));
    if (kind === 'numeric') return { name, kind };
    const { categories, spellings } = categoriesByEventRate(table, j, labels, fitRows, missing);
    const valueIssue = protectedCategoriesIssue(name, categories);
    if (valueIssue !== undefined) issues.push(valueIssue);
    warnings.push(...categoricalWarnings(name, cells, categories.length, forced, missing, maxShare), ...spellingWarnings(name, spellings));
    return { name, kind, categories };
  });
  if (issues.length > 0) throw new ValidationError('training data', issues);
  const features = encodeRows(table, encodings, { naTokens: options.naTokens });
  warnings.push(...uninformativeColumnWarnings(encodings, features, fitRows));
  return { encodings, nRows: table.rows.length, nFeatures: encodings.length, features, labels, warnings };
}

// Values one refusal names (the rest are counted): a few show what the column holds.
const LISTED_VALUES = 3;

/**
 * The refusal of a column whose learned categories name a protected group (`segment` holding `male`
 * and `female`, a column of `已婚` / `未婚`), whatever the column is called; undefined when none does.
 */
function protectedCategoriesIssue(name: string, categories: readonly string[]): ValidationIssue | undefined {
  const found = categories.map((c) => ({ c, v: protectedValueOf(c) })).filter((e) => e.v !== null);
  const first = found[0]?.v;
  if (first == null) return undefined;
  const listed = found
    .slice(0, LISTED_VALUES)
    .map((e) => `"${truncateForMessage(e.c)}"`)
    .join(', ');
  const more = found.length > LISTED_VALUES ? ` and ${found.length - LISTED_VALUES} more` : '';
  return {
    path: ['columns', name, 'categories'],
    code: 'protected_characteristic',
    message: `"${name}" holds the categor${found.length === 1 ? 'y' : 'ies'} ${listed}${more}, which name a protected characteristic (${first.characteristic}), so the column is never a model input, whatever it is called; leave it out with --exclude ${name}`,
  };
}

/** A numeric-looking column read as categories, or one category per row: both worth a person's look. */
function categoricalWarnings(
  name: string,
  cells: readonly string[],
  nCategories: number,
  forced: boolean,
  missing: ReadonlySet<string>,
  maxShare: number,
): TrainingWarning[] {
  const out: TrainingWarning[] = [];
  let present = 0;
  let numeric = 0;
  const nonNumeric = new Set<string>();
  for (const c of cells) {
    if (missingCell(c, missing)) continue;
    present++;
    if (numericCell(c, missing) !== undefined) numeric++;
    else if (nonNumeric.size < 5) nonNumeric.add(c.trim());
  }
  if (present > 0 && numeric / present >= 0.9) {
    const why = forced
      ? 'it was listed in --categorical'
      : `of ${nonNumeric.size > 0 ? [...nonNumeric].map((v) => `"${v}"`).join(', ') : 'a few values'} (an unlisted missing-value token? see --na)`;
    out.push({
      code: 'numeric_looking_categorical',
      column: name,
      message: `"${name}": ${numeric} of ${present} values are numbers, but the column is read as ${nCategories} categories because ${why}`,
    });
  }
  if (present > 0 && nCategories / present > maxShare) {
    out.push({
      code: 'high_cardinality_categorical',
      column: name,
      message: `"${name}": ${nCategories} distinct categories in ${present} values (more than ${Math.round(maxShare * 100)}%): an identifier or free text? leave it out with --exclude ${name}`,
    });
  }
  return out;
}

/**
 * Distinct non-missing categories of column `j` (values as {@link categoryKey} reads them), lowest event
 * rate among `rows` first (ties by text); and for each category the spellings it was written in, as
 * written (surrounding whitespace included), with their row counts.
 */
function categoriesByEventRate(
  table: CsvTable,
  j: number,
  labels: Uint8Array,
  rows: Uint32Array,
  missing: ReadonlySet<string>,
): { categories: string[]; spellings: Map<string, Map<string, number>> } {
  const stats = new Map<string, { n: number; events: number }>();
  const spellings = new Map<string, Map<string, number>>();
  const keys: string[] = table.rows.map((r) => {
    const written = r[j]!;
    const v = categoryKey(written);
    if (missingCell(v, missing)) return '';
    if (!stats.has(v)) {
      stats.set(v, { n: 0, events: 0 });
      spellings.set(v, new Map());
    }
    const byWritten = spellings.get(v) as Map<string, number>;
    byWritten.set(written, (byWritten.get(written) ?? 0) + 1);
    return v;
  });
  for (const i of rows) {
    const s = stats.get(keys[i]!);
    if (s === undefined) continue;
    s.n++;
    s.events += labels[i]!;
  }
  // A category never seen in the fitting rows has no rate; the overall rate puts it mid-pack.
  let n = 0;
  let events = 0;
  for (const i of rows) {
    n++;
    events += labels[i]!;
  }
  const overall = n > 0 ? events / n : 0;
  const rate = (s: { n: number; events: number }): number => (s.n > 0 ? s.events / s.n : overall);
  const categories = [...stats.entries()].sort(([a, sa], [b, sb]) => rate(sa) - rate(sb) || (a < b ? -1 : a > b ? 1 : 0)).map(([v]) => v);
  return { categories, spellings };
}

/** Most spellings or categories one warning lists. */
const LISTED = 5;

/**
 * Categories written in several spellings (read as one, said here), or in one spelling that is not the
 * category (`" A"` read as `A`, said here), and categories that differ only in case (kept as two, said
 * here): none happens without a word in the training report.
 */
function spellingWarnings(name: string, spellings: ReadonlyMap<string, ReadonlyMap<string, number>>): TrainingWarning[] {
  const out: TrainingWarning[] = [];
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  const notToldApart = 'surrounding whitespace, Unicode form, width and invisible characters are not told apart';
  for (const [category, written] of spellings) {
    if (written.size < 2 && written.has(category)) continue;
    const listed = [...written].slice(0, LISTED).map(([w, n]) => `"${visibleSpelling(w)}" (${rows(n)})`);
    out.push({
      code: 'category_spellings_merged',
      column: name,
      message:
        written.size < 2
          ? `"${name}": category "${category}" is only ever written ${listed.join('')}, read as "${category}" (${notToldApart})`
          : `"${name}": ${written.size} spellings are read as one category "${category}" (${notToldApart}): ${listed.join(', ')}${written.size > LISTED ? ', ...' : ''}`,
    });
  }
  const byLowerCase = new Map<string, string[]>();
  for (const category of spellings.keys()) {
    const lower = category.toLowerCase();
    const group = byLowerCase.get(lower);
    if (group === undefined) byLowerCase.set(lower, [category]);
    else group.push(category);
  }
  for (const group of byLowerCase.values()) {
    if (group.length < 2) continue;
    const listed = group
      .sort()
      .slice(0, LISTED)
      .map((c) => `"${c}"`);
    out.push({
      code: 'categories_differ_only_in_case',
      column: name,
      message: `"${name}": ${listed.join(' and ')}${group.length > LISTED ? ' ...' : ''} differ only in case and are kept as ${group.length} categories (case can tell codes apart); write them alike if they are one`,
    });
  }
  return out;
}

/**
 * Encodes a table with fitted encodings, matching columns by name (extra columns are ignored):
 * numbers as float32, categories as their codes, missing cells (empty or a missing-value token,
 * see `naTokens`) and unseen categories as NaN.
 * Throws a {@link ValidationError} for a missing column, a cell padded with whitespace other than spaces
 * and tabs (`invalid_cell_padding`: `"Café\u00a0"` is not `Café`), a non-numeric cell in a numeric column,
 * or a number beyond float32's range (`out_of_range`, e.g. `1e39`), each at `rows.<i>.<column>`.
 */
export function encodeTable(
  table: CsvTable,
  encodings: readonly FeatureEncoding[],
  given: { readonly naTokens?: readonly string[] | undefined } = {},
): Float32Array {
  // Read once into a plain copy, as fitTabularEncoding reads its own.
  const { value: options, issues: optionIssues } = readRuledOptions(given, { naTokens: ['strings', 'an array of missing-value tokens'] }, ['options']);
  refuseArguments('encodeTable', [
    schemaIssues(['table'], table, CsvTableShape),
    schemaIssues(['encodings'], encodings, z.array(FeatureEncodingShape)),
    optionIssues,
  ]);
  return encodeRows(table, encodings, options);
}

/**
 * Per categorical column, each value (as {@link categoryKey} reads it) its model does not code, with the
 * number of rows holding it: what `predict` scored as missing, to be said.
 */
export type UnseenCategoryCounts = Map<string, Map<string, number>>;

/**
 * {@link encodeTable} of a table the CSV reader gave (unchecked: once per batch of rows). A cell is
 * coded by its text without the spaces and tabs around it, or else by its {@link categoryKey} (so a model trained before categories
 * were read canonically still reads its own spellings); one coded by neither is counted into `unseen`.
 */
export function encodeRows(
  table: CsvTable,
  encodings: readonly FeatureEncoding[],
  options: { readonly naTokens?: readonly string[] | undefined } = {},
  unseen?: UnseenCategoryCounts,
): Float32Array {
  const missing = missingTokenSet(options.naTokens);
  const issues: ValidationIssue[] = [];
  let atFault = 0;
  const refuse = (issue: ValidationIssue) => {
    if (atFault++ < MAX_ISSUES) issues.push(issue);
  };
  const index = new Map(table.header.map((name, j) => [name, j]));
  const p = encodings.length;
  const out = new Float32Array(table.rows.length * p);
  encodings.forEach((enc, k) => {
    const j = index.get(enc.name);
    if (j === undefined) {
      issues.push({ path: ['columns', enc.name], code: 'missing_column', message: `Column "${enc.name}" that the model reads is not in the data` });
      return;
    }
    if (enc.kind === 'categorical') {
      const codes = new Map((enc.categories ?? []).map((c, code) => [c, code]));
      table.rows.forEach((r, i) => {
        const read = trainingCellText(table, i, enc.name, r[j]!, 'value');
        if (!read.ok) {
          refuse(read.issue);
          out[i * p + k] = Number.NaN;
          return;
        }
        const cell = read.text;
        const asWritten = missingCell(cell, missing) ? Number.NaN : codes.get(cell);
        if (asWritten !== undefined) {
          out[i * p + k] = asWritten;
          return;
        }
        // Only a cell not coded as written is read canonically (most cells are, and NFKC is the cost).
        const key = categoryKey(cell);
        const code = missingCell(key, missing) ? Number.NaN : codes.get(key);
        out[i * p + k] = code ?? Number.NaN;
        if (code === undefined && unseen !== undefined) {
          let counts = unseen.get(enc.name);
          if (counts === undefined) unseen.set(enc.name, (counts = new Map()));
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      });
      return;
    }
    table.rows.forEach((r, i) => {
      const read = trainingCellText(table, i, enc.name, r[j]!, 'value');
      if (!read.ok) {
        refuse(read.issue);
        out[i * p + k] = Number.NaN;
        return;
      }
      const x = numericCell(r[j]!, missing);
      const at = ['rows', i, enc.name];
      if (x === undefined) {
        refuse({
          path: at,
          code: 'not_a_number',
          message: `Line ${lineOfRow(table, i)}: "${enc.name}" is numeric but the cell is not a number`,
          expected: 'number',
          received: 'string',
        });
        out[i * p + k] = Number.NaN;
        return;
      }
      const y = Math.fround(x);
      if (!Number.isNaN(x) && !Number.isFinite(y)) {
        // Models compute in float32: 1e39 would become Infinity there, and a training range or
        // covers built on it would fail far from the cell that caused it.
        refuse({
          path: at,
          code: 'out_of_range',
          message: `Line ${lineOfRow(table, i)}: "${enc.name}" is ${read.text}, beyond float32 (magnitude at most 3.4028234e38), in which models compute`,
          expected: 'a number of magnitude at most 3.4028234e38',
          received: read.text,
        });
        out[i * p + k] = Number.NaN;
      } else if (y === 0 && x !== 0) {
        // The other end of float32: 1e-50 would be 0 there, a value the cell does not hold.
        refuse({
          path: at,
          code: 'out_of_range',
          message: `Line ${lineOfRow(table, i)}: "${enc.name}" is ${read.text}, which float32 (in which models compute) reads as 0: a magnitude of at least 1.4e-45, or 0, is wanted`,
          expected: '0, or a number of magnitude at least 1.4e-45',
          received: 'a number float32 rounds to 0',
        });
        out[i * p + k] = Number.NaN;
      } else out[i * p + k] = y;
    });
  });
  if (atFault > MAX_ISSUES)
    issues.push({ path: ['rows'], code: 'too_many_issues', message: `${atFault - MAX_ISSUES} more cells at fault; the first ${MAX_ISSUES} are listed` });
  if (issues.length > 0) throw new ValidationError('data', issues);
  return out;
}

/** Range (ignoring missing) and missing share of each feature over the given rows. */
export interface FeatureStats {
  readonly trainingRange?: { readonly min: number; readonly max: number };
  readonly missingShare: number;
}

/** Computes {@link FeatureStats} per feature of a row-major matrix over `rows` (all when absent). */
export function featureStats(features: Float32Array, nFeatures: number, rows?: Uint32Array): FeatureStats[] {
  refuseArguments('featureStats', [
    features instanceof Float32Array
      ? undefined
      : {
          path: ['features'],
          code: 'invalid_type',
          message: 'features must be a row-major Float32Array',
          expected: 'Float32Array',
          received: typeNameOf(features),
        },
    Number.isSafeInteger(nFeatures) && nFeatures >= 1
      ? undefined
      : { path: ['nFeatures'], code: 'invalid_type', message: 'nFeatures must be a whole number >= 1', received: typeNameOf(nFeatures) },
    rows === undefined || rows instanceof Uint32Array
      ? undefined
      : { path: ['rows'], code: 'invalid_type', message: 'rows must be a Uint32Array of row indices', received: typeNameOf(rows) },
  ]);
  const n = rows === undefined ? features.length / nFeatures : rows.length;
  const out: FeatureStats[] = [];
  for (let k = 0; k < nFeatures; k++) {
    let min = Infinity;
    let max = -Infinity;
    let missing = 0;
    for (let t = 0; t < n; t++) {
      const x = features[(rows === undefined ? t : rows[t]!) * nFeatures + k]!;
      if (Number.isNaN(x)) missing++;
      else {
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
    const missingShare = n > 0 ? missing / n : 0;
    out.push(min <= max ? { trainingRange: { min, max }, missingShare } : { missingShare });
  }
  return out;
}
