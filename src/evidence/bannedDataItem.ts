import type { EvidenceAssessment } from './evidenceAssessment.js';

/**
 * Whether an assessed item was refused because its kind's data category is banned
 * (`banned_data_category`): data that may not be used at all, so it counts nowhere, neither as
 * evidence nor as a rejected upload, and no feature sees it.
 */
export function isBannedDataItem(item: Pick<EvidenceAssessment, 'reasons'>): boolean {
  return item.reasons.includes('banned_data_category');
}
