import type { ModelManifest } from '../model/manifest.js';
import type { Applicant } from '../schema/applicant.js';
import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { FeatureContext } from './featureContext.js';
import type { FeatureDefinition } from './featureDefinitions.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { FeatureMismatchError, type FeatureMismatch } from './featureMismatchError.js';
import { builtInFeatures, builtInFeatureSet, type FeatureSet } from './featureSet.js';
import { truncateForMessage } from '../errors/truncateForMessage.js';
import { withoutBannedData } from './withoutBannedData.js';
import { attributeSourceLimiter } from './attributeSourceView.js';
import { featureSetNameIssues } from './featureSetNameIssues.js';
import { featureSetValueIssues } from './featureSetValueIssues.js';

/** What the encoder reads: a validated applicant (with its attributes when a feature set declares them) and its evidence. */
export interface FeatureInput {
  readonly applicant: Applicant;
  readonly evidence: readonly EvidenceAssessment[];
}

/**
 * A category a feature computed for an applicant that the model was never trained on: the feature
 * declares it, the model's manifest does not code it (a model trained on a book without farmers
 * deciding a farmer). The model scores it as a missing value, and the decision says so.
 */
export interface UnseenCategory {
  readonly feature: string;
  readonly category: string;
}

/** Turns a feature context into a model's input row, in the model's own column order. */
export interface FeatureEncoder {
  /** Column names, in model input order. */
  readonly names: readonly string[];
  /** The definitions behind each column, in the same order. */
  readonly definitions: readonly FeatureDefinition<never>[];
  /** Number of columns. */
  readonly width: number;
  /**
   * Writes one row into `out` at `offset` (row-major batches share one buffer; no allocation on
   * the hot path). Missing values (NaN, null or undefined from a feature) become NaN; a declared
   * category the model does not code becomes NaN (see {@link FeatureEncoder.unseenCategories}).
   * A lender's feature is computed twice, and must give the same value both times.
   *
   * @throws ValidationError naming every feature (`features.<name>`) whose value no column can
   *   hold: neither a number (numeric) nor a string (categorical) nor missing (`invalid_type`), a
   *   category the feature does not declare (`invalid_value`), ±Infinity (`not_finite`), a number
   *   beyond float32 range, which the model would read as ±Infinity (`out_of_range`); and every lender
   *   feature whose `compute` threw (`feature_failed`) or gave two values for one input
   *   (`nondeterministic_feature`)
   */
  encode(ctx: FeatureInput, out: Float32Array, offset?: number): void;
  /**
   * Writes only the listed columns of one row (each as {@link FeatureEncoder.encode} would), leaving
   * the others as they are: a counterfactual row copies its main row and recomputes the columns
   * its change can reach.
   */
  encodeColumns(ctx: FeatureInput, out: Float32Array, offset: number, columns: readonly number[]): void;
  /**
   * The categories the input's features take that the model does not code, in column order: each
   * was written as missing. Computed only for categorical columns whose model lacks some declared
   * category, so a model that codes them all (the default model) pays nothing. Call it on an input
   * {@link FeatureEncoder.encode} accepted.
   */
  unseenCategories(ctx: FeatureInput): readonly UnseenCategory[];
  /**
   * Every category a feature declares that the model does not code, in column and declaration
   * order: known when the scorer is built, before any applicant takes one (an applicant who does
   * is scored as missing there, and {@link FeatureEncoder.unseenCategories} names it). Empty for
   * the default model.
   */
  readonly uncodedCategories: readonly UnseenCategory[];
}

/**
 * What a feature returned that no column can hold (a string from a numeric feature, an object,
 * Infinity, an undeclared category, a throw): reported, never coerced. Float32Array would write
 * null and false as 0, "640" as 640, "n/a" as NaN and 1e39 as Infinity, each a silent guess the
 * model would be fed. A class of its own, so no value a feature returns can pass for one.
 */
class Refusal {
  constructor(readonly issue: ValidationIssue) {}
}
type ColumnValue = number | Refusal;
type ColumnEncoder = (ctx: FeatureContext<never>) => ColumnValue;

