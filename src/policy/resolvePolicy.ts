import { defaultPolicy } from './defaultPolicy.js';
import type { PolicyConfig } from './policyConfig.js';
import { validatePolicy } from './validatePolicy.js';

/** A partial policy: any object may be partly given; arrays (grades, bands, floors) are replaced whole. */
export type PolicyOverrides = {
  readonly [K in keyof PolicyConfig]?: PolicyConfig[K] extends readonly unknown[]
    ? PolicyConfig[K]
    : PolicyConfig[K] extends object
      ? { readonly [J in keyof PolicyConfig[K]]?: PolicyConfig[K][J] }
      : PolicyConfig[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

/**
 * Deep-merges `overrides` onto `base` (default {@link defaultPolicy}) and validates the result.
 * Objects merge key by key; arrays and scalars replace; `undefined` leaves the base value.
 * Unknown keys are rejected by name.
 *
 * @example
 * const policy = resolvePolicy({ pricing: { margin: 0.02 }, limits: { productMax: 3_000_000 } });
 * @throws PolicyInvalidError (code `'policy_invalid'`) naming every offending field at once.
 */
export function resolvePolicy(overrides: PolicyOverrides = {}, base: PolicyConfig = defaultPolicy): PolicyConfig {
  return validatePolicy(deepMerge(base, overrides));
}
