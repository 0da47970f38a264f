import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { resolvePolicy, type PolicyOverrides } from '../../src/policy/resolvePolicy.js';

/** The PolicyInvalidError resolvePolicy throws for `overrides`; fails the test when it resolves or throws anything else. */
export function policyRefusal(overrides: unknown): PolicyInvalidError {
  try {
    resolvePolicy(overrides as PolicyOverrides);
  } catch (e) {
    if (e instanceof PolicyInvalidError) return e;
    throw e;
  }
  throw new Error('expected resolvePolicy to throw');
}