/** How the built-in features say "not known" (NaN), and how an optional attribute says it (null, undefined). */
const isMissing = (v: unknown): v is null | undefined => v === null || v === undefined;
const received = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v);
const builtIns: ReadonlySet<unknown> = new Set(builtInFeatures);
const NO_UNSEEN: readonly UnseenCategory[] = Object.freeze([]);

/**
 * A lender's feature as the encoder calls it: given only the attributes its `sources` name, never a
 * personal identifier, and built-in text only once read for protected groups (attributeSourceView.ts:
 * so no text reaches the model unread by the protected-group check); twice, so that a feature that is not a pure function
 * of its input (a clock, a random number, a counter) is caught instead of giving one applicant
 * different PDs under one decision id; and a throw is a refusal naming the feature, not an
 * internal error with only the thrown message. Built-in features are pure by construction and
 * called once (a throw there is creditlift's own bug).
 */
function lenderCompute(def: FeatureDefinition<never>): (ctx: FeatureContext<never>) => unknown {
  const limit = attributeSourceLimiter(def);
  return (ctx) => {
    const limited = limit(ctx);
    const given = limited.context;
    let v: unknown;
    let again: unknown;
    try {
      v = def.compute(given);
      again = def.compute(given);
    } catch (e) {
      const refused = limited.refusedRead();
      if (refused !== undefined) return new Refusal(refused);
      const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return new Refusal({
        path: ['features', def.name],
        code: 'feature_failed',
        message: `feature "${def.name}" threw when computed (${truncateForMessage(what)}); a feature returns its value, or NaN, null or undefined when the value is missing`,
      });
    }
    // A compute that caught the refusal and went on was still given nothing it may not read,
    // but whatever it returned was worked out around a read it may not make.
    const refused = limited.refusedRead();
    if (refused !== undefined) return new Refusal(refused);
    // Only values a column could hold are compared; any other is refused for its type below.
    const comparable = typeof v === 'number' || typeof v === 'string';
    if (comparable && v !== again && !(v !== v && again !== again))
      return new Refusal({
        path: ['features', def.name],
        code: 'nondeterministic_feature',
        message: `feature "${def.name}" computed two different values for the same applicant and evidence; compute must be a pure function of its context (no clock, random numbers or outside state), or one applicant gets different decisions under one decision id`,
      });
    return v;
  };
}

/** A numeric feature's value as the model reads it (float32), or why it cannot be. */
function numericValue(def: FeatureDefinition<never>, v: unknown): ColumnValue {
  if (typeof v === 'number') {
    // Past float32's range the model would read ±Infinity: refused as Infinity itself is, since
    // featurize would write "Infinity", which `train` reads as a category, not a number.
    const f = Math.fround(v);
    if (f !== Number.POSITIVE_INFINITY && f !== Number.NEGATIVE_INFINITY) return v;
    const infinite = v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY;
    return new Refusal({
      path: ['features', def.name],
      code: infinite ? 'not_finite' : 'out_of_range',
      message: infinite
        ? `feature "${def.name}" computed ${v}; a numeric feature returns a finite number, or NaN, null or undefined when the value is missing`
        : `feature "${def.name}" computed a number beyond float32 range (about ±3.4e38), which the model would read as ±Infinity`,
      expected: 'finite number',
      received: infinite ? String(v) : 'number beyond float32 range',
    });
  }
  return isMissing(v) ? Number.NaN : new Refusal(badValue(def, received(v)));
}

/**
 * Every way the manifest's columns and the declared features disagree: an undeclared feature, a
 * different kind, a categorical column without its categories (coding it in the feature's own
 * order would be a guess), a category the feature never produces (e.g. category codes `0`, `1`
 * where the feature yields `salaried`: those rows would silently score as missing), a declared
 * monotone direction the model does not claim.
 */
