import type { DataCategory } from '../schema/dataCategory.js';
import type { FeatureDefinition } from './featureDefinitions.js';

/**
 * The data category of every built-in feature. The certificate features draw on the evidence the
 * customer uploaded; a kind that is itself of a banned category (creator follower counts are
 * social-media data) is rejected at assessment under a profile that bans it, so it never reaches
 * `cert_gig`. Frozen: it is exported, and a caller's edit would change every scorer's bans.
 */
export const builtInDataCategories: Readonly<Record<string, DataCategory>> = Object.freeze({
  age_years: 'age',
  employment_type: 'employment',
  industry: 'employment',
  employment_tenure_months: 'employment',
  income_rmb: 'income',
  income_verification_level: 'income',
  social_insurance_months: 'employment',
  housing_fund_months: 'employment',
  city_tier: 'residence',
  region: 'residence',
  bureau_has_file: 'credit_bureau',
  bureau_enquiries_6m: 'credit_bureau',
  bureau_delinquencies_24m: 'credit_bureau',
  current_days_past_due: 'credit_bureau',
  debt_service_ratio: 'credit_bureau',
  other_balance_to_income: 'credit_bureau',
  platform_account_age_months: 'platform_behaviour',
  platform_uses_3m: 'platform_behaviour',
  platform_average_use_rmb: 'platform_behaviour',
  platform_on_time_rate: 'platform_behaviour',
  platform_utilization: 'platform_behaviour',
  dependants: 'household',
  essentials_to_income: 'household',
  cert_professional: 'certificates',
  cert_language: 'certificates',
  cert_honour: 'certificates',
  cert_gig: 'certificates',
  cert_accepted_count: 'certificates',
});

/**
 * A feature's declared data category (its own field first, then the built-in table); `undefined`
 * when undeclared. A lender's feature may name a category of its own (`lender_internal`); the
 * {@link DataCategory} names are the ones jurisdiction profiles ban.
 */
export function dataCategoryOf(def: Pick<FeatureDefinition, 'name' | 'dataCategory'>): string | undefined {
  return def.dataCategory ?? builtInDataCategories[def.name];
}
