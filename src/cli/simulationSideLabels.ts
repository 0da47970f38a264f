import { basename, resolve, sep } from 'node:path';
import type { SimulationProvenance } from '../simulate/runSimulation.js';

/** The files one side of `simulate` was given (undefined: the default policy, the embedded model). */
export interface SimulationSideFiles {
  readonly policy: string | undefined;
  readonly model: string | undefined;
}

/**
 * What each side of a simulation is, in words for the summary and page: its policy and model by the
 * shortest end of their paths that tells the two sides' files apart (`old/policy.json` and
 * `new/policy.json`, where the file names alone read the same), each with the first 12 hex digits of
 * its hash, and the catalog the same way. Sides given the same files get the same label.
 *
 * @example simulationSideLabels({ policy: 'p/2026-01/policy.json', model: undefined }, { policy: 'p/2026-02/policy.json', model: undefined }, undefined, provenance)
 * // { baseline: 'policy 2026-01/policy.json (5a7c28daf38f), embedded model', candidate: 'policy 2026-02/policy.json (…), embedded model' }
 */
export function simulationSideLabels(
  baseline: SimulationSideFiles,
  candidate: SimulationSideFiles,
  catalog: { readonly file: string; readonly hash: string } | undefined,
  provenance: Pick<SimulationProvenance, 'baseline' | 'candidate'> | undefined,
): { readonly baseline: string; readonly candidate: string } {
  const policies = distinguishingPaths(baseline.policy, candidate.policy);
  const models = distinguishingPaths(baseline.model, candidate.model);
  const label = (side: 'baseline' | 'candidate', at: 0 | 1) => {
    const sideProvenance = provenance?.[side];
    const policy = policies[at];
    const model = models[at];
    return [
      policy === undefined ? 'default policy' : `policy ${policy}${hashed(sideProvenance?.policyHash)}`,
      model === undefined ? 'embedded model' : `model ${model}${hashed(sideProvenance?.model.sha256)}`,
      // With its hash: two runs with an edited file of one name are two catalogs.
      ...(catalog === undefined ? [] : [`catalog ${basename(catalog.file)}${hashed(catalog.hash)}`]),
    ].join(', ');
  };
  return { baseline: label('baseline', 0), candidate: label('candidate', 1) };
}

function hashed(hash: string | undefined): string {
  return hash === undefined ? '' : ` (${hash.slice(0, 12)})`;
}

/**
 * Each path by its file name, or, where the two differ but end alike, by as many of their last
 * folders as tell them apart. A path given on one side only, or the same file on both, keeps its name.
 */
function distinguishingPaths(a: string | undefined, b: string | undefined): readonly [string | undefined, string | undefined] {
  if (a === undefined || b === undefined) return [a === undefined ? undefined : basename(a), b === undefined ? undefined : basename(b)];
  const partsA = resolve(a)
    .split(sep)
    .filter((p) => p !== '');
  const partsB = resolve(b)
    .split(sep)
    .filter((p) => p !== '');
  if (partsA.join(sep) === partsB.join(sep)) return [basename(a), basename(b)];
  let keep = 1;
  while (keep < partsA.length && keep < partsB.length && partsA.slice(-keep).join('/') === partsB.slice(-keep).join('/')) keep++;
  return [partsA.slice(-keep).join('/'), partsB.slice(-keep).join('/')];
}
