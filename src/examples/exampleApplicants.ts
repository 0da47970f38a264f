import { refuseArguments, typeNameOf } from '../errors/argumentIssues.js';
import { deepFreeze } from '../common/deepFreeze.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import { CreditliftError } from '../errors/creditliftError.js';
import type { DeepReadonly } from '../common/deepReadonly.js';
import type { ApplicantInput } from '../schema/applicant.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';
import { exampleStory, type StoryPart } from './exampleStory.js';

/** The segments the examples cover; each names one kind of user the product serves. */
export type ExampleSegment =
  | 'new_graduate'
  | 'factory_worker'
  | 'construction_worker'
  | 'retail_clerk'
  | 'rural_household'
  | 'gig_driver'
  | 'duplicate_certificate'
  | 'self_capped'
  | 'delinquent'
  | 'salaried_teacher'
  | 'nursing_graduate';

/**
 * The interactive step of an example's story: one certificate the applicant holds is uploaded
 * after a first decision made without it, and the line is reassessed.
 */
export interface ExampleUpload {
  /** Position of the uploaded certificate in `applicant.evidence`. */
  readonly index: number;
  /** What the upload shows, one line, English: why it moves the limit, or why it cannot. */
  readonly shows: string;
  /** Whether the default model and policy raise the limit when it is uploaded (a test holds it to this). */
  readonly raisesLimit: boolean;
}

/** A realistic applicant with a stable id, the segment it stands for and a one-line story. */
export interface ExampleApplicant {
  readonly id: string;
  readonly segment: ExampleSegment;
  /** One line, English: the story as written, of the applicant holding every certificate ({@link exampleStory} of `storyParts`). */
  readonly story: string;
  /**
   * The story in pieces, each phrase about a certificate tied to its place in `applicant.evidence`:
   * {@link exampleStory} tells it of the applicant less some certificates (the playground's copy of an
   * example under a catalog that does not count one).
   */
  readonly storyParts: readonly StoryPart[];
  /** The applicant with every certificate they hold, the upload included (frozen: `structuredClone` it to edit). */
  readonly applicant: DeepReadonly<ApplicantInput>;
  readonly upload: ExampleUpload;
}

/** The decision date of every example. */
export const EXAMPLE_AS_OF = '2026-11-01';

// Deterministic stand-ins for hashed IDs and documents: SHA-256 of a readable label, so the
// examples carry real-looking digests without any real person's data.
function sha256(label: string): string {
  return sha256Hex(`creditlift-example:${label}`);
}

const RMB = 100; // fen per yuan: amounts below read in yuan.

function evidence(
  owner: string,
  label: string,
  e: Omit<CertificateEvidence, 'holder' | 'documentHash'> & { holder?: CertificateEvidence['holder']; documentHash?: string },
): CertificateEvidence {
  return { ...e, holder: e.holder ?? { idHash: sha256(`${owner}:id`) }, documentHash: e.documentHash ?? sha256(`${owner}:doc:${label}`) };
}

