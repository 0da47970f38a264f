import type { CertificateCategory } from '../catalog/certificateKindSpec.js';
import { CertificateCategory as Categories } from '../catalog/certificateKindSpec.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { EvidenceAssessment } from './evidenceAssessment.js';
import { isBannedDataItem } from './bannedDataItem.js';

/** Accepted evidence of one category. */
export interface CategorySummary {
  /** Largest strength among accepted items of the category; 0 when there are none. */
  readonly maxStrength: number;
  /** Number of accepted items of the category. */
  readonly count: number;
}

/**
 * What features are built from. Every value is monotone in the evidence: adding an item, accepted
 * or not, never lowers any of them (earlier items' assessments never change when one is added).
 */
export interface EvidenceSummary {
  /** Per category, always all four. */
  readonly byCategory: Readonly<Record<CertificateCategory, CategorySummary>>;
  readonly acceptedCount: number;
  /** Items rejected, except those of a banned data category, which count nowhere (see `isBannedDataItem`). */
  readonly rejectedCount: number;
  /** Some item repeated an earlier document or credential: a fraud signal. */
  readonly duplicateDetected: boolean;
  /** Some item names a holder other than the applicant: a fraud signal. */
  readonly holderMismatchDetected: boolean;
}

/**
 * Summarises item assessments per category (see {@link EvidenceSummary}).
 *
 * @param items the `items` of an `assessEvidence` report; checked, as a JavaScript caller can pass anything
 * @throws ValidationError naming every item that is not an assessment
 */
export function summarizeEvidence(items: readonly EvidenceAssessment[]): EvidenceSummary {
  checkAssessments(items);
  const byCategory = Object.fromEntries(Categories.options.map((c) => [c, { maxStrength: 0, count: 0 }])) as Record<
    CertificateCategory,
    { maxStrength: number; count: number }
  >;
  let acceptedCount = 0;
  let bannedCount = 0;
  let duplicateDetected = false;
  let holderMismatchDetected = false;
  for (const item of items) {
    if (isBannedDataItem(item)) {
      bannedCount += 1;
      continue;
    }
    if (item.reasons.includes('duplicate_document') || item.reasons.includes('duplicate_credential')) duplicateDetected = true;
    if (item.reasons.includes('holder_mismatch')) holderMismatchDetected = true;
    if (item.status !== 'accepted' || item.category === undefined) continue;
    acceptedCount += 1;
    const c = byCategory[item.category];
    c.count += 1;
    c.maxStrength = Math.max(c.maxStrength, item.strength);
  }
  return { byCategory, acceptedCount, rejectedCount: items.length - acceptedCount - bannedCount, duplicateDetected, holderMismatchDetected };
}

// A hand-written check rather than a schema: it runs for every decision and each counterfactual.
function checkAssessments(items: unknown): void {
  if (!Array.isArray(items)) {
    throw new ValidationError('evidence assessments', [
      { path: [], code: 'invalid_type', message: 'expected the items of an assessEvidence report', expected: 'array' },
    ]);
  }
  const issues: ValidationIssue[] = [];
  items.forEach((item: unknown, i) => {
    const a = item as Partial<Record<keyof EvidenceAssessment, unknown>> | null;
    const ok =
      typeof a === 'object' &&
      a !== null &&
      (a.status === 'accepted' || a.status === 'rejected') &&
      Array.isArray(a.reasons) &&
      (a.category === undefined || Categories.safeParse(a.category).success) &&
      typeof a.strength === 'number' &&
      a.strength >= 0 &&
      a.strength <= 1;
    if (!ok)
      issues.push({
        path: [i],
        code: 'invalid_type',
        message: 'not an evidence assessment (status, category, reasons, strength in [0, 1])',
        expected: 'EvidenceAssessment',
      });
  });
  if (issues.length > 0) throw new ValidationError('evidence assessments', issues);
}
