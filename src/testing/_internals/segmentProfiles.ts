import type { EmploymentType, IncomeSource, Industry } from '../../schema/applicant.js';
import type { ApplicantSegment } from '../applicantSegment.js';

/**
 * Realistic ranges for one segment. Ranges, not distributions: a property test wants the whole
 * plausible range covered (edges included), not a faithful population; the synthetic population
 * in src/train/synthetic is the place for shares and medians. Incomes are monthly net RMB.
 */
export interface SegmentProfile {
  readonly ageYears: readonly [number, number];
  readonly employment: readonly EmploymentType[];
  readonly industries: readonly Industry[];
  readonly incomeRmb: readonly [number, number];
  readonly incomeSources: readonly IncomeSource[];
  /** Months in the current job or activity. */
  readonly tenureMonths: readonly [number, number];
  /** Months of social-insurance contributions. */
  readonly contributionMonths: readonly [number, number];
  readonly cityTiers: readonly number[];
  /** Certificate kinds people in the segment typically hold (default-catalog ids). */
  readonly evidenceKinds: readonly string[];
}

const ALL_SOURCES: readonly IncomeSource[] = ['payroll', 'tax_record', 'bank_statement', 'self_declared'];
const INFORMAL_SOURCES: readonly IncomeSource[] = ['bank_statement', 'self_declared', 'tax_record'];

/** The ranges by segment. Every figure is an assumption of ours, in line with POPULATION.md. */
export const segmentProfiles: Readonly<Record<ApplicantSegment, SegmentProfile>> = {
  new_graduate: {
    ageYears: [21, 27],
    employment: ['salaried', 'self_employed', 'other'],
    industries: ['information_technology', 'manufacturing', 'wholesale_retail', 'education', 'finance', 'culture_media', 'healthcare', 'public_sector'],
    incomeRmb: [3_000, 15_000],
    incomeSources: ALL_SOURCES,
    tenureMonths: [0, 36],
    contributionMonths: [0, 36],
    cityTiers: [1, 2, 3, 4, 5],
    evidenceKinds: [
      'cet4',
      'cet6',
      'ielts',
      'toefl_ibt',
      'duolingo',
      'tem8',
      'school_scholarship',
      'provincial_scholarship',
      'national_scholarship',
      'national_computer_rank',
      'teacher_qualification',
      'junior_accountant',
    ],
  },
  factory_worker: {
    ageYears: [18, 55],
    employment: ['salaried', 'other'],
    industries: ['manufacturing'],
    incomeRmb: [3_000, 10_000],
    incomeSources: ALL_SOURCES,
    tenureMonths: [0, 120],
    contributionMonths: [0, 240],
    cityTiers: [2, 3, 4, 5],
    evidenceKinds: ['vocational_skill_level', 'national_computer_rank', 'cet4'],
  },
  construction_worker: {
    ageYears: [20, 60],
    employment: ['salaried', 'self_employed', 'other'],
    industries: ['construction'],
    incomeRmb: [3_500, 12_000],
    incomeSources: INFORMAL_SOURCES,
    tenureMonths: [0, 36],
    contributionMonths: [0, 120],
    cityTiers: [2, 3, 4, 5],
    evidenceKinds: ['vocational_skill_level', 'constructor'],
  },
  retail_staff: {
    ageYears: [18, 50],
    employment: ['salaried', 'other'],
    industries: ['wholesale_retail'],
    incomeRmb: [2_800, 9_000],
    incomeSources: ALL_SOURCES,
    tenureMonths: [0, 96],
    contributionMonths: [0, 180],
    cityTiers: [1, 2, 3, 4, 5],
    evidenceKinds: ['cet4', 'junior_accountant', 'vocational_skill_level', 'national_computer_rank'],
  },
  service_worker: {
    ageYears: [18, 55],
    employment: ['salaried', 'other'],
    industries: ['hospitality_catering', 'domestic_services'],
    incomeRmb: [2_600, 8_000],
    incomeSources: ALL_SOURCES,
    tenureMonths: [0, 72],
    contributionMonths: [0, 120],
    cityTiers: [1, 2, 3, 4, 5],
    evidenceKinds: ['vocational_skill_level', 'tour_guide_licence', 'cet4'],
  },
  gig_worker: {
    ageYears: [21, 48],
    employment: ['gig'],
    industries: ['transport_logistics', 'culture_media'],
    incomeRmb: [3_000, 15_000],
    incomeSources: INFORMAL_SOURCES,
    tenureMonths: [0, 72],
    contributionMonths: [0, 60],
    cityTiers: [1, 2, 3, 4],
    evidenceKinds: ['ride_hailing_rating', 'courier_rating', 'creator_followers', 'vocational_skill_level', 'cet4'],
  },
  rural_household: {
    ageYears: [24, 62],
    employment: ['farmer'],
    industries: ['agriculture', 'other'],
    incomeRmb: [1_200, 7_000],
    incomeSources: ['self_declared', 'bank_statement'],
    tenureMonths: [12, 480],
    contributionMonths: [0, 36],
    cityTiers: [4, 5],
    evidenceKinds: ['vocational_skill_level'],
  },
  small_business_owner: {
    ageYears: [24, 58],
    employment: ['self_employed'],
    industries: ['wholesale_retail', 'hospitality_catering', 'transport_logistics', 'other'],
    incomeRmb: [3_000, 40_000],
    incomeSources: ['tax_record', 'bank_statement', 'self_declared'],
    tenureMonths: [0, 240],
    contributionMonths: [0, 120],
    cityTiers: [1, 2, 3, 4, 5],
    evidenceKinds: ['vocational_skill_level', 'junior_accountant', 'cet4'],
  },
  established_professional: {
    ageYears: [26, 58],
    employment: ['salaried', 'self_employed'],
    industries: ['education', 'healthcare', 'finance', 'information_technology', 'public_sector', 'construction'],
    incomeRmb: [6_000, 40_000],
    incomeSources: ['payroll', 'tax_record', 'bank_statement'],
    tenureMonths: [12, 360],
    contributionMonths: [24, 400],
    cityTiers: [1, 2, 3, 4],
    evidenceKinds: [
      'teacher_qualification',
      'nurse',
      'physician',
      'pharmacist',
      'junior_accountant',
      'intermediate_accountant',
      'cpa',
      'legal_professional',
      'constructor',
      'cet4',
      'cet6',
      'ielts',
    ],
  },
};

/** Essential monthly spending by city tier 1..5, RMB: [single adult, extra per dependant]. */
export const ESSENTIALS_RMB_BY_TIER: readonly (readonly [number, number])[] = [
  [3_800, 1_300],
  [3_000, 1_050],
  [2_300, 850],
  [1_900, 700],
  [1_400, 520],
];
