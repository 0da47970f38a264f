import { addCalendarMonths } from '../dates/addCalendarMonths.js';
import { calendarDateOf, type CalendarDate } from '../dates/calendarDate.js';
import type { CertificateKindSpec } from '../catalog/certificateKindSpec.js';
import type { CertificateEvidence } from '../schema/certificateEvidence.js';

/**
 * The last day a certificate counts, or null when it never expires. Only a kind that expires (its
 * catalog validity sets `expiresAfterMonths`) can expire: the earlier of the document's own expiry
 * date and the kind's term counts. A kind that does not (scholarships, most qualifications) only
 * fades; an expiry date on its upload (the end of an award year, as award letters and OCR give it)
 * does not void it. An unknown kind (`spec` undefined) keeps its document's expiry date.
 *
 * @example lastValidDay({ issueDate: '2025-03-10', expiryDate: '2027-03-10', ... }, ielts) // 20270310: valid through 10 March 2027
 */
export function lastValidDay(
  e: Pick<CertificateEvidence, 'issueDate' | 'expiryDate'>,
  spec: Pick<CertificateKindSpec, 'validity'> | undefined,
): CalendarDate | null {
  const months = spec?.validity.expiresAfterMonths;
  if (spec !== undefined && months === undefined) return null;
  const own = e.expiryDate === undefined ? null : calendarDateOf(e.expiryDate);
  const term = months === undefined ? null : addCalendarMonths(calendarDateOf(e.issueDate), months);
  return own === null ? term : term === null ? own : Math.min(own, term);
}
