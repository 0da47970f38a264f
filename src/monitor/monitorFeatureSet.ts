import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { featureDefinitionsByName, type FeatureDefinition } from '../features/featureDefinitions.js';
import { canonicalJson } from '../hashing/canonicalJson.js';
import { sha256Hex } from '../hashing/sha256Hex.js';

/**
 * One of the lender's own features (not built in) a model reads, as a monitor baseline measured
 * it: what decides its bins and its factor's contribution. Its fingerprint is two hashes: the
 * `compute` function's source text and the feature's declaration (everything declared besides
 * `compute`).
 *
 * What a fingerprint cannot see: values the function captures from outside its own text (a
 * threshold or a category table in a closure or a module constant) and helpers it calls. Two
 * features built by `(cap) => ({ ..., compute: (ctx) => Math.min(cap, ...) })` with caps 24 and 36
 * fingerprint alike, and a run on one against a baseline of the other measures the difference as
 * drift. Declare what the function captures, so that changing it changes the declaration: in the
 * `description` ("Months as our customer, capped at 24"), the `categories` a table maps into, or
 * any other key the feature declares (a `version: 2`, say; every declared key counts).
 */
export const MonitorLenderFeature = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['numeric', 'categorical']),
  /** The explanation factor its TreeSHAP contribution was summed into. */
  factor: z.string().min(1),
  /**
   * SHA-256 of its `compute` function's source text. Feature sets hold functions, which cannot be
   * compared: a changed computation under the same name would measure another quantity against
   * these bins, so it is told apart by its text.
   */
  computeSha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'),
  /**
   * SHA-256 of its declaration: every key besides `compute` (description, unit, sources,
   * monotone, kind, categories, data category, reasons, factor, and any other the lender
   * declares), as canonical JSON (keys sorted, so their order does not count). Changed categories
   * or a changed data category are another feature, whatever the function's text.
   */
  declarationSha256: z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'missing: the baseline was built before declarations were fingerprinted; build it again from the holdout' : undefined,
    })
    .regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'),
});
/** See {@link MonitorLenderFeature}. */
export type MonitorLenderFeature = z.infer<typeof MonitorLenderFeature>;

/**
 * The feature set a monitor baseline was built on, as far as the model reads it: every lender
 * feature of the model, in the model's column order. Absent from a baseline built on the built-in
 * features only (every baseline before lender features could be monitored).
 */
export const MonitorFeatureSet = z.strictObject({ lenderFeatures: z.array(MonitorLenderFeature) });
/** See {@link MonitorFeatureSet}. */
export type MonitorFeatureSet = z.infer<typeof MonitorFeatureSet>;

/**
 * What a baseline records of the features a model reads (an encoder's definitions, model column
 * order): undefined when every one is built in. A definition counts as built in when it measures
 * what the built-in one of its name does (same `compute` source text and declaration): the
 * built-in itself, or its twin from another copy of the package (a feature module loaded through
 * the CommonJS build, say), which identity alone would record as the lender's.
 */
export function monitorFeatureSetOf(definitions: readonly FeatureDefinition<never>[]): MonitorFeatureSet | undefined {
  const lenderFeatures = definitions.map(recordOf).filter((r) => !isBuiltIn(r));
  return lenderFeatures.length === 0 ? undefined : { lenderFeatures };
}

function recordOf(d: FeatureDefinition<never>): MonitorLenderFeature {
  return { name: d.name, kind: d.kind, factor: d.factor, computeSha256: sha256Hex(String(d.compute)), declarationSha256: declarationSha256(d) };
}

/** SHA-256 of every declared key besides `compute`, as canonical JSON; a function elsewhere counts by its source text. */
function declarationSha256(d: FeatureDefinition<never>): string {
  const { compute: _, ...declared } = d;
  return sha256Hex(canonicalJson(withFunctionsAsText(declared)));
}

function withFunctionsAsText(v: unknown): unknown {
  if (typeof v === 'function') return { function: String(v) };
  if (Array.isArray(v)) return v.map(withFunctionsAsText);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withFunctionsAsText(x)]));
}

const builtInRecords = new Map([...featureDefinitionsByName.values()].map((d) => [d.name, recordOf(d as FeatureDefinition<never>)]));

function isBuiltIn(r: MonitorLenderFeature): boolean {
  const b = builtInRecords.get(r.name);
  return b !== undefined && b.kind === r.kind && b.factor === r.factor && b.computeSha256 === r.computeSha256 && b.declarationSha256 === r.declarationSha256;
}

const REMEDY = '; run with the feature set the baseline was built on, or build the baseline again from the holdout on this one';

/**
 * Refuses a run whose feature set is not the one the baseline was built on: a lender feature
 * computed, grouped or declared otherwise (see {@link MonitorLenderFeature} for what a fingerprint
 * cannot see), one the baseline measured that the run computes with the built-in
 * definition, or one the run reads that the baseline never measured. Drift measured across two
 * definitions of a feature would be the definitions' difference, reported as the population's.
 *
 * @throws ValidationError (subject `MonitorBaseline`) with one `feature_set_mismatch` issue per
 *   difference, at its path in the baseline (`featureSet.lenderFeatures.K.computeSha256`)
 */
export function checkMonitorFeatureSet(recorded: MonitorFeatureSet | undefined, definitions: readonly FeatureDefinition<never>[]): void {
  const run = monitorFeatureSetOf(definitions)?.lenderFeatures ?? [];
  const runByName = new Map(run.map((f) => [f.name, f]));
  const readByModel = new Set(definitions.map((d) => d.name));
  const issues: ValidationIssue[] = [];
  const mismatch = (path: readonly (string | number)[], message: string) => issues.push({ path, code: 'feature_set_mismatch', message: `${message}${REMEDY}` });
  const base = recorded?.lenderFeatures ?? [];
  base.forEach((b, i) => {
    const at = ['featureSet', 'lenderFeatures', i];
    const r = runByName.get(b.name);
    if (r === undefined) {
      mismatch(
        at,
        readByModel.has(b.name)
          ? `the baseline measured your own feature "${b.name}"; this run computes it with the built-in definition`
          : `the baseline measured your own feature "${b.name}"; this run's model does not read it`,
      );
      return;
    }
    if (r.kind !== b.kind) mismatch([...at, 'kind'], `"${b.name}" is ${r.kind} in this run, ${b.kind} in the baseline`);
    if (r.factor !== b.factor) mismatch([...at, 'factor'], `"${b.name}" is in factor ${r.factor} in this run, ${b.factor} in the baseline`);
    if (r.computeSha256 !== b.computeSha256)
      mismatch([...at, 'computeSha256'], `"${b.name}" is computed otherwise in this run (its compute function's source text differs from the baseline's)`);
    // Kind and factor are declared too: a difference there is named above, not again here.
    if (r.kind === b.kind && r.factor === b.factor && r.declarationSha256 !== b.declarationSha256)
      mismatch(
        [...at, 'declarationSha256'],
        `"${b.name}" is declared otherwise in this run (its categories, data category, description, sources, monotone, unit, reasons or another declared key differ from the baseline's)`,
      );
  });
  const measured = new Set(base.map((b) => b.name));
  for (const r of run) {
    if (measured.has(r.name)) continue;
    mismatch(
      recorded === undefined ? ['featureSet'] : ['featureSet', 'lenderFeatures'],
      `this run's model reads your own feature "${r.name}", which the baseline ${recorded === undefined ? 'was not built on (it records the built-in features only)' : 'does not record'}`,
    );
  }
  if (issues.length > 0) throw new ValidationError('MonitorBaseline', issues);
}
