import { deepFreeze } from '../../common/deepFreeze.js';
import type { EmploymentType, IncomeSource, Industry, Region } from '../../schema/applicant.js';
import type { SyntheticCertificateKind } from './certificateKinds.js';

/** The segments the synthetic population is drawn from. */
export const SEGMENT_IDS = deepFreeze([
  'factory_worker',
  'construction_worker',
  'retail_staff',
  'new_graduate',
  'gig_worker',
  'service_worker',
  'rural_household',
  'small_business_owner',
  'established_professional',
] as const);

/** A segment of the synthetic population. */
export type SegmentId = (typeof SEGMENT_IDS)[number];

/** Kinds of gig work; they decide a gig worker's industry and platform evidence. */
export type GigWork = 'ride_hailing' | 'courier' | 'food_delivery' | 'streamer';

/**
 * Everything that makes one segment differ from another. Plain data: every number here is an
 * assumption written down in models/default/POPULATION.md, and changing it changes the card.
 */
export interface SegmentProfile {
  readonly id: SegmentId;
  /** Share of the population. */
  readonly share: number;
  readonly description: string;
  /** Weights of city tiers 1..5. */
  readonly tierWeights: readonly [number, number, number, number, number];
  readonly regionWeights: Readonly<Record<Region, number>>;
  /** Age range in whole years, inclusive. */
  readonly ageRange: readonly [number, number];
  readonly employment: Readonly<Partial<Record<EmploymentType, number>>>;
  readonly industries: Readonly<Partial<Record<Industry, number>>>;
  readonly gigWork?: Readonly<Record<GigWork, number>>;
  /** Median monthly net income in a tier-3 city, RMB, and its log-scale spread. */
  readonly incomeMedianRmb: number;
  readonly incomeSigma: number;
  readonly incomeSources: Readonly<Record<IncomeSource, number>>;
  /** Mean months in the current job (exponential); farmers use years farmed instead. */
  readonly tenureMeanMonths: number;
  /** Chance the start date of the current job is known. */
  readonly startDateKnown: number;
  /** Chance of employee social insurance in the current job, and of a housing fund given that. */
  readonly socialInsuranceCoverage: number;
  readonly housingFundGivenInsurance: number;
  /** Mean contribution months from earlier jobs, for those covered. */
  readonly priorContributionMeanMonths: number;
  /** Chance of a credit-bureau file. */
  readonly bureauFileRate: number;
  /** Chance of other consumer debt, given a bureau file; and of a mortgage or car loan. */
  readonly otherDebtRate: number;
  readonly securedLoanRate: number;
  /** Mean number of dependants (Poisson, capped at 6). */
  readonly dependantsMean: number;
  /**
   * Base chance of holding and uploading each certificate kind. Pairs rather than a record: the
   * kind id `constructor` would collide with `Object.prototype.constructor` in a plain object.
   */
  readonly evidence: readonly (readonly [SyntheticCertificateKind, number])[];
}

/**
 * The segment profiles. Shares sum to 1. Incomes are monthly net, RMB, 2026 levels; a tier
 * multiplier (see {@link TIER_INCOME_FACTOR}) moves them by city tier.
 */
