import { formatPath, ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
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
 * Policy keys of the released 0.1.0 that are gone, with what replaced them: an old policy file's key
 * is refused (unrecognized_key) saying where its meaning went, not only that it is unknown.
 */
const REPLACED_KEYS: Readonly<Record<string, string>> = {
  'limits.regulatoryCapPerBorrower':
    'a 0.1.0 key: the 200,000 RMB per-borrower cap now lives in the jurisdiction profile (jurisdiction.perBorrowerCreditLineCap, cn-consumer-finance-2024 by default) and counts this lender\u2019s own lines (platform.otherLinesLimit), no longer other lenders\u2019 balances; a lender\u2019s own stricter cap is limits.lenderCapPerBorrower (reported as lender_cap)',
};

function withReplacements(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.map((i) => {
    const replaced = i.code === 'unrecognized_key' ? REPLACED_KEYS[formatPath(i.path)] : undefined;
    return replaced === undefined ? i : { ...i, message: `${i.message}: ${replaced}` };
  });
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
  if (!parsed.success) throw new PolicyInvalidError(new ValidationError('PolicyConfig', withReplacements(validationIssuesFromZod(parsed.error))));
  const policy = deepFreeze(parsed.data);
  validated.set(policy, policy);
  if (value !== null && typeof value === 'object' && isDeepFrozen(value)) validated.set(value, policy);
  return policy;
}
