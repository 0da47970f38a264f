import { createHash } from 'node:crypto';
import type { PolicyConfig } from './policyConfig.js';

/**
 * JSON with object keys sorted at every level, so equal data always gives equal text whatever
 * order it was written in. Arrays keep their order (it is meaningful: grades, bands).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * SHA-256 (lowercase hex) of the policy's canonical JSON, for the audit trail: two decisions
 * with the same hash were made under exactly the same numbers.
 */
export function policyHash(policy: PolicyConfig): string {
  const cached = hashes.get(policy);
  if (cached !== undefined) return cached;
  const hash = createHash('sha256').update(canonicalJson(policy), 'utf8').digest('hex');
  // Only frozen policies can be cached: a mutable one could change under the same reference.
  if (Object.isFrozen(policy)) hashes.set(policy, hash);
  return hash;
}

const hashes = new WeakMap<object, string>();
