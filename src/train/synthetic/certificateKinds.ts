import { deepFreeze } from '../../common/deepFreeze.js';
import type { CertificateCategory } from '../../evidence/evidenceAssessment.js';

/** Every certificate kind id the synthetic population draws, exactly as the catalog names them. */
export const SYNTHETIC_CERTIFICATE_KINDS = deepFreeze([
  // professional
  'teacher_qualification',
  'tour_guide_licence',
  'junior_accountant',
  'intermediate_accountant',
  'cpa',
  'legal_professional',
  'physician',
  'nurse',
  'pharmacist',
  'constructor',
  'securities_practitioner',
  'national_computer_rank',
  // language
  'toefl_ibt',
  'ielts',
  'duolingo',
  'cet4',
  'cet6',
  'tem8',
  // honour
  'school_scholarship',
  'provincial_scholarship',
  'national_scholarship',
  // gig
  'ride_hailing_rating',
  'courier_rating',
  'creator_followers',
  'vocational_skill_level',
] as const);

/** A certificate kind id the synthetic population draws. */
export type SyntheticCertificateKind = (typeof SYNTHETIC_CERTIFICATE_KINDS)[number];

/** Static facts about a kind that the generator needs: its category and who issues it. */
export interface SyntheticKindInfo {
  readonly category: CertificateCategory;
  readonly issuer: string;
}

/** Category and issuer of every synthetic kind. Issuers are the real bodies' English names. */
export const SYNTHETIC_KIND_INFO: Readonly<Record<SyntheticCertificateKind, SyntheticKindInfo>> = deepFreeze({
  teacher_qualification: { category: 'professional', issuer: 'Ministry of Education (NTCE)' },
  tour_guide_licence: { category: 'professional', issuer: 'Ministry of Culture and Tourism' },
  junior_accountant: { category: 'professional', issuer: 'Ministry of Finance' },
  intermediate_accountant: { category: 'professional', issuer: 'Ministry of Finance' },
  cpa: { category: 'professional', issuer: 'Chinese Institute of Certified Public Accountants' },
  legal_professional: { category: 'professional', issuer: 'Ministry of Justice' },
  physician: { category: 'professional', issuer: 'National Health Commission' },
  nurse: { category: 'professional', issuer: 'National Health Commission' },
  pharmacist: { category: 'professional', issuer: 'National Medical Products Administration' },
  constructor: { category: 'professional', issuer: 'Ministry of Housing and Urban-Rural Development' },
  securities_practitioner: { category: 'professional', issuer: 'Securities Association of China' },
  national_computer_rank: { category: 'professional', issuer: 'National Education Examinations Authority (NCRE)' },
  toefl_ibt: { category: 'language', issuer: 'ETS' },
  ielts: { category: 'language', issuer: 'IELTS (British Council / IDP)' },
  duolingo: { category: 'language', issuer: 'Duolingo English Test' },
  cet4: { category: 'language', issuer: 'National Education Examinations Authority (CET)' },
  cet6: { category: 'language', issuer: 'National Education Examinations Authority (CET)' },
  tem8: { category: 'language', issuer: 'National Foreign Language Teaching Advisory Board (TEM)' },
  school_scholarship: { category: 'honour', issuer: 'University' },
  provincial_scholarship: { category: 'honour', issuer: 'Provincial Department of Education' },
  national_scholarship: { category: 'honour', issuer: 'Ministry of Education' },
  ride_hailing_rating: { category: 'gig', issuer: 'Ride-hailing platform' },
  courier_rating: { category: 'gig', issuer: 'Courier and delivery platform' },
  creator_followers: { category: 'gig', issuer: 'Short-video platform' },
  vocational_skill_level: { category: 'gig', issuer: 'Ministry of Human Resources and Social Security' },
});

/** Validity of IELTS, TOEFL and Duolingo results, in years from the test date (the issuers' two-year rule). */
export const LANGUAGE_VALIDITY_YEARS = 2;