export function featureMismatches(manifest: Pick<ModelManifest, 'features'>, features: FeatureSet = builtInFeatureSet): FeatureMismatch[] {
  const out: FeatureMismatch[] = [];
  for (const feature of manifest.features) {
    const def = features.byName.get(feature.name);
    if (def === undefined) {
      out.push({ feature: feature.name, code: 'undeclared_feature', message: `the model reads "${feature.name}" but no declared feature computes it` });
      continue;
    }
    if (def.kind !== feature.kind) {
      out.push({ feature: feature.name, code: 'kind_mismatch', message: `the model reads it as ${feature.kind}, the feature is ${def.kind}` });
      continue;
    }
    if (def.kind === 'categorical' && feature.categories === undefined) {
      // A parsed manifest never gets here (ModelManifest refuses it); a manifest built in code can.
      out.push({
        feature: feature.name,
        code: 'missing_categories',
        message: 'the model reads it as categorical but does not list its categories in the order it codes them (code 0 first)',
      });
    } else if (def.kind === 'categorical' && feature.categories !== undefined) {
      const known = new Set(def.categories ?? []);
      const unknown = feature.categories.filter((c) => !known.has(c));
      if (unknown.length > 0) {
        out.push({
          feature: feature.name,
          code: 'unknown_category',
          message: `the model codes categories the feature never produces (${unknown
            .slice(0, 5)
            .map((c) => `"${c}"`)
            .join(
              ', ',
            )}${unknown.length > 5 ? ', ...' : ''}); the feature's categories are ${(def.categories ?? []).map((c) => `"${c}"`).join(', ')}. Retrain on \`creditlift featurize\` output, which writes categories by name`,
        });
      }
    }
    if (def.monotone !== 0 && feature.monotone !== def.monotone) {
      out.push({
        feature: feature.name,
        code: 'monotone_mismatch',
        message: `the feature is declared monotone ${def.monotone > 0 ? '+1' : '-1'} but the model claims ${feature.monotone}`,
      });
    }
  }
  return out;
}

/**
 * Compiles the manifest's column list into encoders once, so that per-decision work is a flat
 * loop over closures with category lookups already turned into maps. Columns are matched to
 * declared features by name; categories are coded in the model's own order (a lender's model may
 * code them differently), which the model must state, and every category must be one the feature produces.
 *
 * @throws FeatureMismatchError (`model_shape_mismatch`) naming every disagreement between the
 * manifest and the declared features (see {@link featureMismatches}).
 */
