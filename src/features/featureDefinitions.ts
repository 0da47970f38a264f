import { deepFreeze } from '../common/deepFreeze.js';
import { ReadOnlyMap } from '../common/readOnlyMap.js';
import { calendarDateOf } from '../dates/calendarDate.js';
import { monthsBetween } from '../dates/monthsBetween.js';
import type { CertificateCategory } from '../evidence/evidenceAssessment.js';
import { EmploymentType, Industry, Region } from '../schema/applicant.js';
import type { FeatureContext } from './featureContext.js';

/** Text in both languages the product speaks, side by side so neither drifts from the other. */
export interface FeatureText {
  readonly en: string;
  readonly zhHans: string;
}

/**
 * What a person is told when this feature drives its factor's contribution: said instead of the
 * factor's general wording when the feature is the one that raised (or lowered) the risk most.
 */
export interface FeatureReasons {
  readonly raisesRisk: FeatureText;
  readonly lowersRisk: FeatureText;
}

/**
 * One model feature, documented as data: a reader of the model card, a credit officer and the
 * explanation layer all read the same definition the code computes from. Built-in features and a
 * lender's own are declared the same way (see `defineFeatureSet`); `TAttributes` is the type of
 * the lender attributes a feature may read (`ctx.applicant.attributes`).
 */
export interface FeatureDefinition<TAttributes = unknown> {
  /** Column name in the model manifest. */
  readonly name: string;
  /** What it means, for people. */
  readonly description: string;
  /** Unit of the value. */
  readonly unit: string;
  /**
   * Applicant fields it is computed from. For a lender's feature the `attributes.*` ones are binding:
   * its `compute` is given only the attributes they name (`undeclared_source` for any other read). No
   * source may name a personal identifier (`identity`, `evidence.holder`: `personal_identifier`), and
   * built-in text a lender's feature reads (`id`, an upload's `issuer`...) is read for protected groups.
   */
  readonly sources: readonly string[];
  /** +1: risk may only rise with it; -1: risk may only fall; 0: unconstrained. */
  readonly monotone: -1 | 0 | 1;
  /** The explanation factor it belongs to (see explain/factors). */
  readonly factor: FeatureFactor;
  /** Numeric, or categorical over the given categories (encoded as the category's index). */
  readonly kind: 'numeric' | 'categorical';
  readonly categories?: readonly string[];
  /**
   * What kind of personal data it is derived from (e.g. `income`, `credit_bureau`,
   * `lender_internal`), so a banned category (health, social media, ...) can be refused by kind,
   * whatever the feature is called. Required for a lender's features.
   */
  readonly dataCategory?: string;
  /** Its own reason texts; without them the factor's general wording is used. Required for a lender's features. */
  readonly reasons?: FeatureReasons;
  /**
   * Raw value: a number (NaN when missing) or, for categorical features, the category. Pure: the same
   * context always gives the same value (a lender's feature is computed twice per row, and two
   * different values are refused as `nondeterministic_feature`).
   */
  readonly compute: (ctx: FeatureContext<TAttributes>) => number | string;
}

/** Factors that group features into things a person understands. */
export type FeatureFactor = 'income' | 'stability' | 'debt_burden' | 'credit_history' | 'platform_behaviour' | 'household' | 'certificates' | 'profile';

const FEN_PER_RMB = 100;
/** Ratios are capped so that a near-zero income does not produce an unbounded value. */
export const RATIO_CAP = 10;

// Full months as date-fns differenceInMonths counts them (the model was trained on those values),
// computed on integer calendar dates read straight from the ISO strings: no Date per feature per
// scenario, and no dependence on the process time zone (see src/dates/calendarDate.ts).
function monthsSince(ctx: FeatureContext, isoDate: string | undefined): number {
  if (isoDate === undefined) return Number.NaN;
  return Math.max(0, monthsBetween(calendarDateOf(ctx.applicant.asOf), calendarDateOf(isoDate)));
}

function ratio(numerator: number, denominator: number): number {
  if (denominator <= 0) return numerator > 0 ? RATIO_CAP : 0;
  return Math.min(RATIO_CAP, numerator / denominator);
}

/**
 * Strongest accepted item of a category. A max (not a mean) so that adding an accepted
 * certificate can never lower the feature: that is what makes "evidence never lowers a limit"
 * hold by construction together with the model's monotone constraints.
 */
function strongestInCategory(ctx: FeatureContext, category: CertificateCategory): number {
  let best = 0;
  for (const e of ctx.evidence) {
    if (e.status === 'accepted' && e.category === category && e.strength > best) best = e.strength;
  }
  return best;
}

/** Income verification strength: payroll strongest, self-declared weakest. */
const INCOME_VERIFICATION_LEVEL = { self_declared: 0, bank_statement: 1, tax_record: 2, payroll: 3 } as const;

/**
 * Every feature of the default model, in the default model's input order. A custom model may use
 * any subset in any order: the encoder maps by name through the model's manifest.
 */
