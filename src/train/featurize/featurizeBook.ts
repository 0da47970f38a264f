import { everyKeyOf, refuseArguments, schemaIssues, typeIssue, typeNameOf } from '../../errors/argumentIssues.js';
import { CsvTableShape } from '../trainArguments.js';
import { catalogOf, type Catalog } from '../../catalog/resolveCatalog.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';
import { assessEvidence } from '../../evidence/assessEvidence.js';
import { createUnknownKindTally } from '../../evidence/unknownKinds.js';
import { defaultFeatureColumns, createFeatureEncoder } from '../../features/featureEncoder.js';
import { builtInFeatureSet, featureSetIssue, type FeatureSet } from '../../features/featureSet.js';
import { parseWithFeatures } from '../../features/parseFeatureApplicant.js';
import { missingCell, tokenSet, DEFAULT_NA_TOKENS } from '../dataset/columnKind.js';
import { lineOfRow, type CsvTable } from '../dataset/parseCsv.js';
import { visibleSpelling } from '../../text/categoryKey.js';
import { paddedCellText } from '../../csv/paddedCellText.js';
import { float32Text } from '../commands/predictCommand.js';
import type { ModelManifest } from '../../model/manifest.js';
import { assertAllowedDataCategories } from '../../decision/dataCategoryCheck.js';
import { isBannedDataItem } from '../../evidence/bannedDataItem.js';
import { builtInProfileIssues } from '../../policy/builtInProfileIssues.js';
import { defaultPolicy } from '../../policy/defaultPolicy.js';
import { JurisdictionProfile } from '../../policy/jurisdictionProfile.js';
import { readRequiredOptions } from '../../errors/readOptions.js';

/** Options of {@link featurizeBook}. */
export interface FeaturizeOptions {
  /** Column of the outcomes CSV holding the applicant id (`applicant.id`). */
  readonly idColumn: string;
  /** Column of the outcomes CSV holding the outcome; copied as the last column of the output. */
  readonly target: string;
  /** Features to write (default: the built-in ones), in declaration order. */
  readonly features?: FeatureSet;
  /** Certificate catalog the scorer will use (default: the built-in catalog). */
  readonly catalog?: Catalog;
  /**
   * The jurisdiction the scorer will decide under (its policy's `jurisdiction`; default the default
   * policy's, `cn-consumer-finance-2024`). Its banned data categories apply as they do to decisions:
   * an upload of a kind in one (a creator follower count under `eu-ccd2`) is assessed
   * `banned_data_category` and is in no feature of its row (counted in `bannedDataUploads`), and a
   * feature declaring one is refused (CreditliftError `banned_data_category`), as the scorer refuses
   * a model reading it.
   */
  readonly jurisdiction?: JurisdictionProfile;
  /** Source line of each applicant, for error messages (default: index + 1). */
  readonly lines?: readonly number[];
  /**
   * A trained model's manifest: `matrix` then holds its columns in its order with its category
   * codes, i.e. exactly the rows the scorer feeds that model. Without it, every declared feature
   * in declaration order with the declared category codes.
   */
  readonly manifest?: Pick<ModelManifest, 'features'>;
}

/** What {@link featurizeBook} produced. */
export interface FeaturizedBook {
  /** The training CSV: one column per feature (categories by name, missing empty), then the target. */
  readonly csv: string;
  /** Feature column names, in order. */
  readonly featureNames: readonly string[];
  readonly nRows: number;
  /** The same features as float32, row-major, exactly what the scorer feeds the model (see `manifest`). */
  readonly matrix: Float32Array;
  /** Outcome cell of every row. */
  readonly outcomes: readonly string[];
  /**
   * Certificate uploads of a kind whose data category the jurisdiction bans, left out of every row
   * as decisions leave them out (said in `warnings` too, by kind): 0 when there are none.
   */
  readonly bannedDataUploads: number;
  /**
   * Things a person should look at: outcome rows without an applicant, categories the model never
   * saw, certificate uploads of kinds the catalog does not know (rejected `unknown_kind`, so they
   * count as no evidence: a lender's own kinds without its `catalog`), uploads of data the
   * jurisdiction bans (left out of the rows).
   */
  readonly warnings: readonly string[];
  /**
   * `creditlift train` arguments that keep the model in line with the declared features: the
   * declared monotone directions, and `--categorical` for categorical features whose categories
   * look numeric.
   */
  readonly trainArgs: readonly string[];
}

const MAX_ISSUES = 100;

