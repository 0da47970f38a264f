import { ValidationError } from '../errors/validationError.js';
import { deepFreeze } from '../common/deepFreeze.js';
import { PolicyConfig } from './policyConfig.js';
import { PolicyInvalidError } from './policyInvalidError.js';

// Validated, frozen policies keyed by the (deeply frozen) object the caller passed. Frozen input
// cannot change after validation, so the cache can never go stale; mutable input is re-parsed.
const validated = new WeakMap<object, PolicyConfig>();

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

/**
 * Validates a complete policy (e.g. one loaded from JSON) and returns a frozen copy.
 * Deeply frozen inputs are validated once and cached, so passing {@link defaultPolicy} or a
 * {@link resolvePolicy} result on every decision costs a map lookup.
 *
 * @throws PolicyInvalidError (code `'policy_invalid'`) listing every problem with its path.
 */
export function validatePolicy(value: unknown): PolicyConfig {
  const cached = value !== null && typeof value === 'object' ? validated.get(value) : undefined;
  if (cached !== undefined) return cached;
  const parsed = PolicyConfig.safeParse(value);
  if (!parsed.success) throw new PolicyInvalidError(ValidationError.fromZod('PolicyConfig', parsed.error));
  const policy = deepFreeze(parsed.data);
  validated.set(policy, policy);
  if (value !== null && typeof value === 'object' && isDeepFrozen(value)) validated.set(value, policy);
  return policy;
}
