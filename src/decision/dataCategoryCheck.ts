import { CreditliftError } from '../errors/creditliftError.js';
import { dataCategoryOf } from '../features/featureDataCategories.js';
import type { FeatureDefinition } from '../features/featureDefinitions.js';
import type { Catalog } from '../catalog/resolveCatalog.js';
import type { EvidenceAssessment } from '../evidence/evidenceAssessment.js';
import type { JurisdictionProfile } from '../policy/jurisdictionProfile.js';
import type { DataCategory } from '../schema/dataCategory.js';

/** The data categories the policy itself reads (eligibility, affordability, caps), whatever the model. */
export const POLICY_DATA_CATEGORIES: readonly DataCategory[] = ['age', 'income', 'employment', 'household', 'residence', 'credit_bureau', 'platform_behaviour'];

/**
 * The data categories a model's features and the policy use, sorted and distinct: what an
 * adverse-action notice lists as "data used".
 */
export function dataCategoriesUsed(definitions: readonly Pick<FeatureDefinition, 'name' | 'dataCategory'>[]): string[] {
  const all = new Set<string>(POLICY_DATA_CATEGORIES);
  for (const d of definitions) {
    const c = dataCategoryOf(d);
    if (c !== undefined) all.add(c);
  }
  return [...all].sort();
}

/**
 * The data categories one decision used: the model's and the policy's, plus the category of every
 * accepted certificate kind that declares its own (a creator follower count is social-media data).
 */
export function decisionDataCategories(
  base: readonly string[],
  items: readonly Pick<EvidenceAssessment, 'status' | 'kind'>[],
  catalog: Catalog,
): readonly string[] {
  let extra: Set<string> | undefined;
  for (const item of items) {
    const c = item.status === 'accepted' ? catalog.get(item.kind)?.dataCategory : undefined;
    if (c !== undefined && !base.includes(c)) (extra ??= new Set()).add(c);
  }
  return extra === undefined ? base : [...base, ...extra].sort();
}

/**
 * Refuses a model whose features use a data category the jurisdiction bans, or declare none.
 *
 * @throws CreditliftError `banned_data_category` naming every offending feature and its category.
 */
export function assertAllowedDataCategories(definitions: readonly Pick<FeatureDefinition, 'name' | 'dataCategory'>[], profile: JurisdictionProfile): void {
  const banned = new Set<string>(profile.bannedDataCategories);
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
