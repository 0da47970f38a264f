import { deepFreeze } from '../common/deepFreeze.js';
/**
 * The applicant segments the testing kit draws from: the people the product serves, named as in
 * the synthetic training population so a failing test reads in the same words.
 */
export const APPLICANT_SEGMENTS = deepFreeze([
  'new_graduate',
  'factory_worker',
  'construction_worker',
  'retail_staff',
  'service_worker',
  'gig_worker',
  'rural_household',
  'small_business_owner',
  'established_professional',
] as const);

/** One applicant segment; see {@link APPLICANT_SEGMENTS}. */
export type ApplicantSegment = (typeof APPLICANT_SEGMENTS)[number];
