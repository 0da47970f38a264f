import { deepFreeze } from '../common/deepFreeze.js';
import { UNDER_AGE_GROUP } from '../fairness/fairOutcomes.js';
import { ageInYears } from '../policy/ageInYears.js';
import type { Applicant } from '../schema/applicant.js';
import { parseApplicant } from '../schema/parseApplicant.js';

/** The segment dimensions a simulation and a monitor report break figures down by. */
export const SEGMENT_DIMENSIONS = deepFreeze(['employmentType', 'cityTier', 'region', 'ageBand', 'bureauFile', 'certificates'] as const);
/** One segment dimension. */
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** An applicant's value in each segment dimension, as the label a report prints. */
export type BookSegments = Readonly<Record<SegmentDimension, string>>;

/**
 * Age bands in completed years on `asOf`. Wide enough to hold a few hundred applicants each in a
 * small book, narrow enough to show an age proxy (the model and the policy both read age). Under
 * 18 is a band of its own ("under 18"): the law declines those applicants, and counting them in
 * "18-24" would pull that band's approval rate down; fair outcomes set the band aside.
 *
 * @example
 * ageBand(16); // "under 18"
 * ageBand(18); // "18-24"
 */
export function ageBand(age: number): string {
  if (age < 18) return UNDER_AGE_GROUP;
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}

/**
 * The segments of a validated applicant: employment type, city tier, region, age band, whether a
 * bureau file exists, whether any certificate was supplied.
 *
 * @throws ValidationError listing every fault of `applicant` (its built-in fields, as
 *   `parseApplicant` reads them; a lender's `attributes` are not read)
 * @example
 * bookSegments(applicant).ageBand; // "25-34"
 */
export function bookSegments(applicant: Applicant): BookSegments {
  const builtIn =
    typeof applicant === 'object' && applicant !== null && Object.hasOwn(applicant, 'attributes')
      ? (({ attributes: _attributes, ...rest }) => rest)(applicant as Applicant & { attributes?: unknown })
      : applicant;
  return segmentsOf(parseApplicant(builtIn));
}

/** {@link bookSegments} of an applicant the engine validated (unchecked: once per record of a run). */
export function segmentsOf(applicant: Applicant): BookSegments {
  return {
    employmentType: applicant.employment.type,
    cityTier: `tier ${applicant.residence.cityTier}`,
    region: applicant.residence.region,
    ageBand: ageBand(ageInYears(applicant.birthDate, applicant.asOf)),
    bureauFile: applicant.bureau.hasFile ? 'bureau file' : 'no bureau file',
    certificates: applicant.evidence.length > 0 ? 'holds certificates' : 'no certificates',
  };
}
