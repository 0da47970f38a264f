import { DEFAULT_CATALOG_HASH } from '../../catalog/catalogHash.js';
import type { RunManifest } from './runManifest.js';

/**
 * What every decision a `score` run made carries in its audit, read from the run's manifest: the
 * model, policy, catalog and engine it was made by, how its personal-data hashes were made and
 * whether it is signed. A decision that names another is not the run's, whatever its seal says.
 */
export interface RunConfiguration {
  readonly modelSha256: string;
  readonly policyHash: string;
  readonly catalogHash: string;
  /** Absent when the manifest predates it: not compared. */
  readonly engineVersion?: string;
  /** `hmac-sha256` under a personal-data (or signing) key, else `sha256`; absent when the manifest records no keys. */
  readonly hashing?: 'sha256' | 'hmac-sha256';
  /** Whether the run signed its decisions; absent when the manifest records no keys. */
  readonly signed?: boolean;
}

/** The configuration the manifest `m` records (a manifest without `catalogHash` predates `--catalog`: the default catalog). */
export function runConfigurationOf(m: RunManifest): RunConfiguration {
  const keys = m.keys;
  return {
    modelSha256: m.model.sha256,
    policyHash: m.policyHash,
    catalogHash: m.catalogHash ?? DEFAULT_CATALOG_HASH,
    ...(m.engineVersion === undefined ? {} : { engineVersion: m.engineVersion }),
    ...(keys === undefined ? {} : { hashing: keys.signing !== null || keys.personalData !== null ? 'hmac-sha256' : 'sha256', signed: keys.signing !== null }),
  };
}

/**
 * How `decision` (any value) differs from what the run `run` made, one short phrase per field
 * naming it (`audit.policyHash 1b25492b3d6f..., the run's 5a7c28daf38f...`); empty when its audit
 * names the run's model, policy, catalog, engine, hashing and signing. The seal is not checked here.
 */
export function configurationFaults(decision: unknown, run: RunConfiguration): string[] {
  const audit = auditOf(decision);
  if (audit === undefined) return ['no audit: not a decision a run made'];
  const out: string[] = [];
  const field = (name: string, want: string | undefined) => {
    if (want === undefined) return;
    const got = audit[name];
    if (got !== want) out.push(`audit.${name} ${shown(got)}, the run's ${shown(want)}`);
  };
  field('modelSha256', run.modelSha256);
  field('policyHash', run.policyHash);
  field('catalogHash', run.catalogHash);
  field('engineVersion', run.engineVersion);
  // Score makes first decisions only: a reassessment or a follow-up in its output came from elsewhere.
  field('kind', 'decide');
  field('hashing', run.hashing);
  if (run.signed !== undefined && (typeof audit.signature === 'string') !== run.signed)
    out.push(run.signed ? 'unsigned (no audit.signature), the run signed every decision' : 'signed (audit.signature), the run signed none');
  return out;
}

function auditOf(decision: unknown): Readonly<Record<string, unknown>> | undefined {
  if (typeof decision !== 'object' || decision === null || Array.isArray(decision)) return undefined;
  const audit = (decision as { readonly audit?: unknown }).audit;
  return typeof audit === 'object' && audit !== null && !Array.isArray(audit) ? (audit as Readonly<Record<string, unknown>>) : undefined;
}

// Hashes by their first 12 digits, as the manifest's other messages name them; anything else as JSON, cut short.
function shown(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) return `${v.slice(0, 12)}...`;
  return (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 40);
}