const written: Omit<ExampleApplicant, 'story'>[] = [
  {
    id: 'ex-new-graduate',
    segment: 'new_graduate',
    storyParts: [
      'Graduated in 2025, first office job for a year',
      { evidence: [1], text: ', a school scholarship on file' },
      { evidence: [0], text: ', an IELTS 6.5 to upload' },
      ', no bureau file yet.',
    ],
    upload: { index: 0, raisesLimit: true, shows: 'Language: a verified IELTS 6.5 lowers her modelled risk, and her line is set by risk, so the limit rises.' },
    applicant: {
      id: 'ex-new-graduate',
      asOf: EXAMPLE_AS_OF,
      birthDate: '2003-05-14',
      identity: { idHash: sha256('ex-new-graduate:id'), name: 'Lin Xiaoyu' },
      employment: { type: 'salaried', industry: 'information_technology', startDate: '2025-08-15' },
      income: { monthlyNet: 6_500 * RMB, source: 'payroll' },
      socialInsuranceMonths: 14,
      housingFundMonths: 14,
      residence: { cityTier: 2, region: 'east' },
      bureau: { hasFile: false },
      platform: {
        accountAgeMonths: 30,
        transactions3m: 150,
        transactionAmount3m: 13_500 * RMB,
        onTimeRepaymentRate: 1,
        currentLimit: 3_000 * RMB,
        currentBalance: 1_200 * RMB,
      },
      household: { monthlyEssentialSpending: 3_500 * RMB, dependants: 0 },
      controls: { requestedLimit: 20_000 * RMB },
      evidence: [
        evidence('ex-new-graduate', 'ielts', {
          kind: 'ielts',
          issuer: 'British Council',
          credentialId: '25CN012345LINX001A',
          issueDate: '2025-03-10',
          expiryDate: '2027-03-10',
          score: 6.5,
          verification: { method: 'issuer_api', confidence: 0.98 },
        }),
        evidence('ex-new-graduate', 'scholarship', {
          kind: 'school_scholarship',
          issuer: 'Nanjing University of Information Science and Technology',
          credentialId: 'NUIST-JXJ-2024-08817',
          issueDate: '2024-10-20',
          verification: { method: 'document_ocr', confidence: 0.9 },
        }),
      ],
    },
  },
  {
    id: 'ex-factory-worker',
    segment: 'factory_worker',
    storyParts: [
      'Assembly-line worker in an electronics plant for two years, paid 5,500 a month',
      { evidence: [0], text: ', intermediate skill certificate' },
      ', no bureau file.',
    ],
    upload: {
      index: 0,
      raisesLimit: true,
      shows: 'Vocational skill: a registry-verified level 4 certificate lowers the risk of a worker whose line is set by risk.',
    },
    applicant: {
      id: 'ex-factory-worker',
      asOf: EXAMPLE_AS_OF,
      birthDate: '1998-09-02',
      identity: { idHash: sha256('ex-factory-worker:id') },
      employment: { type: 'salaried', industry: 'manufacturing', startDate: '2024-09-01' },
      income: { monthlyNet: 5_500 * RMB, source: 'bank_statement' },
      socialInsuranceMonths: 26,
      housingFundMonths: 0,
      residence: { cityTier: 3, region: 'central' },
      bureau: { hasFile: false },
      platform: {
        accountAgeMonths: 48,
        transactions3m: 190,
        transactionAmount3m: 16_800 * RMB,
        onTimeRepaymentRate: 0.98,
        currentLimit: 4_000 * RMB,
        currentBalance: 1_900 * RMB,
      },
      household: { monthlyEssentialSpending: 2_600 * RMB, dependants: 1 },
      evidence: [
        evidence('ex-factory-worker', 'skill', {
          kind: 'vocational_skill_level',
          issuer: 'Hubei Vocational Skill Appraisal Centre',
          credentialId: 'S000042010000245003817',
          issueDate: '2023-06-30',
          level: 'level_4',
          verification: { method: 'government_registry', confidence: 0.97 },
        }),
      ],
    },
  },
  {
    id: 'ex-construction-worker',
    segment: 'construction_worker',
    storyParts: [
      'Migrant rebar worker moving between sites, cash-heavy income of about 7,000 a month, short insurance record, two children at home',
      { evidence: [0], text: ', an intermediate skill certificate' },
      '.',
    ],
    upload: {
      index: 0,
      raisesLimit: false,
      shows: 'Why not: his line is set by what his income can repay after living costs; a certificate lowers the risk, not the repayments.',
    },
    applicant: {
      id: 'ex-construction-worker',
      asOf: EXAMPLE_AS_OF,
      birthDate: '1986-03-21',
      identity: { idHash: sha256('ex-construction-worker:id') },
      employment: { type: 'self_employed', industry: 'construction', startDate: '2025-03-01' },
      income: { monthlyNet: 7_000 * RMB, source: 'self_declared' },
      socialInsuranceMonths: 8,
      housingFundMonths: 0,
      residence: { cityTier: 4, region: 'west' },
      bureau: { hasFile: true, enquiries6m: 2, delinquencies24m: 0, otherConsumerCreditBalance: 3_000 * RMB, otherMonthlyDebtService: 600 * RMB },
      platform: {
        accountAgeMonths: 60,
        transactions3m: 120,
        transactionAmount3m: 10_200 * RMB,
        onTimeRepaymentRate: 0.96,
        currentLimit: 5_000 * RMB,
        currentBalance: 2_300 * RMB,
      },
      household: { monthlyEssentialSpending: 3_800 * RMB, dependants: 2 },
      evidence: [
        evidence('ex-construction-worker', 'skill', {
          kind: 'vocational_skill_level',
          issuer: 'Sichuan Vocational Skill Appraisal Centre',
          credentialId: 'S000051010000522001942',
          issueDate: '2024-11-20',
          level: 'level_4',
          verification: { method: 'government_registry', confidence: 0.96 },
        }),
      ],
    },
  },
  {
    id: 'ex-retail-clerk',
    segment: 'retail_clerk',
    storyParts: [
      'Supermarket clerk who keeps the shop books',
      { evidence: [0], text: ', junior accountant qualification' },
      ', three years of insurance and one of housing fund.',
    ],
    upload: {
      index: 0,
      raisesLimit: true,
      shows: 'Professional: a registry-verified junior accountant qualification lowers the risk of a line set by risk, so it rises.',
    },
    applicant: {
      id: 'ex-retail-clerk',
      asOf: EXAMPLE_AS_OF,
      birthDate: '1999-12-08',
      identity: { idHash: sha256('ex-retail-clerk:id'), name: '王芳' },
      employment: { type: 'salaried', industry: 'wholesale_retail', startDate: '2022-07-01' },
      income: { monthlyNet: 4_500 * RMB, source: 'payroll' },
      socialInsuranceMonths: 40,
      housingFundMonths: 12,
      residence: { cityTier: 3, region: 'east' },
      bureau: { hasFile: true, enquiries6m: 1, delinquencies24m: 0 },
      platform: {
        accountAgeMonths: 72,
        transactions3m: 210,
        transactionAmount3m: 18_000 * RMB,
        onTimeRepaymentRate: 1,
        currentLimit: 6_000 * RMB,
        currentBalance: 2_100 * RMB,
      },
      household: { monthlyEssentialSpending: 2_800 * RMB, dependants: 0 },
      evidence: [
        evidence('ex-retail-clerk', 'junior-accountant', {
          kind: 'junior_accountant',
          issuer: 'Ministry of Finance',
          credentialId: 'CJ2023320500018842',
          holder: { idHash: sha256('ex-retail-clerk:id'), name: '王 芳' },
          issueDate: '2023-08-18',
          verification: { method: 'government_registry', confidence: 0.95 },
        }),
      ],
    },
  },
  {
    id: 'ex-rural-household',
    segment: 'rural_household',
    storyParts: [
      'Farming household in a county village, seasonal income of about 3,000 a month, three dependants, no bureau file',
      { evidence: [0], text: ', a junior skill certificate' },
      '.',
    ],
    upload: { index: 0, raisesLimit: false, shows: 'Why not: too little income is left after living costs for any line; no certificate can change that.' },
    applicant: {
      id: 'ex-rural-household',
      asOf: EXAMPLE_AS_OF,
      birthDate: '1979-07-11',
      identity: { idHash: sha256('ex-rural-household:id') },
      employment: { type: 'farmer', industry: 'agriculture' },
      income: { monthlyNet: 3_000 * RMB, source: 'self_declared' },
      socialInsuranceMonths: 0,
      housingFundMonths: 0,
      residence: { cityTier: 5, region: 'central' },
      bureau: { hasFile: false },
      platform: {
        accountAgeMonths: 20,
        transactions3m: 45,
        transactionAmount3m: 3_600 * RMB,
        onTimeRepaymentRate: 1,
        currentLimit: 1_500 * RMB,
        currentBalance: 400 * RMB,
      },
      household: { monthlyEssentialSpending: 1_900 * RMB, dependants: 3 },
      evidence: [
        evidence('ex-rural-household', 'skill', {
          kind: 'vocational_skill_level',
          issuer: 'Henan Vocational Skill Appraisal Centre',
          credentialId: 'S000041010000713004406',
          issueDate: '2025-04-12',
          level: 'level_5',
          verification: { method: 'government_registry', confidence: 0.95 },
        }),
      ],
    },
  },
  {
    id: 'ex-gig-driver',
    segment: 'gig_driver',
    storyParts: [
      'Full-time ride-hailing driver for three years',
      { evidence: [0], text: ' with a 4.9 platform rating' },
      ', income by bank statement, no housing fund.',
    ],
    upload: { index: 0, raisesLimit: true, shows: 'Gig rating: a 4.9 rating from the platform feed lowers the risk of a line set by risk, so it rises.' },
    applicant: {
      id: 'ex-gig-driver',
      asOf: EXAMPLE_AS_OF,
      birthDate: '1990-01-26',
      identity: { idHash: sha256('ex-gig-driver:id') },
      employment: { type: 'gig', industry: 'transport_logistics', startDate: '2023-10-01' },
      income: { monthlyNet: 8_200 * RMB, source: 'bank_statement' },
      socialInsuranceMonths: 12,
      housingFundMonths: 0,
      residence: { cityTier: 2, region: 'west' },
      bureau: { hasFile: true, enquiries6m: 1, delinquencies24m: 0, otherConsumerCreditBalance: 6_000 * RMB, otherMonthlyDebtService: 600 * RMB },
      platform: {
        accountAgeMonths: 66,
        transactions3m: 230,
        transactionAmount3m: 21_000 * RMB,
        onTimeRepaymentRate: 0.99,
        currentLimit: 8_000 * RMB,
        currentBalance: 3_400 * RMB,
      },
      household: { monthlyEssentialSpending: 4_200 * RMB, dependants: 2 },
      controls: { requestedLimit: 25_000 * RMB },
      evidence: [
        evidence('ex-gig-driver', 'rating', {
          kind: 'ride_hailing_rating',
          issuer: 'Didi Chuxing',
          credentialId: 'DRV-5102-88123-2026Q4',
          issueDate: '2026-10-15',
          score: 4.9,
          verification: { method: 'platform_api', confidence: 0.98 },
        }),
      ],
    },
  },
  {
    id: 'ex-duplicate-certificate',
    segment: 'duplicate_certificate',
    storyParts: [
      {
        evidence: [0, 1, 2],
        text: 'Uploads the same IELTS report twice with a doctored band, then reuses its certificate number: a fraud pattern.',
        otherwise:
          'Written to show a fraud pattern with IELTS reports (a doctored band, a reused certificate number), which the catalog in use does not count as written.',
      },
    ],
    upload: {
      index: 1,
      raisesLimit: false,
      shows: 'Why not: the upload is the same document with a different band, rejected as a duplicate, so it adds nothing.',
    },
    applicant: {
      id: 'ex-duplicate-certificate',
      asOf: EXAMPLE_AS_OF,
      birthDate: '2001-02-17',
      identity: { idHash: sha256('ex-duplicate-certificate:id') },
      employment: { type: 'salaried', industry: 'hospitality_catering', startDate: '2026-03-01' },
      income: { monthlyNet: 5_200 * RMB, source: 'self_declared' },
      socialInsuranceMonths: 6,
      housingFundMonths: 0,
      residence: { cityTier: 3, region: 'east' },
      bureau: { hasFile: false },
      platform: {
        accountAgeMonths: 9,
        transactions3m: 80,
        transactionAmount3m: 7_500 * RMB,
        onTimeRepaymentRate: 0.95,
        currentLimit: 2_000 * RMB,
        currentBalance: 1_600 * RMB,
      },
      household: { monthlyEssentialSpending: 3_000 * RMB, dependants: 0 },
      controls: { requestedLimit: 20_000 * RMB },
      evidence: [
        evidence('ex-duplicate-certificate', 'ielts', {
          kind: 'ielts',
          issuer: 'IDP Education',
          credentialId: '26CN004471ZHAO001A',
          issueDate: '2026-01-24',
          score: 6,
          verification: { method: 'document_ocr', confidence: 0.82 },
        }),
        evidence('ex-duplicate-certificate', 'ielts-again', {
          kind: 'ielts',
          issuer: 'IDP Education',
          credentialId: '26CN004471ZHAO002A',
          issueDate: '2026-01-24',
          score: 7.5,
          documentHash: sha256('ex-duplicate-certificate:doc:ielts'),
          verification: { method: 'document_ocr', confidence: 0.8 },
        }),
        evidence('ex-duplicate-certificate', 'ielts-reused-number', {
          kind: 'ielts',
          issuer: 'IDP Education',
          credentialId: '26CN004471ZHAO001A',
          issueDate: '2026-04-18',
          score: 8,
          verification: { method: 'document_ocr', confidence: 0.78 },
        }),
      ],
    },
  },
  {
    id: 'ex-self-capped',
    segment: 'self_capped',
    storyParts: [
      'Restaurant cook',
      { evidence: [0], text: ' with a level 4 cook certificate' },
      ' who knows she overspends online and has capped her own limit at 2,000.',
    ],
    upload: { index: 0, raisesLimit: false, shows: 'Why not: her own cap of 2,000 binds; a certificate never overrides the brake she set.' },
    applicant: {
      id: 'ex-self-capped',
      asOf: EXAMPLE_AS_OF,
      birthDate: '1995-11-30',
      identity: { idHash: sha256('ex-self-capped:id') },
      employment: { type: 'salaried', industry: 'hospitality_catering', startDate: '2021-04-12' },
      income: { monthlyNet: 6_000 * RMB, source: 'payroll' },
      socialInsuranceMonths: 55,
      housingFundMonths: 30,
      residence: { cityTier: 2, region: 'central' },
      bureau: { hasFile: true, enquiries6m: 0, delinquencies24m: 0 },
      platform: {
        accountAgeMonths: 84,
        transactions3m: 260,
        transactionAmount3m: 24_000 * RMB,
        onTimeRepaymentRate: 1,
        currentLimit: 2_000 * RMB,
        currentBalance: 900 * RMB,
      },
      household: { monthlyEssentialSpending: 3_300 * RMB, dependants: 0 },
      controls: { selfSetCap: 2_000 * RMB },
      evidence: [
        evidence('ex-self-capped', 'cook', {
          kind: 'vocational_skill_level',
          issuer: 'Hunan Vocational Skill Appraisal Centre',
          credentialId: 'S000043010000318007725',
          issueDate: '2022-09-15',
          level: 'level_4',
          verification: { method: 'government_registry', confidence: 0.97 },
        }),
      ],
    },
  },
  {
    id: 'ex-delinquent',
    segment: 'delinquent',
    storyParts: [
      { evidence: [0], text: 'Courier with a 99.2% positive-review rate but', otherwise: 'Courier with' },
      ' three delinquencies in two years, 45 days past due today and nine credit enquiries in six months.',
    ],
    upload: { index: 0, raisesLimit: false, shows: 'Why not: an account past due today is a knock-out; a certificate cannot outweigh it.' },
    applicant: {
      id: 'ex-delinquent',
      asOf: EXAMPLE_AS_OF,
      birthDate: '1993-06-05',
      identity: { idHash: sha256('ex-delinquent:id') },
      employment: { type: 'gig', industry: 'transport_logistics', startDate: '2026-05-01' },
      income: { monthlyNet: 5_800 * RMB, source: 'self_declared' },
      socialInsuranceMonths: 3,
      housingFundMonths: 0,
      residence: { cityTier: 4, region: 'northeast' },
      bureau: {
        hasFile: true,
        enquiries6m: 9,
        delinquencies24m: 3,
        currentDaysPastDue: 45,
        otherConsumerCreditBalance: 38_000 * RMB,
        otherMonthlyDebtService: 3_900 * RMB,
      },
      platform: {
        accountAgeMonths: 40,
        transactions3m: 310,
        transactionAmount3m: 29_000 * RMB,
        onTimeRepaymentRate: 0.72,
        currentLimit: 5_000 * RMB,
        currentBalance: 4_950 * RMB,
      },
      household: { monthlyEssentialSpending: 3_600 * RMB, dependants: 1 },
      controls: { requestedLimit: 20_000 * RMB },
      evidence: [
        evidence('ex-delinquent', 'courier', {
          kind: 'courier_rating',
          issuer: 'SF Express',
          credentialId: 'SF-RIDER-230417-2026Q4',
          issueDate: '2026-10-20',
          score: 99.2,
          verification: { method: 'platform_api', confidence: 0.97 },
        }),
      ],
    },
  },
  {
    id: 'ex-salaried-teacher',
    segment: 'salaried_teacher',
    storyParts: [
      'Primary-school teacher for eight years with ',
      { evidence: [0], text: 'a registry-verified teacher qualification and ' },
      'a long contribution record.',
    ],
    upload: {
      index: 0,
      raisesLimit: false,
      shows: 'Why not: other debt repayments set the line by affordability; the qualification lowers risk and price, not the repayments.',
    },
    applicant: {
      id: 'ex-salaried-teacher',
      asOf: EXAMPLE_AS_OF,
      birthDate: '1994-04-03',
      identity: { idHash: sha256('ex-salaried-teacher:id'), name: '陈静' },
      employment: { type: 'salaried', industry: 'education', startDate: '2018-09-01' },
      income: { monthlyNet: 9_000 * RMB, source: 'payroll' },
      socialInsuranceMonths: 96,
      housingFundMonths: 96,
      residence: { cityTier: 3, region: 'west' },
      bureau: { hasFile: true, enquiries6m: 1, delinquencies24m: 0, otherConsumerCreditBalance: 150_000 * RMB, otherMonthlyDebtService: 2_400 * RMB },
      platform: {
        accountAgeMonths: 110,
        transactions3m: 170,
        transactionAmount3m: 15_500 * RMB,
        onTimeRepaymentRate: 1,
        currentLimit: 15_000 * RMB,
        currentBalance: 2_600 * RMB,
      },
      household: { monthlyEssentialSpending: 4_500 * RMB, dependants: 1 },
      controls: { requestedLimit: 30_000 * RMB },
      evidence: [
        evidence('ex-salaried-teacher', 'teacher', {
          kind: 'teacher_qualification',
          issuer: 'Sichuan Provincial Department of Education',
          credentialId: '20185100142000123',
          holder: { idHash: sha256('ex-salaried-teacher:id'), name: '陈静' },
          issueDate: '2018-06-30',
          verification: { method: 'issuer_api', confidence: 0.99 },
        }),
      ],
    },
  },
  {
    id: 'ex-nursing-graduate',
    segment: 'nursing_graduate',
    storyParts: [
      'Nursing-college graduate of 2026',
      { evidence: [0], text: ' with a provincial scholarship' },
      ', five months as a contract nurse aide in a county hospital, no bureau file.',
    ],
    upload: {
      index: 0,
      raisesLimit: true,
      shows: 'Honour: a provincial scholarship awarded last year still carries most of its signal, and her line is set by risk, so it rises.',
    },
    applicant: {
      id: 'ex-nursing-graduate',
      asOf: EXAMPLE_AS_OF,
      birthDate: '2004-02-09',
      identity: { idHash: sha256('ex-nursing-graduate:id'), name: 'Zhou Min' },
      employment: { type: 'salaried', industry: 'healthcare', startDate: '2026-06-01' },
      income: { monthlyNet: 5_200 * RMB, source: 'payroll' },
      socialInsuranceMonths: 5,
      housingFundMonths: 5,
      residence: { cityTier: 4, region: 'central' },
      bureau: { hasFile: false },
      platform: {
        accountAgeMonths: 26,
        transactions3m: 140,
        transactionAmount3m: 11_000 * RMB,
        onTimeRepaymentRate: 1,
        currentLimit: 2_000 * RMB,
        currentBalance: 700 * RMB,
      },
      household: { monthlyEssentialSpending: 2_300 * RMB, dependants: 0 },
      evidence: [
        evidence('ex-nursing-graduate', 'scholarship', {
          kind: 'provincial_scholarship',
          issuer: 'Hunan Provincial Department of Education',
          credentialId: 'HN-SZFJXJ-2025-03318',
          issueDate: '2025-11-28',
          verification: { method: 'issuer_api', confidence: 0.95 },
        }),
      ],
    },
  },
];

