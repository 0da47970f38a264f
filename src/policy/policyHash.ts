import { canonicalJson } from '../hashing/canonicalJson.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import type { PolicyConfig } from './policyConfig.js';
import { validatePolicy } from './validatePolicy.js';

/**
 * SHA-256 (lowercase hex) of the policy's canonical JSON, for the audit trail: two decisions
 * with the same hash were made under exactly the same numbers.
 *
 * @throws PolicyInvalidError when `policy` is not a valid PolicyConfig (a hash of anything else
 *   would name no policy)
 */
export function policyHash(policy: PolicyConfig): string {
  validatePolicy(policy);
  return policyHashOf(policy);
}

/** {@link policyHash} of a policy the engine validated (unchecked: once per decision). */
export function policyHashOf(policy: PolicyConfig): string {
  const cached = hashes.get(policy);
  if (cached !== undefined) return cached;
  const hash = sha256Hex(canonicalJson(policy));
  // Only frozen policies can be cached: a mutable one could change under the same reference.
  if (Object.isFrozen(policy)) hashes.set(policy, hash);
  return hash;
}

const hashes = new WeakMap<object, string>();

export { canonicalJson };
