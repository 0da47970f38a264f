import { canonicalJson } from '../hashing/canonicalJson.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import type { PolicyConfig } from './policyConfig.js';

/**
 * SHA-256 (lowercase hex) of the policy's canonical JSON, for the audit trail: two decisions
 * with the same hash were made under exactly the same numbers.
 */
export function policyHash(policy: PolicyConfig): string {
  const cached = hashes.get(policy);
  if (cached !== undefined) return cached;
  const hash = sha256Hex(canonicalJson(policy));
  // Only frozen policies can be cached: a mutable one could change under the same reference.
  if (Object.isFrozen(policy)) hashes.set(policy, hash);
  return hash;
}

const hashes = new WeakMap<object, string>();

export { canonicalJson };
