import type { ValidationIssue } from '../../errors/validationError.js';
import { LONGEST_EXPIRY_AHEAD_DAYS } from './evidenceDraws.js';
import { addYearsToIsoDate, shiftIsoDate } from './isoDates.js';
import { segmentProfiles } from './segmentProfiles.js';

const OLDEST_AGE_YEARS = Math.max(...Object.values(segmentProfiles).map((p) => p.ageYears[1]));

/**
 * The earliest decision date the kit draws applicants for: the oldest profile, a day short of a
 * year past its oldest birthday, is still born in year 0000 (an earlier date wrote "0NaN-NaN-NaN").
 */
export const EARLIEST_DRAWABLE_AS_OF = addYearsToIsoDate('0000-01-01', OLDEST_AGE_YEARS + 1);

/** The latest: a card expiry drawn up to {@link LONGEST_EXPIRY_AHEAD_DAYS} later still falls by 9999-12-31 (not in year 10002). */
export const LATEST_DRAWABLE_AS_OF = shiftIsoDate('9999-12-31', -LONGEST_EXPIRY_AHEAD_DAYS);

/**
 * The issue refusing a decision date (a valid ISO date) outside the range the kit draws valid
 * dates for, or undefined inside it. ISO dates compare as text.
 */
export function drawableAsOfIssue(asOf: string): ValidationIssue | undefined {
  if (asOf >= EARLIEST_DRAWABLE_AS_OF && asOf <= LATEST_DRAWABLE_AS_OF) return undefined;
  return {
    path: ['asOf'],
    code: 'out_of_range',
    message: `asOf must be from ${EARLIEST_DRAWABLE_AS_OF} to ${LATEST_DRAWABLE_AS_OF}: outside it a drawn birth date would fall before year 0000 or a card expiry after 9999-12-31`,
    expected: `${EARLIEST_DRAWABLE_AS_OF} to ${LATEST_DRAWABLE_AS_OF}`,
    received: asOf,
  };
}
