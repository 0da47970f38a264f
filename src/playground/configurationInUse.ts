import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { defaultCatalog, defaultModelPath, defaultPolicy, policyHash, type Scorer } from '../index.js';

/**
 * The model, policy and catalog a playground decides with, each with the fingerprint its decisions
 * record (`audit.modelSha256`, `audit.policyHash`, `audit.catalogHash`), so the page says which it runs.
 */
export interface ConfigurationInUse {
  readonly model: { readonly id: string; readonly sha256: string; readonly isDefault: boolean };
  readonly policy: { readonly name: string; readonly version: string; readonly hash: string; readonly isDefault: boolean };
  readonly catalog: {
    readonly hash: string;
    readonly isDefault: boolean;
    /** How many kinds the catalog holds, banned ones included. */
    readonly kinds: number;
    /** The ids of its kinds the policy's jurisdiction bans: never offered, refused `banned_data_category`. */
    readonly banned: readonly string[];
  };
}

/**
 * What {@link ConfigurationInUse} says of `scorer`. "Default" means what the release ships: the
 * embedded model file's bytes, the default policy's numbers (a policy file that changes none is the
 * default policy), the default catalog's kinds as they are.
 */
export function configurationInUse(
  scorer: Pick<Scorer, 'model' | 'policy' | 'catalogHash' | 'certificateKinds' | 'bannedCertificateKinds'>,
): ConfigurationInUse {
  const hash = policyHash(scorer.policy);
  const kinds = [...scorer.certificateKinds, ...scorer.bannedCertificateKinds];
  return {
    model: { id: scorer.model.id, sha256: scorer.model.sha256, isDefault: scorer.model.sha256 === defaultModelSha256() },
    policy: { name: scorer.policy.name, version: scorer.policy.version, hash, isDefault: hash === policyHash(defaultPolicy) },
    catalog: {
      hash: scorer.catalogHash,
      isDefault: kinds.length === defaultCatalog.size && kinds.every((k) => isDeepStrictEqual(k, defaultCatalog.get(k.id))),
      kinds: kinds.length,
      banned: scorer.bannedCertificateKinds.map((k) => k.id),
    },
  };
}

let shipped: string | undefined;

/** SHA-256 of the embedded model file, as loading it computes it (read once: about 120 KB). */
function defaultModelSha256(): string {
  shipped ??= createHash('sha256').update(readFileSync(defaultModelPath())).digest('hex');
  return shipped;
}