export const SEGMENT_PROFILES: Readonly<Record<SegmentId, SegmentProfile>> = deepFreeze({
  factory_worker: {
    id: 'factory_worker',
    share: 0.2,
    description: 'Manufacturing line and warehouse workers, many of them migrant workers',
    tierWeights: [0.05, 0.22, 0.33, 0.26, 0.14],
    regionWeights: { east: 0.55, central: 0.24, west: 0.15, northeast: 0.06 },
    ageRange: [19, 52],
    employment: { salaried: 0.92, other: 0.08 },
    industries: { manufacturing: 1 },
    incomeMedianRmb: 5_700,
    incomeSigma: 0.17,
    incomeSources: { payroll: 0.55, tax_record: 0.1, bank_statement: 0.2, self_declared: 0.15 },
    tenureMeanMonths: 26,
    startDateKnown: 0.95,
    socialInsuranceCoverage: 0.7,
    housingFundGivenInsurance: 0.4,
    priorContributionMeanMonths: 24,
    bureauFileRate: 0.58,
    otherDebtRate: 0.45,
    securedLoanRate: 0.06,
    dependantsMean: 1.1,
    evidence: [
      ['vocational_skill_level', 0.2],
      ['national_computer_rank', 0.03],
      ['cet4', 0.05],
    ],
  },
  construction_worker: {
    id: 'construction_worker',
    share: 0.13,
    description: 'Construction site workers and small-crew tradesmen, largely project-based',
    tierWeights: [0.04, 0.16, 0.32, 0.3, 0.18],
    regionWeights: { east: 0.36, central: 0.3, west: 0.26, northeast: 0.08 },
    ageRange: [22, 58],
    employment: { salaried: 0.42, self_employed: 0.1, other: 0.48 },
    industries: { construction: 1 },
    incomeMedianRmb: 6_400,
    incomeSigma: 0.25,
    incomeSources: { payroll: 0.22, tax_record: 0.05, bank_statement: 0.33, self_declared: 0.4 },
    tenureMeanMonths: 11,
    startDateKnown: 0.8,
    socialInsuranceCoverage: 0.3,
    housingFundGivenInsurance: 0.25,
    priorContributionMeanMonths: 12,
    bureauFileRate: 0.5,
    otherDebtRate: 0.45,
    securedLoanRate: 0.08,
    dependantsMean: 1.5,
    evidence: [
      ['vocational_skill_level', 0.22],
      ['constructor', 0.03],
    ],
  },
  retail_staff: {
    id: 'retail_staff',
    share: 0.14,
    description: 'Shop assistants, cashiers, sales and wholesale staff',
    tierWeights: [0.08, 0.22, 0.3, 0.26, 0.14],
    regionWeights: { east: 0.42, central: 0.27, west: 0.22, northeast: 0.09 },
    ageRange: [19, 50],
    employment: { salaried: 0.9, other: 0.1 },
    industries: { wholesale_retail: 1 },
    incomeMedianRmb: 4_900,
    incomeSigma: 0.22,
    incomeSources: { payroll: 0.5, tax_record: 0.1, bank_statement: 0.22, self_declared: 0.18 },
    tenureMeanMonths: 20,
    startDateKnown: 0.92,
    socialInsuranceCoverage: 0.6,
    housingFundGivenInsurance: 0.35,
    priorContributionMeanMonths: 18,
    bureauFileRate: 0.6,
    otherDebtRate: 0.5,
    securedLoanRate: 0.06,
    dependantsMean: 0.9,
    evidence: [
      ['cet4', 0.1],
      ['junior_accountant', 0.03],
      ['vocational_skill_level', 0.06],
      ['national_computer_rank', 0.04],
    ],
  },
  new_graduate: {
    id: 'new_graduate',
    share: 0.12,
    description: 'New entrants to the workforce within about three years of graduating',
    tierWeights: [0.2, 0.34, 0.26, 0.15, 0.05],
    regionWeights: { east: 0.48, central: 0.24, west: 0.21, northeast: 0.07 },
    ageRange: [21, 27],
    employment: { salaried: 0.93, self_employed: 0.02, other: 0.05 },
    industries: {
      information_technology: 0.18,
      manufacturing: 0.12,
      wholesale_retail: 0.12,
      education: 0.12,
      finance: 0.1,
      culture_media: 0.08,
      healthcare: 0.06,
      public_sector: 0.06,
      hospitality_catering: 0.04,
      construction: 0.04,
      other: 0.08,
    },
    incomeMedianRmb: 6_000,
    incomeSigma: 0.27,
    incomeSources: { payroll: 0.65, tax_record: 0.15, bank_statement: 0.12, self_declared: 0.08 },
    tenureMeanMonths: 10,
    startDateKnown: 0.97,
    socialInsuranceCoverage: 0.85,
    housingFundGivenInsurance: 0.7,
    priorContributionMeanMonths: 1,
    bureauFileRate: 0.52,
    otherDebtRate: 0.4,
    securedLoanRate: 0.01,
    dependantsMean: 0.1,
    evidence: [
      ['cet4', 0.72],
      ['cet6', 0.5], // conditional on a passed CET-4
      ['ielts', 0.05],
      ['toefl_ibt', 0.025],
      ['duolingo', 0.02],
      ['tem8', 0.03],
      ['school_scholarship', 0.3],
      ['provincial_scholarship', 0.05],
      ['national_scholarship', 0.025],
      ['national_computer_rank', 0.3],
      ['teacher_qualification', 0.1],
      ['junior_accountant', 0.07],
      ['securities_practitioner', 0.04],
      ['legal_professional', 0.01],
      ['nurse', 0.03],
    ],
  },
  gig_worker: {
    id: 'gig_worker',
    share: 0.1,
    description: 'Ride-hailing drivers, couriers, food-delivery riders and streamers',
    tierWeights: [0.12, 0.28, 0.3, 0.2, 0.1],
    regionWeights: { east: 0.45, central: 0.25, west: 0.22, northeast: 0.08 },
    ageRange: [20, 48],
    employment: { gig: 1 },
    industries: {}, // decided by gigWork
    gigWork: { ride_hailing: 0.3, courier: 0.25, food_delivery: 0.3, streamer: 0.15 },
    incomeMedianRmb: 6_600,
    incomeSigma: 0.3,
    incomeSources: { payroll: 0.03, tax_record: 0.1, bank_statement: 0.55, self_declared: 0.32 },
    tenureMeanMonths: 18,
    startDateKnown: 0.85,
    socialInsuranceCoverage: 0.15,
    housingFundGivenInsurance: 0.15,
    priorContributionMeanMonths: 20,
    bureauFileRate: 0.55,
    otherDebtRate: 0.55,
    securedLoanRate: 0.12, // car loans for ride-hailing
    dependantsMean: 1.0,
    evidence: [
      ['vocational_skill_level', 0.08],
      ['cet4', 0.06],
    ],
  },
  service_worker: {
    id: 'service_worker',
    share: 0.09,
    description: 'Catering, hotel and domestic-service workers',
    tierWeights: [0.1, 0.24, 0.3, 0.23, 0.13],
    regionWeights: { east: 0.42, central: 0.26, west: 0.23, northeast: 0.09 },
    ageRange: [18, 55],
    employment: { salaried: 0.72, other: 0.28 },
    industries: { hospitality_catering: 0.65, domestic_services: 0.35 },
    incomeMedianRmb: 4_600,
    incomeSigma: 0.22,
    incomeSources: { payroll: 0.35, tax_record: 0.05, bank_statement: 0.25, self_declared: 0.35 },
    tenureMeanMonths: 14,
    startDateKnown: 0.88,
    socialInsuranceCoverage: 0.4,
    housingFundGivenInsurance: 0.2,
    priorContributionMeanMonths: 12,
    bureauFileRate: 0.5,
    otherDebtRate: 0.45,
    securedLoanRate: 0.03,
    dependantsMean: 1.1,
    evidence: [
      ['vocational_skill_level', 0.14],
      ['tour_guide_licence', 0.03],
      ['cet4', 0.05],
    ],
  },
  rural_household: {
    id: 'rural_household',
    share: 0.09,
    description: 'Rural county households: farmers, some with seasonal off-farm work',
    tierWeights: [0, 0, 0.02, 0.1, 0.88],
    regionWeights: { east: 0.26, central: 0.34, west: 0.32, northeast: 0.08 },
    ageRange: [24, 62],
    employment: { farmer: 1 },
    industries: { agriculture: 0.9, other: 0.1 },
    incomeMedianRmb: 3_100,
    incomeSigma: 0.38,
    incomeSources: { payroll: 0.01, tax_record: 0.03, bank_statement: 0.24, self_declared: 0.72 },
    tenureMeanMonths: 0, // farmers: years farmed, see generatePopulation
    startDateKnown: 0.55,
    socialInsuranceCoverage: 0.06,
    housingFundGivenInsurance: 0.05,
    priorContributionMeanMonths: 12,
    bureauFileRate: 0.3,
    otherDebtRate: 0.35,
    securedLoanRate: 0.05,
    dependantsMean: 1.8,
    evidence: [['vocational_skill_level', 0.05]],
  },
  small_business_owner: {
    id: 'small_business_owner',
    share: 0.06,
    description: 'Owners of small shops, stalls and eateries',
    tierWeights: [0.06, 0.2, 0.32, 0.27, 0.15],
    regionWeights: { east: 0.44, central: 0.26, west: 0.22, northeast: 0.08 },
    ageRange: [24, 58],
    employment: { self_employed: 1 },
    industries: { wholesale_retail: 0.55, hospitality_catering: 0.25, transport_logistics: 0.08, other: 0.12 },
    incomeMedianRmb: 8_000,
    incomeSigma: 0.5,
    incomeSources: { payroll: 0, tax_record: 0.25, bank_statement: 0.45, self_declared: 0.3 },
    tenureMeanMonths: 48,
    startDateKnown: 0.9,
    socialInsuranceCoverage: 0.25,
    housingFundGivenInsurance: 0.1,
    priorContributionMeanMonths: 36,
    bureauFileRate: 0.78,
    otherDebtRate: 0.6,
    securedLoanRate: 0.25,
    dependantsMean: 1.4,
    evidence: [
      ['vocational_skill_level', 0.06],
      ['junior_accountant', 0.03],
      ['cet4', 0.06],
    ],
  },
  established_professional: {
    id: 'established_professional',
    share: 0.07,
    description: 'Teachers, nurses, doctors, accountants, engineers and civil servants with longer careers',
    tierWeights: [0.14, 0.3, 0.3, 0.18, 0.08],
    regionWeights: { east: 0.44, central: 0.25, west: 0.22, northeast: 0.09 },
    ageRange: [26, 55],
    employment: { salaried: 0.92, self_employed: 0.08 },
    industries: {
      education: 0.3,
      healthcare: 0.25,
      finance: 0.14,
      information_technology: 0.12,
      public_sector: 0.11,
      construction: 0.08,
    },
    incomeMedianRmb: 9_000,
    incomeSigma: 0.33,
    incomeSources: { payroll: 0.7, tax_record: 0.2, bank_statement: 0.07, self_declared: 0.03 },
    tenureMeanMonths: 60,
    startDateKnown: 0.97,
    socialInsuranceCoverage: 0.92,
    housingFundGivenInsurance: 0.85,
    priorContributionMeanMonths: 30,
    bureauFileRate: 0.9,
    otherDebtRate: 0.55,
    securedLoanRate: 0.35,
    dependantsMean: 1.3,
    evidence: [
      ['teacher_qualification', 0.3],
      ['nurse', 0.14],
      ['physician', 0.06],
      ['pharmacist', 0.04],
      ['junior_accountant', 0.14],
      ['intermediate_accountant', 0.4], // conditional on junior_accountant
      ['cpa', 0.02],
      ['legal_professional', 0.03],
      ['constructor', 0.06],
      ['securities_practitioner', 0.05],
      ['national_computer_rank', 0.15],
      ['cet4', 0.5],
      ['cet6', 0.45],
      ['ielts', 0.04],
      ['toefl_ibt', 0.02],
      ['tem8', 0.02],
      ['school_scholarship', 0.15],
      ['provincial_scholarship', 0.03],
      ['national_scholarship', 0.015],
    ],
  },
});

/** Income multiplier by city tier 1..5 (index 0 is tier 1): wages follow the cost of living. */
export const TIER_INCOME_FACTOR: readonly number[] = [1.3, 1.12, 1, 0.9, 0.82];

/** Essential spending (rent, food, utilities, transport) by tier, RMB/month: base and per dependant. */
export const TIER_ESSENTIALS_RMB: readonly (readonly [number, number])[] = [
  [3_800, 1_300],
  [3_000, 1_050],
  [2_300, 850],
  [1_900, 700],
  [1_400, 520],
];
