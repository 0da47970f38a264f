import { defaultPolicy } from './defaultPolicy.js';
import type { PolicyConfig } from './policyConfig.js';
import { validatePolicy } from './validatePolicy.js';

/**
 * Sections given whole, never merged key by key. A jurisdiction profile is one legal text: a
 * partial one merged into the default would keep China's id, name and sources over other figures.
 */
const WHOLE_SECTIONS = ['jurisdiction'] as const satisfies readonly (keyof PolicyConfig)[];
type WholeSection = (typeof WHOLE_SECTIONS)[number];
const isWholeSection = (key: string): boolean => (WHOLE_SECTIONS as readonly string[]).includes(key);

/**
 * A partial policy: any object may be partly given; arrays (grades, bands, floors) are replaced
 * whole, and so is `jurisdiction` (a complete profile such as `euCcd2`, or your own with its own id).
 */
export type PolicyOverrides = {
  readonly [K in keyof PolicyConfig]?: K extends WholeSection
    ? PolicyConfig[K]
    : PolicyConfig[K] extends readonly unknown[]
      ? PolicyConfig[K]
      : PolicyConfig[K] extends object
        ? { readonly [J in keyof PolicyConfig[K]]?: PolicyConfig[K][J] }
        : PolicyConfig[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Sets an own, enumerable key. Why not `out[key] = value`: overrides often come from JSON.parse,
 * which makes "__proto__" an own key, and assigning it would set `out`'s prototype and drop the
 * key, so the lender's value would vanish before validation could refuse it by name.
 */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The base's own value at `key`: never one inherited from Object.prototype ("constructor", "__proto__"). */
function ownValue(base: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(base, key) ? base[key] : undefined;
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) setOwn(out, key, deepMerge(ownValue(base, key), value));
  return out;
}

/** The policy's top level merges section by section, except {@link WHOLE_SECTIONS}, which replace. */
function mergePolicy(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return deepMerge(base, overrides);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    setOwn(out, key, isWholeSection(key) && value !== undefined ? value : deepMerge(ownValue(base, key), value));
  }
  return out;
}

/**
 * Deep-merges `overrides` onto `base` (default {@link defaultPolicy}) and validates the result.
 * Objects merge key by key; arrays, scalars and `jurisdiction` replace; `undefined` leaves the
 * base value. Unknown keys are rejected by name; so is a partial `jurisdiction`, by its missing fields.
 *
 * @example
 * const policy = resolvePolicy({ pricing: { margin: 0.02 }, limits: { productMax: 3_000_000 } });
 * @throws PolicyInvalidError (code `'policy_invalid'`) naming every offending field at once.
 */
export function resolvePolicy(overrides: PolicyOverrides = {}, base: PolicyConfig = defaultPolicy): PolicyConfig {
  return validatePolicy(mergePolicy(base, overrides));
}
