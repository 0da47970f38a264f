import { CreditliftError } from '../errors/creditliftError.js';
import { dataCategoryOf } from '../features/featureDataCategories.js';
import type { FeatureDefinition } from '../features/featureDefinitions.js';
import type { JurisdictionProfile } from '../policy/jurisdictionProfile.js';
import type { DataCategory } from '../schema/dataCategory.js';

/** The data categories the policy itself reads (eligibility, affordability, caps), whatever the model. */
export const POLICY_DATA_CATEGORIES: readonly DataCategory[] = ['age', 'income', 'employment', 'household', 'residence', 'credit_bureau', 'platform_behaviour'];

/**
 * The data categories a model's features and the policy use, sorted and distinct: what an
 * adverse-action notice lists as "data used".
 */
export function dataCategoriesUsed(definitions: readonly Pick<FeatureDefinition, 'name' | 'dataCategory'>[]): DataCategory[] {
  const all = new Set<DataCategory>(POLICY_DATA_CATEGORIES);
  for (const d of definitions) {
    const c = dataCategoryOf(d);
    if (c !== undefined) all.add(c);
  }
  return [...all].sort();
}

/**
 * Refuses a model whose features use a data category the jurisdiction bans, or declare none.
 *
 * @throws CreditliftError `banned_data_category` naming every offending feature and its category.
 */
export function assertAllowedDataCategories(definitions: readonly Pick<FeatureDefinition, 'name' | 'dataCategory'>[], profile: JurisdictionProfile): void {
  const banned = new Set(profile.bannedDataCategories);
  const problems: string[] = [];
  for (const d of definitions) {
    const c = dataCategoryOf(d);
    if (c === undefined) problems.push(`${d.name} (no data category declared)`);
    else if (banned.has(c)) problems.push(`${d.name} (${c})`);
  }
  if (problems.length > 0) {
    throw new CreditliftError(
      'banned_data_category',
      `The model uses data the ${profile.id} profile does not allow: ${problems.join(', ')}. Retrain without these features or run under another profile.`,
    );
  }
}
