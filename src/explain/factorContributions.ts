import type { FeatureFactor } from '../features/featureDefinitions.js';
import { factorCatalog, type BilingualText } from './factorCatalog.js';

/** One factor's share of the model's score, summed over its features. */
export interface FactorContribution {
  readonly factor: FeatureFactor;
  readonly label: BilingualText;
  /**
   * Change in log-odds of default this factor caused against the average applicant (the model's
   * expected value). Positive raises risk. In probability space when the scorer is asked for it.
   */
  readonly value: number;
  /** The features behind it, with their own values, largest magnitude first. */
  readonly features: readonly { readonly name: string; readonly value: number }[];
}

/**
 * Groups per-feature contributions (TreeSHAP layout: one per feature, then the bias) into factors
 * a person understands, ordered by how much each raised risk (most first).
 */
export function groupContributions(
  contributions: ArrayLike<number>,
  featureNames: readonly string[],
  featureFactors: readonly FeatureFactor[],
): FactorContribution[] {
  const byFactor = new Map<FeatureFactor, { name: string; value: number }[]>();
  for (let j = 0; j < featureNames.length; j++) {
    const factor = featureFactors[j] as FeatureFactor;
    let list = byFactor.get(factor);
    if (list === undefined) byFactor.set(factor, (list = []));
    list.push({ name: featureNames[j] as string, value: contributions[j] as number });
  }
  const out: FactorContribution[] = [];
  for (const [factor, features] of byFactor) {
    features.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.name.localeCompare(b.name));
    const value = features.reduce((s, f) => s + f.value, 0);
    out.push({ factor, label: factorCatalog[factor].label, value, features });
  }
  // Ties broken by name so the order is deterministic.
  return out.sort((a, b) => b.value - a.value || a.factor.localeCompare(b.factor));
}