/**
 * Turns a book of applicants and their outcomes into the training matrix the scorer will compute:
 * each applicant is validated and assessed exactly as a live decision is (lender attributes by
 * the feature set's schema; evidence under `jurisdiction`, so data it bans is in no feature), every
 * feature computed by the same code, numbers written so they read back as the same float32,
 * categories written by name so `creditlift train` reads them as categories and the model's
 * manifest lists them by name. A model trained on it therefore matches
 * the scorer's features by construction.
 *
 * Outcome ids are compared as written, not trimmed, as `simulate` compares them: an outcome
 * `" app-1"` is not applicant `app-1` (whose `no_outcome` issue then names that outcome line).
 *
 * Outcome values are copied as written, as `train` compares them: one padded with spaces or tabs is
 * `invalid_outcome`, one padded with other whitespace (NBSP, U+3000, a BOM) `invalid_cell_padding`
 * naming each code point, at its outcome line (the file's own line, from `outcomes.lines`), and a target named
 * like a feature column (two columns of one name) is `duplicate_column`.
 *
 * Nothing is dropped silently: an invalid applicant, an applicant without an outcome, a missing
 * outcome value, a duplicated id or a feature value that is neither a number, a category name nor
 * missing (null, undefined and NaN are written as missing), or that a lender's feature threw or
 * computed twice differently, is an error naming every one (up to 100); outcome rows without an
 * applicant, and categories a given `manifest`'s model never saw (written as missing), are warnings.
 *
 * @throws ValidationError listing every problem; CreditliftError `banned_data_category` naming every
 *   written feature whose data category the jurisdiction bans (or that declares none)
 * @example
 * const book = featurizeBook(applicants, parseCsv(outcomesText), { idColumn: 'id', target: 'defaulted' });
 * writeFileSync('train.csv', book.csv);
 */
