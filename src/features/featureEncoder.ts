import type { ModelManifest } from '../model/manifest.js';
import type { Applicant } from '../schema/applicant.js';
import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { FeatureContext } from './featureContext.js';
import type { FeatureDefinition } from './featureDefinitions.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { FeatureMismatchError, type FeatureMismatch } from './featureMismatchError.js';
import { builtInFeatureSet, type FeatureSet } from './featureSet.js';
import { protectedNameIssues } from '../text/protectedCharacteristic.js';

/** What the encoder reads: a validated applicant (with its attributes when a feature set declares them) and its evidence. */
export interface FeatureInput {
  readonly applicant: Applicant;
  readonly evidence: readonly EvidenceAssessment[];
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
   * the hot path). Missing values (NaN, null or undefined from a feature) become NaN; an unknown
   * category becomes NaN.
   *
   * @throws ValidationError naming every feature (`features.<name>`, `invalid_type`) whose value is
   *   neither a number (numeric) nor a category name (categorical) nor missing
   */
  encode(ctx: FeatureInput, out: Float32Array, offset?: number): void;
  /**
   * Writes only the listed columns of one row (each as {@link FeatureEncoder.encode} would), leaving
   * the others as they are: a counterfactual row copies its main row and recomputes the columns
   * its change can reach.
   */
  encodeColumns(ctx: FeatureInput, out: Float32Array, offset: number, columns: readonly number[]): void;
}

/**
 * A column's value, or what a feature returned that no column can hold (a string from a numeric
 * feature, an object...): reported, never coerced. Float32Array would write null and false as 0,
 * "640" as 640 and "n/a" as NaN, each a silent guess the model would be fed.
 */
type ColumnValue = number | { readonly received: string };
type ColumnEncoder = (ctx: FeatureContext<never>) => ColumnValue;

/** How the built-in features say "not known" (NaN), and how an optional attribute says it (null, undefined). */
const isMissing = (v: unknown): v is null | undefined => v === null || v === undefined;
const received = (v: unknown): { readonly received: string } => ({ received: Array.isArray(v) ? 'array' : typeof v });

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
  // A feature set built by hand (not through defineFeatureSet) is held to the same rule.
  const protectedNames = protectedNameIssues(
    features.definitions.map((d) => d.name),
    (i) => ['features', i, 'name'],
  );
  if (protectedNames.length > 0) throw new ValidationError('FeatureSet', protectedNames);
  const mismatches = featureMismatches(manifest, features);
  if (mismatches.length > 0) throw new FeatureMismatchError(mismatches);
  const definitions: FeatureDefinition<never>[] = [];
  const columns: ColumnEncoder[] = [];
  for (const feature of manifest.features) {
    const def = features.byName.get(feature.name) as FeatureDefinition<never>;
    definitions.push(def);
    if (def.kind === 'categorical') {
      // featureMismatches refused a categorical column without categories, so they are the model's own.
      const codes = new Map((feature.categories as readonly string[]).map((c, i) => [c, i]));
      columns.push((ctx) => {
        const v: unknown = def.compute(ctx);
        if (typeof v === 'string') return codes.get(v) ?? Number.NaN;
        return isMissing(v) ? Number.NaN : received(v);
      });
    } else {
      columns.push((ctx) => {
        const v: unknown = def.compute(ctx);
        if (typeof v === 'number') return v;
        return isMissing(v) ? Number.NaN : received(v);
      });
    }
  }
  const names = manifest.features.map((f) => f.name);
  return {
    names,
    definitions,
    width: columns.length,
    encode(input, out, offset = 0) {
      // The scorer's parse sets `attributes` whenever a feature set declares any; built-in
      // features never read them, so the applicant is the context as it stands (no copy per row).
      const ctx = input as unknown as FeatureContext<never>;
      let bad: ValidationIssue[] | undefined;
      for (let j = 0; j < columns.length; j++) {
        const v = (columns[j] as ColumnEncoder)(ctx);
        if (typeof v === 'number') out[offset + j] = v;
        else (bad ??= []).push(badValue(definitions[j] as FeatureDefinition<never>, v.received));
      }
      if (bad !== undefined) throw new ValidationError('feature values', bad);
    },
    encodeColumns(input, out, offset, which) {
      const ctx = input as unknown as FeatureContext<never>;
      let bad: ValidationIssue[] | undefined;
      for (const j of which) {
        const v = (columns[j] as ColumnEncoder)(ctx);
        if (typeof v === 'number') out[offset + j] = v;
        else (bad ??= []).push(badValue(definitions[j] as FeatureDefinition<never>, v.received));
      }
      if (bad !== undefined) throw new ValidationError('feature values', bad);
    },
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