export const featureDefinitions: readonly FeatureDefinition[] = deepFreeze([
  {
    name: 'age_years',
    description: 'Age on the decision date',
    unit: 'years',
    sources: ['birthDate', 'asOf'],
    monotone: 0,
    factor: 'profile',
    kind: 'numeric',
    compute: (ctx) => monthsSince(ctx, ctx.applicant.birthDate) / 12,
  },
  {
    name: 'employment_type',
    description: 'Kind of employment',
    unit: 'category',
    sources: ['employment.type'],
    monotone: 0,
    factor: 'stability',
    kind: 'categorical',
    categories: EmploymentType.options,
    compute: (ctx) => ctx.applicant.employment.type,
  },
  {
    name: 'industry',
    description: 'Industry of the main job',
    unit: 'category',
    sources: ['employment.industry'],
    monotone: 0,
    factor: 'stability',
    kind: 'categorical',
    categories: Industry.options,
    compute: (ctx) => ctx.applicant.employment.industry,
  },
  {
    name: 'employment_tenure_months',
    description: 'Months in the current job or activity; missing when no start date is known',
    unit: 'months',
    sources: ['employment.startDate', 'asOf'],
    monotone: -1,
    factor: 'stability',
    kind: 'numeric',
    compute: (ctx) => monthsSince(ctx, ctx.applicant.employment.startDate),
  },
  {
    name: 'income_rmb',
    description: 'Monthly net income',
    unit: 'RMB per month',
    sources: ['income.monthlyNet'],
    monotone: -1,
    factor: 'income',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.income.monthlyNet / FEN_PER_RMB,
  },
  {
    name: 'income_verification_level',
    description: 'How the income was verified: 0 self-declared, 1 bank statement, 2 tax record, 3 payroll',
    unit: 'level 0-3',
    sources: ['income.source'],
    monotone: -1,
    factor: 'income',
    kind: 'numeric',
    compute: (ctx) => INCOME_VERIFICATION_LEVEL[ctx.applicant.income.source],
  },
  {
    name: 'social_insurance_months',
    description: 'Months of social-insurance contributions',
    unit: 'months',
    sources: ['socialInsuranceMonths'],
    monotone: -1,
    factor: 'stability',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.socialInsuranceMonths,
  },
  {
    name: 'housing_fund_months',
    description: 'Months of housing-provident-fund contributions',
    unit: 'months',
    sources: ['housingFundMonths'],
    monotone: -1,
    factor: 'stability',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.housingFundMonths,
  },
  {
    name: 'city_tier',
    description: 'City tier of residence, 1 (first-tier) to 5 (county or rural)',
    unit: 'tier',
    sources: ['residence.cityTier'],
    monotone: 0,
    factor: 'profile',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.residence.cityTier,
  },
  {
    name: 'region',
    description: 'Economic region of residence',
    unit: 'category',
    sources: ['residence.region'],
    monotone: 0,
    factor: 'profile',
    kind: 'categorical',
    categories: Region.options,
    compute: (ctx) => ctx.applicant.residence.region,
  },
  {
    name: 'bureau_has_file',
    description: '1 when a credit-bureau file exists, 0 for a thin-file applicant',
    unit: 'flag',
    sources: ['bureau.hasFile'],
    monotone: 0,
    factor: 'credit_history',
    kind: 'numeric',
    compute: (ctx) => (ctx.applicant.bureau.hasFile ? 1 : 0),
  },
  {
    name: 'bureau_enquiries_6m',
    description: 'Hard credit enquiries in the last 6 months; missing without a bureau file',
    unit: 'count',
    sources: ['bureau.enquiries6m'],
    monotone: 1,
    factor: 'credit_history',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.bureau.enquiries6m ?? Number.NaN,
  },
  {
    name: 'bureau_delinquencies_24m',
    description: 'Delinquent accounts in the last 24 months; missing without a bureau file',
    unit: 'count',
    sources: ['bureau.delinquencies24m'],
    monotone: 1,
    factor: 'credit_history',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.bureau.delinquencies24m ?? Number.NaN,
  },
  {
    name: 'current_days_past_due',
    description: 'Days past due today on any account',
    unit: 'days',
    sources: ['bureau.currentDaysPastDue'],
    monotone: 1,
    factor: 'credit_history',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.bureau.currentDaysPastDue,
  },
  {
    name: 'debt_service_ratio',
    description: 'Monthly repayments on other debt divided by monthly income (capped at 10)',
    unit: 'ratio',
    sources: ['bureau.otherMonthlyDebtService', 'income.monthlyNet'],
    monotone: 1,
    factor: 'debt_burden',
    kind: 'numeric',
    compute: (ctx) => ratio(ctx.applicant.bureau.otherMonthlyDebtService, ctx.applicant.income.monthlyNet),
  },
  {
    name: 'other_balance_to_income',
    description: 'Other consumer-credit balances in months of income (capped at 10)',
    unit: 'months of income',
    sources: ['bureau.otherConsumerCreditBalance', 'income.monthlyNet'],
    monotone: 1,
    factor: 'debt_burden',
    kind: 'numeric',
    compute: (ctx) => ratio(ctx.applicant.bureau.otherConsumerCreditBalance, ctx.applicant.income.monthlyNet),
  },
  {
    name: 'platform_account_age_months',
    description: 'Age of the platform account',
    unit: 'months',
    sources: ['platform.accountAgeMonths'],
    monotone: 0,
    factor: 'platform_behaviour',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.platform.accountAgeMonths,
  },
  {
    name: 'platform_uses_3m',
    description: 'Credit-line uses in the last 3 months',
    unit: 'count',
    sources: ['platform.transactions3m'],
    monotone: 0,
    factor: 'platform_behaviour',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.platform.transactions3m,
  },
  {
    name: 'platform_average_use_rmb',
    description: 'Average amount of one use in the last 3 months; missing with no use',
    unit: 'RMB',
    sources: ['platform.transactionAmount3m', 'platform.transactions3m'],
    monotone: 0,
    factor: 'platform_behaviour',
    kind: 'numeric',
    compute: (ctx) => {
      const p = ctx.applicant.platform;
      return p.transactions3m === 0 ? Number.NaN : p.transactionAmount3m / p.transactions3m / FEN_PER_RMB;
    },
  },
  {
    name: 'platform_on_time_rate',
    description: 'Share of platform bills repaid on time; missing when never billed',
    unit: 'share',
    sources: ['platform.onTimeRepaymentRate'],
    monotone: -1,
    factor: 'platform_behaviour',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.platform.onTimeRepaymentRate ?? Number.NaN,
  },
  {
    name: 'platform_utilization',
    description: 'Current balance divided by current limit, at its cap for a balance on no limit (a closed line still owed); missing with neither',
    unit: 'ratio',
    sources: ['platform.currentBalance', 'platform.currentLimit'],
    monotone: 1,
    factor: 'debt_burden',
    kind: 'numeric',
    compute: (ctx) => {
      const p = ctx.applicant.platform;
      // A balance owed on a line closed at 0 is the most drawn a line can be, not "no line": read
      // as missing, it scored like a new customer, so a decline that closed the line was reversed by
      // a reassessment of the same profile on the same day (PD 20.1% to 8.7%, a line of 7,100 RMB).
      if (p.currentLimit === 0) return p.currentBalance > 0 ? RATIO_CAP : Number.NaN;
      return Math.min(RATIO_CAP, p.currentBalance / p.currentLimit);
    },
  },
  {
    name: 'dependants',
    description: 'Number of dependants',
    unit: 'count',
    sources: ['household.dependants'],
    monotone: 0,
    factor: 'household',
    kind: 'numeric',
    compute: (ctx) => ctx.applicant.household.dependants,
  },
  {
    name: 'essentials_to_income',
    description: 'Monthly essential spending divided by monthly income (capped at 10)',
    unit: 'ratio',
    sources: ['household.monthlyEssentialSpending', 'income.monthlyNet'],
    monotone: 1,
    factor: 'household',
    kind: 'numeric',
    compute: (ctx) => ratio(ctx.applicant.household.monthlyEssentialSpending, ctx.applicant.income.monthlyNet),
  },
  {
    name: 'cert_professional',
    description: 'Strength of the strongest accepted professional qualification (0 when none)',
    unit: 'strength 0-1',
    sources: ['evidence'],
    monotone: -1,
    factor: 'certificates',
    kind: 'numeric',
    compute: (ctx) => strongestInCategory(ctx, 'professional'),
  },
  {
    name: 'cert_language',
    description: 'Strength of the strongest accepted language test (0 when none)',
    unit: 'strength 0-1',
    sources: ['evidence'],
    monotone: -1,
    factor: 'certificates',
    kind: 'numeric',
    compute: (ctx) => strongestInCategory(ctx, 'language'),
  },
  {
    name: 'cert_honour',
    description: 'Strength of the strongest accepted scholarship or honour (0 when none)',
    unit: 'strength 0-1',
    sources: ['evidence'],
    monotone: -1,
    factor: 'certificates',
    kind: 'numeric',
    compute: (ctx) => strongestInCategory(ctx, 'honour'),
  },
  {
    name: 'cert_gig',
    description: 'Strength of the strongest accepted gig-work signal: platform rating, reviews, followers, skill level (0 when none)',
    unit: 'strength 0-1',
    sources: ['evidence'],
    monotone: -1,
    factor: 'certificates',
    kind: 'numeric',
    compute: (ctx) => strongestInCategory(ctx, 'gig'),
  },
  {
    name: 'cert_accepted_count',
    description: 'Number of accepted certificates of any kind',
    unit: 'count',
    sources: ['evidence'],
    monotone: -1,
    factor: 'certificates',
    kind: 'numeric',
    compute: (ctx) => ctx.evidence.reduce((n, e) => n + (e.status === 'accepted' ? 1 : 0), 0),
  },
]);

/** Definitions by name. */
export const featureDefinitionsByName: ReadonlyMap<string, FeatureDefinition> = new ReadOnlyMap(
  featureDefinitions.map((d) => [d.name, d] as const),
  'featureDefinitionsByName is read-only (every scorer reads the built-in features)',
);