export function featurizeBook(applicants: readonly unknown[], outcomes: CsvTable, given: FeaturizeOptions): FeaturizedBook {
  // Read once into a plain copy, which featurizing then uses: a getter or Proxy is refused by name, never thrown raw.
  const { value: options, issues: optionIssues } = readFeaturizeOptions(given);
  refuseArguments('featurizeBook', [
    Array.isArray(applicants)
      ? undefined
      : { path: ['applicants'], code: 'invalid_type', message: 'applicants must be an array (of applicant records)', received: typeNameOf(applicants) },
    schemaIssues(['outcomes'], outcomes, CsvTableShape),
    optionIssues,
  ]);
  const features = options.features ?? builtInFeatureSet;
  // Validated and copied once, as createScorer reads a hand-built Map: the rows must count the
  // evidence the scorer will.
  const catalog = options.catalog === undefined ? undefined : catalogOf(options.catalog);
  const jurisdiction = options.jurisdiction ?? defaultPolicy.jurisdiction;
  const bannedDataCategories = jurisdiction.bannedDataCategories;
  const issues: ValidationIssue[] = [];
  const add = (issue: ValidationIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
  };
  const idAt = outcomes.header.indexOf(options.idColumn);
  const targetAt = outcomes.header.indexOf(options.target);
  if (idAt < 0)
    add({
      path: ['outcomes', options.idColumn],
      code: 'missing_column',
      message: `The outcomes have no id column "${options.idColumn}" (columns: ${outcomes.header.join(', ')})`,
    });
  if (targetAt < 0)
    add({
      path: ['outcomes', options.target],
      code: 'missing_column',
      message: `The outcomes have no target column "${options.target}" (columns: ${outcomes.header.join(', ')})`,
    });
  if (issues.length > 0) throw new ValidationError('featurize', issues);

  const missing = tokenSet(DEFAULT_NA_TOKENS);
  const outcomeById = new Map<string, string>();
  // Ids as written, as `simulate` and the scorer compare them: " app-1" is not "app-1". An id
  // with surrounding spaces is kept by its trimmed text, so an applicant it would have matched
  // says which outcome line nearly did, rather than one being matched to it silently.
  const paddedByTrimmed = new Map<string, { id: string; line: number }>();
  outcomes.rows.forEach((row, i) => {
    const line = lineOfRow(outcomes, i);
    const id = row[idAt] as string;
    if (id !== id.trim() && !paddedByTrimmed.has(id.trim())) paddedByTrimmed.set(id.trim(), { id, line });
    // The outcome as written, as train compares it: a trimmed copy would hide from train what the file holds.
    const value = row[targetAt] as string;
    const padded = paddedCellText(value, options.target, 'outcome');
    if (outcomeById.has(id)) add({ path: ['outcomes', line], code: 'duplicate_id', message: `Outcome line ${line}: id "${id}" appears more than once` });
    else if (!padded.ok)
      add({ ...padded.issue, path: ['outcomes', line, options.target], message: `Outcome line ${line}: id "${id}": ${padded.issue.message}` });
    else if (missingCell(value, missing))
      add({ path: ['outcomes', line], code: 'missing_target', message: `Outcome line ${line}: id "${id}" has no ${options.target} value` });
    else if (value !== value.trim())
      add({
        path: ['outcomes', line, options.target],
        code: 'invalid_outcome',
        message: `Outcome line ${line}: id "${id}" has ${options.target} "${visibleSpelling(value)}", with surrounding whitespace: outcomes are copied as written, and train compares them as written`,
      });
    outcomeById.set(id, value);
  });

  const encoder = createFeatureEncoder(options.manifest ?? defaultFeatureColumns(features), features);
  // A column the scorer would refuse to read under this jurisdiction is not written for a model to learn.
  assertAllowedDataCategories(encoder.definitions, jurisdiction);
  if (encoder.names.includes(options.target))
    add({
      path: ['options', 'target'],
      code: 'duplicate_column',
      message: `The target "${options.target}" is also a feature column: the matrix would hold two columns of that name (train refuses it); rename the outcomes column`,
    });
  const categoriesOf = (options.manifest ?? defaultFeatureColumns(features)).features.map((f, j) => f.categories ?? encoder.definitions[j]!.categories ?? []);
  const width = encoder.width;
  const matrix = new Float32Array(applicants.length * width);
  const rowOutcomes: string[] = [];
  const used = new Set<string>();
  // Categories a given manifest's model never saw: written as missing, as the scorer feeds them, and said.
  const unseen = new Map<string, number>();
  const unknownKinds = createUnknownKindTally();
  // Uploads of banned data by kind: assessed `banned_data_category` and in no feature, as in a decision.
  const banned = new Map<string, number>();
  applicants.forEach((input, i) => {
    const line = options.lines?.[i] ?? i + 1;
    let applicant;
    try {
      applicant = parseWithFeatures(input, features);
    } catch (e) {
      const found = e instanceof ValidationError ? e.issues : [{ path: [], code: 'invalid' as const, message: String(e) }];
      for (const issue of found) add({ ...issue, path: ['applicants', line, ...issue.path], message: `Applicant line ${line}: ${issue.message}` });
      return;
    }
    const outcome = outcomeById.get(applicant.id);
    if (outcome === undefined) {
      const padded = paddedByTrimmed.get(applicant.id);
      const near = padded === undefined ? '' : ` (outcome line ${padded.line} has "${padded.id}", with surrounding spaces: ids are compared as written)`;
      add({ path: ['applicants', line, 'id'], code: 'no_outcome', message: `Applicant line ${line}: id "${applicant.id}" has no row in the outcomes${near}` });
      return;
    }
    if (used.has(applicant.id))
      add({ path: ['applicants', line, 'id'], code: 'duplicate_id', message: `Applicant line ${line}: id "${applicant.id}" appears more than once` });
    used.add(applicant.id);
    const { items } = assessEvidence(applicant, { ...(catalog === undefined ? {} : { catalog }), bannedDataCategories });
    unknownKinds.addAssessed(items);
    for (const item of items) if (isBannedDataItem(item)) banned.set(item.kind, (banned.get(item.kind) ?? 0) + 1);
    try {
      encoder.encode({ applicant, evidence: items }, matrix, rowOutcomes.length * width);
    } catch (e) {
      // A feature value no column can hold is this applicant's problem; the others are still checked.
      if (!(e instanceof ValidationError)) throw e;
      for (const issue of e.issues) add({ ...issue, path: ['applicants', line, ...issue.path], message: `Applicant line ${line}: ${issue.message}` });
      return;
    }
    for (const u of encoder.unseenCategories({ applicant, evidence: items })) {
      const key = `${u.feature} "${u.category}"`;
      unseen.set(key, (unseen.get(key) ?? 0) + 1);
    }
    rowOutcomes.push(outcome);
  });
  if (issues.length > 0) throw new ValidationError('featurize', issues);

  const unmatched = [...outcomeById.keys()].filter((id) => !used.has(id));
  let bannedDataUploads = 0;
  for (const n of banned.values()) bannedDataUploads += n;
  const unknownKindsWarning = unknownKinds.message(
    'the matrix holds them as no evidence: pass your own kinds as the catalog option (creditlift featurize --catalog FILE.json)',
  );
  const warnings = [
    ...(unmatched.length === 0
      ? []
      : [
          `${unmatched.length} outcome row(s) have no applicant (e.g. ${unmatched
            .slice(0, 3)
            .map((id) => `"${id}"`)
            .join(', ')}); they are not in the output`,
        ]),
    ...(unseen.size === 0
      ? []
      : [
          `categories the model never saw are written as missing, as the scorer feeds them to it: ${[...unseen]
            .map(([key, n]) => `${key} (${n} applicant(s))`)
            .join(', ')}`,
        ]),
    ...(unknownKindsWarning === undefined ? [] : [unknownKindsWarning]),
    ...(bannedDataUploads === 0
      ? []
      : [
          `${bannedDataUploads} certificate upload(s) of a data category ${jurisdiction.id} bans (${[...banned]
            .map(([kind, n]) => `${kind}: ${n}`)
            .join(', ')}) are in no feature of their rows, as decisions under ${jurisdiction.id} leave them out`,
        ]),
  ];
  const nRows = rowOutcomes.length;
  const lines = [[...encoder.names, options.target].map(csvCell).join(',')];
  for (let r = 0; r < nRows; r++) {
    const cells: string[] = [];
    for (let j = 0; j < width; j++) {
      const x = matrix[r * width + j] as number;
      const def = encoder.definitions[j]!;
      if (Number.isNaN(x)) cells.push('');
      // A category goes out by name, so `train` codes it by name and the manifest lists names.
      else if (def.kind === 'categorical') cells.push(csvCell(categoriesOf[j]![x]!));
      // The shortest text that reads back as the same float32 the scorer feeds the model.
      else cells.push(float32Text(x));
    }
    cells.push(csvCell(rowOutcomes[r]!));
    lines.push(cells.join(','));
  }
  return {
    csv: `${lines.join('\n')}\n`,
    featureNames: encoder.names,
    nRows,
    matrix: matrix.subarray(0, nRows * width),
    outcomes: rowOutcomes,
    bannedDataUploads,
    warnings,
    trainArgs: trainArgsFor(features),
  };
}

