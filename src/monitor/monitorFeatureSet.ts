import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import { featureDefinitionsByName, type FeatureDefinition } from '../features/featureDefinitions.js';
import { sha256Hex } from '../hashing/sha256Hex.js';

/**
 * One of the lender's own features (not built in) a model reads, as a monitor baseline measured
 * it: what decides its bins and its factor's contribution.
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
 * what the built-in one of its name does (same kind, factor and `compute` source text): the
 * built-in itself, or its twin from another copy of the package (a feature module loaded through
 * the CommonJS build, say), which identity alone would record as the lender's.
 */
export function monitorFeatureSetOf(definitions: readonly FeatureDefinition<never>[]): MonitorFeatureSet | undefined {
  const lenderFeatures = definitions.map(recordOf).filter((r) => !isBuiltIn(r));
  return lenderFeatures.length === 0 ? undefined : { lenderFeatures };
}

function recordOf(d: FeatureDefinition<never>): MonitorLenderFeature {
  return { name: d.name, kind: d.kind, factor: d.factor, computeSha256: sha256Hex(String(d.compute)) };
}

const builtInRecords = new Map([...featureDefinitionsByName.values()].map((d) => [d.name, recordOf(d as FeatureDefinition<never>)]));

function isBuiltIn(r: MonitorLenderFeature): boolean {
  const b = builtInRecords.get(r.name);
  return b !== undefined && b.kind === r.kind && b.factor === r.factor && b.computeSha256 === r.computeSha256;
}

const REMEDY = '; run with the feature set the baseline was built on, or build the baseline again from the holdout on this one';

/**
 * Refuses a run whose feature set is not the one the baseline was built on: a lender feature
 * computed or grouped otherwise, one the baseline measured that the run computes with the built-in
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
