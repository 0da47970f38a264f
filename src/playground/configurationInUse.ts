import { catalogHash } from '../catalog/catalogHash.js';
import { defaultCatalog } from '../catalog/resolveCatalog.js';
import { DEFAULT_MODEL_SHA256 } from '../model/defaultModelSha256.js';
import { defaultPolicy } from '../policy/defaultPolicy.js';
import { policyHashOf } from '../policy/policyHash.js';
import type { Scorer } from '../index.js';

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
 * What {@link ConfigurationInUse} says of `scorer`. "Default" means the same fingerprint as the
 * release's own: a policy file that changes no number is the default policy.
 */
export function configurationInUse(
  scorer: Pick<Scorer, 'model' | 'policy' | 'catalogHash' | 'certificateKinds' | 'bannedCertificateKinds'>,
): ConfigurationInUse {
  const policyHash = policyHashOf(scorer.policy);
  return {
    model: { id: scorer.model.id, sha256: scorer.model.sha256, isDefault: scorer.model.sha256 === DEFAULT_MODEL_SHA256 },
    policy: { name: scorer.policy.name, version: scorer.policy.version, hash: policyHash, isDefault: policyHash === policyHashOf(defaultPolicy) },
    catalog: {
      hash: scorer.catalogHash,
      isDefault: scorer.catalogHash === catalogHash(defaultCatalog),
      kinds: scorer.certificateKinds.length + scorer.bannedCertificateKinds.length,
      banned: scorer.bannedCertificateKinds.map((k) => k.id),
    },
  };
}