function trainArgsFor(features: FeatureSet): string[] {
  const monotone = features.definitions.filter((d) => d.monotone !== 0).map((d) => `${d.name}:${d.monotone > 0 ? '+1' : '-1'}`);
  const numericLooking = features.definitions
    .filter((d) => d.kind === 'categorical' && (d.categories ?? []).every((c) => /^[+-]?[\d.]+$/.test(c)))
    .map((d) => d.name);
  return [
    ...(monotone.length > 0 ? ['--monotone', monotone.join(',')] : []),
    ...(numericLooking.length > 0 ? ['--categorical', numericLooking.join(',')] : []),
  ];
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

const FEATURIZE_OPTION_KEYS = everyKeyOf<FeaturizeOptions>()(['idColumn', 'target', 'features', 'catalog', 'jurisdiction', 'lines', 'manifest']);

/** The options read once into a plain copy, and every fault of them (an unreadable option's included). */
function readFeaturizeOptions(given: FeaturizeOptions): { readonly value: FeaturizeOptions; readonly issues: ValidationIssue[] } {
  const read = readRequiredOptions(given, FEATURIZE_OPTION_KEYS, ['options']);
  const o = read.value;
  if (o === undefined) return { value: given, issues: read.issues };
  // An option whose read threw is named once, as unreadable, not again as missing.
  const unreadable = new Set(read.issues.filter((i) => i.code === 'unreadable_input').map((i) => i.path[1]));
  const required = (key: string, issue: ValidationIssue | undefined) => (unreadable.has(key) ? undefined : issue);
  const manifest = o.manifest as { features?: unknown } | undefined;
  const issues = [
    ...read.issues,
    required('idColumn', typeIssue(['options', 'idColumn'], o.idColumn, 'string', 'the name of the outcomes id column')),
    required('target', typeIssue(['options', 'target'], o.target, 'string', 'the name of the outcomes target column')),
    featureSetIssue(['options', 'features'], o.features, true),
    o.catalog === undefined || o.catalog instanceof Map
      ? undefined
      : {
          path: ['options', 'catalog'],
          code: 'invalid_type' as const,
          message: 'catalog must be a catalog from resolveCatalog',
          received: typeNameOf(o.catalog),
        },
    ...jurisdictionIssues(o.jurisdiction),
    typeIssue(['options', 'lines'], o.lines, 'numbers', 'the line number of each applicant', true),
    manifest === undefined || (typeof manifest === 'object' && manifest !== null && Array.isArray(manifest.features))
      ? undefined
      : {
          path: ['options', 'manifest'],
          code: 'invalid_type' as const,
          message: "manifest must be a model's manifest (its features)",
          received: typeNameOf(manifest),
        },
  ].filter((i): i is ValidationIssue => i !== undefined);
  return { value: o as unknown as FeaturizeOptions, issues };
}

/** A jurisdiction profile, as a policy holds one: its schema, and a built-in id carries the built-in rules. */
function jurisdictionIssues(jurisdiction: unknown): ValidationIssue[] {
  if (jurisdiction === undefined) return [];
  const at = ['options', 'jurisdiction'];
  const shape = schemaIssues(at, jurisdiction, JurisdictionProfile);
  if (shape.length > 0) return shape;
  return builtInProfileIssues(jurisdiction as JurisdictionProfile).map(({ path, message }) => ({ path: [...at, ...path], code: 'custom' as const, message }));
}