/**
 * Realistic, valid example applicants (asOf 2026-11-01), one or more per segment, for demos,
 * docs and tests. Frozen: clone (`structuredClone`) before editing one.
 */
export const exampleApplicants: readonly ExampleApplicant[] = deepFreeze(
  written.map(({ id, segment, ...rest }) => ({ id, segment, story: exampleStory(rest, () => true), ...rest })),
);

/**
 * The first example of a segment.
 *
 * @throws CreditliftError `data_invalid` for a segment that has no example
 * @example exampleFor('gig_driver').applicant
 */
export function exampleFor(segment: ExampleSegment): ExampleApplicant {
  const found = exampleApplicants.find((e) => e.segment === segment);
  // Every segment has an example (a test checks it); this only guards JavaScript callers.
  if (found === undefined) throw new CreditliftError('data_invalid', `No example for segment "${segment}"`);
  return found;
}

/** An example split for its interactive step: the applicant before the upload, and the certificate uploaded. */
export interface ExampleUploadStep {
  /** The applicant without the uploaded certificate (the first decision is made on this). Frozen. */
  readonly before: DeepReadonly<ApplicantInput>;
  /** The certificate uploaded after the first decision. Frozen. */
  readonly certificate: DeepReadonly<CertificateEvidence>;
}

/**
 * The interactive step of an example: decide `before`, then reassess with `certificate`.
 *
 * @example
 * const { before, certificate } = exampleUploadStep(exampleFor('new_graduate'));
 * const first = await scorer.decide(before);
 * const next = await scorer.reassess(first, { applicant: before, evidence: [certificate] });
 * @throws CreditliftError `data_invalid` when the example's upload index names no certificate;
 *   ValidationError (subject `exampleUploadStep`) naming `example` when it is not an example
 *   (`{ id, applicant, upload: { index } }`)
 */