export function createFeatureEncoder(manifest: Pick<ModelManifest, 'features'>, features: FeatureSet = builtInFeatureSet): FeatureEncoder {
  // A feature set built by hand (not through defineFeatureSet) is held to the same rules.
  const protectedIssues = [
    ...featureSetNameIssues(features.definitions, features.attributes),
    ...featureSetValueIssues(features.definitions, features.attributes),
  ];
  if (protectedIssues.length > 0) throw new ValidationError('FeatureSet', protectedIssues);
  const mismatches = featureMismatches(manifest, features);
  if (mismatches.length > 0) throw new FeatureMismatchError(mismatches);
  const definitions: FeatureDefinition<never>[] = [];
  const columns: ColumnEncoder[] = [];
  // Categorical columns whose model lacks some declared category: only these can hold an unseen one.
  const gaps: { readonly j: number; readonly compute: (ctx: FeatureContext<never>) => unknown; readonly codes: ReadonlyMap<string, number> }[] = [];
  const uncoded: UnseenCategory[] = [];
  for (const feature of manifest.features) {
    const def = features.byName.get(feature.name) as FeatureDefinition<never>;
    definitions.push(def);
    const compute: (ctx: FeatureContext<never>) => unknown = builtIns.has(def) ? def.compute : lenderCompute(def);
    if (def.kind === 'categorical') {
      // featureMismatches refused a categorical column without categories, so they are the model's own.
      const codes = new Map((feature.categories as readonly string[]).map((c, i) => [c, i]));
      const declared = new Set(def.categories ?? []);
      if (declared.size > codes.size) {
        gaps.push({ j: columns.length, compute, codes });
        for (const category of declared) if (!codes.has(category)) uncoded.push({ feature: def.name, category });
      }
      columns.push((ctx) => {
        const v = compute(ctx);
        if (typeof v === 'string') {
          const code = codes.get(v);
          if (code !== undefined) return code;
          // Declared but never in the model's training data: missing to the model, reported by unseenCategories.
          return declared.has(v) ? Number.NaN : new Refusal(undeclaredCategory(def, v));
        }
        if (v instanceof Refusal) return v;
        // NaN says "missing" here too, as the README promises for every feature.
        return isMissing(v) || Number.isNaN(v) ? Number.NaN : new Refusal(badValue(def, received(v)));
      });
    } else {
      columns.push((ctx) => {
        const v = compute(ctx);
        if (typeof v === 'number') {
          // Finite as float32 (f - f is 0 only for a finite f), or NaN (missing): the hot path.
          const f = Math.fround(v);
          if (f - f === 0 || f !== f) return v;
        }
        return v instanceof Refusal ? v : numericValue(def, v);
      });
    }
  }
  const names = manifest.features.map((f) => f.name);
  // Built-in features read accepted items only, so an item of a banned data category (always
  // rejected) never reaches them; a lender's feature could count it, so it is given the input
  // without such items.
  const lenderFeatures = definitions.some((d) => !builtIns.has(d));
  const contextOf = (input: FeatureInput) => (lenderFeatures ? withoutBannedData(input) : input) as unknown as FeatureContext<never>;
  return {
    names,
    definitions,
    width: columns.length,
    encode(input, out, offset = 0) {
      // The scorer's parse sets `attributes` whenever a feature set declares any; built-in
      // features never read them, so the applicant is the context as it stands (no copy per row).
      const ctx = contextOf(input);
      let bad: ValidationIssue[] | undefined;
      for (let j = 0; j < columns.length; j++) {
        const v = (columns[j] as ColumnEncoder)(ctx);
        if (typeof v === 'number') out[offset + j] = v;
        else (bad ??= []).push(v.issue);
      }
      if (bad !== undefined) throw new ValidationError('feature values', bad);
    },
    encodeColumns(input, out, offset, which) {
      const ctx = contextOf(input);
      let bad: ValidationIssue[] | undefined;
      for (const j of which) {
        const v = (columns[j] as ColumnEncoder)(ctx);
        if (typeof v === 'number') out[offset + j] = v;
        else (bad ??= []).push(v.issue);
      }
      if (bad !== undefined) throw new ValidationError('feature values', bad);
    },
    uncodedCategories: uncoded.length === 0 ? NO_UNSEEN : Object.freeze(uncoded.map((u) => Object.freeze(u))),
    unseenCategories(input) {
      if (gaps.length === 0) return NO_UNSEEN;
      const ctx = contextOf(input);
      let unseen: UnseenCategory[] | undefined;
      for (const g of gaps) {
        const v = g.compute(ctx);
        if (typeof v === 'string' && !g.codes.has(v)) (unseen ??= []).push({ feature: names[g.j] as string, category: v });
      }
      return unseen ?? NO_UNSEEN;
    },
  };
}

function undeclaredCategory(def: FeatureDefinition<never>, v: string): ValidationIssue {
  const categories = (def.categories ?? []).map((c) => `"${c}"`).join(', ');
  return {
    path: ['features', def.name],
    code: 'invalid_value',
    message: `feature "${def.name}" computed "${truncateForMessage(v)}", which is not one of its categories (${truncateForMessage(categories, 200)}); a categorical feature returns one of them, or NaN, null or undefined when the value is missing`,
    expected: 'a declared category',
    received: 'string',
  };
}

function badValue(def: FeatureDefinition<never>, got: string): ValidationIssue {
  const expected = def.kind === 'numeric' ? 'a number' : 'a category name (string)';
  return {
    path: ['features', def.name],
    code: 'invalid_type',
    message: `feature "${def.name}" computed a ${got}; a ${def.kind} feature returns ${expected}, or NaN, null or undefined when the value is missing`,
    expected: def.kind === 'numeric' ? 'number' : 'string',
    received: got,
  };
}

/** The default model's column list, straight from the definitions (used when training it). */
export function defaultFeatureColumns(features: FeatureSet = builtInFeatureSet): Pick<ModelManifest, 'features'> {
  return {
    features: features.definitions.map((d) => ({
      name: d.name,
      kind: d.kind,
      monotone: d.monotone,
      description: d.description,
      ...(d.categories ? { categories: [...d.categories] } : {}),
    })),
  };
}
