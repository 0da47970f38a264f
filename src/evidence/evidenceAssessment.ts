import type { CertificateCategory } from '../catalog/certificateKindSpec.js';

/**
 * Why an evidence item was rejected (or, for `self_declared_only`, why it cannot count on its own).
 * Stable strings: lenders store and report them.
 */
export type EvidenceReasonCode =
  | 'unknown_kind'
  | 'expired'
  | 'issued_in_future'
  | 'issued_before_plausible_age'
  // Issued when the holder was older than the kind's maxHolderAgeAtIssue (a scholarship awarded at 40).
  | 'issued_after_plausible_age'
  | 'score_off_scale'
  // A score that lies on both of a kind's scales (a TOEFL of 5 issued since 2026-01-21: band 5, or 5
  // of 120) with no `scoreScale` to say which: never guessed.
  | 'score_scale_ambiguous'
  | 'level_unknown'
  // A score for a kind graded by level or pass/fail, or a level for a scored or pass/fail kind.
  | 'reading_not_on_scale'
  | 'duplicate_document'
  | 'duplicate_credential'
  | 'holder_mismatch'
  // The holder is named by name only and the applicant has no name on file: nothing ties the
  // certificate to the applicant (it was accepted, so anyone's certificate counted).
  | 'holder_unverified'
  | 'low_verification_confidence'
  | 'self_declared_only'
  // The method is real but not accepted as proof of this kind (e.g. a platform feed for a CPA).
  | 'verification_method_not_accepted'
  // The kind draws on a data category the jurisdiction bans (creator followers: social media, under EU CCD2).
  | 'banned_data_category'
  // A result below the kind's useful level (its scale's `usefulFrom`, else a scale value of 0.1): a
  // fail (TEM-8 'fail', a CET-6 under the 425 pass line), a score that shows next to nothing (IELTS
  // 0.5, a 4.01 driver rating, 1 follower). It carries no useful signal, so it cannot count.
  | 'result_below_useful_level';

// The catalog's zod enum is the single source of the category list; re-exported here so the
// assessment contract keeps its name.
export type { CertificateCategory };

/** The assessment of one evidence item. */
export interface EvidenceAssessment {
  /** Position of the item in `applicant.evidence`. */
  readonly index: number;
  readonly kind: string;
  /** Category from the catalog; undefined for unknown kinds. */
  readonly category: CertificateCategory | undefined;
  readonly status: 'accepted' | 'rejected';
  /** Empty when accepted. */
  readonly reasons: readonly EvidenceReasonCode[];
  /**
   * How much the item counts, in [0, 1]: verification method and confidence, times the kind's
   * level on its scale, faded by age where the kind fades. 0 when rejected.
   */
  readonly strength: number;
  /** Position of the score or level on the kind's scale, in [0, 1]; undefined if not scored. */
  readonly scaleValue: number | undefined;
  readonly credentialId: string;
}
