import type { FeatureFactor } from '../features/featureDefinitions.js';
import { factorCatalog, type BilingualText } from './factorCatalog.js';
import { compareCodeUnits } from '../text/compareCodeUnits.js';

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

/** Feature indexes per factor, factors in order of their first feature. */
type FactorLayout = readonly { readonly factor: FeatureFactor; readonly features: readonly number[] }[];

/** Layouts per feature-name list (an encoder's, fixed for a scorer's life). */
const layouts = new WeakMap<readonly string[], { readonly factors: readonly FeatureFactor[]; readonly layout: FactorLayout }>();

function layoutOf(featureNames: readonly string[], featureFactors: readonly FeatureFactor[]): FactorLayout {
  const known = layouts.get(featureNames);
  if (known !== undefined && known.factors === featureFactors) return known.layout;
  const byFactor = new Map<FeatureFactor, number[]>();
  for (let j = 0; j < featureNames.length; j++) {
    const factor = featureFactors[j] as FeatureFactor;
    let list = byFactor.get(factor);
    if (list === undefined) byFactor.set(factor, (list = []));
    list.push(j);
  }
  const layout = [...byFactor].map(([factor, features]) => ({ factor, features }));
  layouts.set(featureNames, { factors: featureFactors, layout });
  return layout;
}

/**
 * Stable insertion sort in place. Why not Array.prototype.sort: these lists are short (a factor
 * has a handful of features) and sorted once per decision, where the built-in sort's work arrays
 * were most of the explanation's allocation. Both are stable, so with the same comparator the
 * order is the same.
 */
function insertionSort<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as T, item) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

const byMagnitude = (a: { name: string; value: number }, b: { name: string; value: number }) =>
  Math.abs(b.value) - Math.abs(a.value) || compareCodeUnits(a.name, b.name);
// Ties broken by name (code units, whatever the process locale) so the order is deterministic.
const byRisk = (a: FactorContribution, b: FactorContribution) => b.value - a.value || compareCodeUnits(a.factor, b.factor);

/**
 * Groups per-feature contributions (TreeSHAP layout: one per feature, then the bias) into factors
 * a person understands, ordered by how much each raised risk (most first).
 */
export function groupContributions(
  contributions: ArrayLike<number>,
  featureNames: readonly string[],
  featureFactors: readonly FeatureFactor[],
): FactorContribution[] {
  const out: FactorContribution[] = [];
  for (const { factor, features: at } of layoutOf(featureNames, featureFactors)) {
    const features: { name: string; value: number }[] = new Array(at.length);
    for (let k = 0; k < at.length; k++) {
      const j = at[k] as number;
      features[k] = { name: featureNames[j] as string, value: contributions[j] as number };
    }
    insertionSort(features, byMagnitude);
    // Summed in the sorted order, from 0, as the factor's value always was.
    let value = 0;
    for (const f of features) value += f.value;
    out.push({ factor, label: factorCatalog[factor].label, value, features });
  }
  return insertionSort(out, byRisk);
}