export function exampleUploadStep(example: ExampleApplicant): ExampleUploadStep {
  const e = example as Partial<ExampleApplicant> | null;
  const ok =
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    typeof e.applicant === 'object' &&
    e.applicant !== null &&
    (e.applicant.evidence === undefined || Array.isArray(e.applicant.evidence)) &&
    Number.isSafeInteger(e.upload?.index);
  if (!ok) {
    refuseArguments('exampleUploadStep', [
      {
        path: ['example'],
        code: 'invalid_type',
        message: 'example must be an example applicant { id, applicant, upload: { index } } (see exampleFor)',
        received: typeNameOf(example),
      },
    ]);
  }
  const held = example.applicant.evidence ?? [];
  const certificate = held[example.upload.index];
  // Every example's index is valid (a test checks it); this only guards hand-made examples.
  if (certificate === undefined)
    throw new CreditliftError('data_invalid', `Example "${example.id}" has no certificate at upload index ${example.upload.index}`);
  // What this builds is frozen like the examples it is cut from (the rest is theirs), so its
  // deep-readonly type tells the truth; a caller's own example is not frozen behind its back.
  const before = Object.freeze({ ...example.applicant, evidence: Object.freeze(held.filter((_, i) => i !== example.upload.index)) });
  return Object.freeze({ before, certificate });
}
