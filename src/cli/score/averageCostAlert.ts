import { readPolicyFile } from '../readPolicyFile.js';
import { DEFAULT_AVERAGE_COST_ALERT } from './scoreSummary.js';

/**
 * The average-cost alert threshold of the policy a score run uses: `pricing.averageCostAlertAbove`
 * of the `--policy` file when it sets one, else the default (20%). The scorer validates the same
 * file, so a malformed one has already been refused by the time this runs.
 */
export async function averageCostAlertOf(values: { readonly policy?: string | undefined }): Promise<number> {
  if (values.policy === undefined) return DEFAULT_AVERAGE_COST_ALERT;
  const parsed = (await readPolicyFile(values.policy)) as { pricing?: { averageCostAlertAbove?: unknown } } | null;
  const v = parsed?.pricing?.averageCostAlertAbove;
  return typeof v === 'number' ? v : DEFAULT_AVERAGE_COST_ALERT;
}
