import { defaultPolicy } from '../../policy/defaultPolicy.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import { resolvePolicy, type PolicyOverrides } from '../../policy/resolvePolicy.js';
import { validatePolicy } from '../../policy/validatePolicy.js';
import { readPolicyFile } from '../readPolicyFile.js';

/**
 * The policy of a command's `--policy` file (overrides of the default, as a scorer takes them),
 * validated as a scorer validates it, or the default policy without one: whose
 * `pricing.averageCostAlertAbove` flags the average cost of new lines. A malformed value is
 * refused (`policy_invalid`), never read as the default.
 */
export async function thresholdPolicyOf(values: { readonly policy?: string | undefined }): Promise<PolicyConfig> {
  return values.policy === undefined ? validatePolicy(defaultPolicy) : resolvePolicy((await readPolicyFile(values.policy)) as PolicyOverrides);
}

/** The average-cost alert threshold of {@link thresholdPolicyOf}. */
export async function averageCostAlertOf(values: { readonly policy?: string | undefined }): Promise<number> {
  return (await thresholdPolicyOf(values)).pricing.averageCostAlertAbove;
}
