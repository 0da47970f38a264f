import fc from 'fast-check';
import type { CertificateEvidence } from '../../schema/certificateEvidence.js';
import type { Applicant } from '../../schema/applicant.js';
import type { LawContext } from './lawContext.js';
import { scorerEvidence } from './scorerEvidence.js';
import { shiftIsoDate } from './isoDates.js';

/** Most days after its prior a drawn later follow-up falls: about a quarter, well inside a certificate's validity. */
export const LATER_FOLLOW_UP_MAX_DAYS = 90;

/** A reassessment dated days after its prior: the day, the profile it is given, and a certificate uploaded that day. */
export interface LaterFollowUp {
  /** Days after the prior (1 to {@link LATER_FOLLOW_UP_MAX_DAYS}). */
  readonly days: number;
  /** The reassessment's `asOf`. */
  readonly asOf: string;
  /** The profile on file: as first given (older than the reassessment), or re-dated to its day. */
  readonly applicant: Applicant;
  /** A certificate valid on the reassessment's day (issued on or before it). */
  readonly certificate: CertificateEvidence;
}

/**
 * The usual real chain the same-day checks skip: the customer acts (lowers the line, asks for a
 * person), then uploads a certificate weeks later. A drawn 1 to 90 days after `from`, with the
 * profile either left at its own date (a reassessment may be dated after its profile) or dated
 * that day, and a certificate valid that day.
 */
export function laterFollowUpArbitrary(applicant: Applicant, from: string, ctx: Pick<LawContext, 'catalog' | 'minConfidence'>): fc.Arbitrary<LaterFollowUp> {
  return fc.record({ days: fc.integer({ min: 1, max: LATER_FOLLOW_UP_MAX_DAYS }), redated: fc.boolean() }).chain(({ days, redated }) => {
    const asOf = shiftIsoDate(from, days);
    return scorerEvidence(ctx, { applicant, asOf, validity: 'valid' }).map(
      (certificate): LaterFollowUp => ({ days, asOf, applicant: redated ? { ...applicant, asOf } : applicant, certificate }),
    );
  });
}
