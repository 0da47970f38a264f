import type { VerificationMethod } from '../schema/certificateEvidence.js';

/**
 * How far each verification method is trusted, in [0, 1], before the verifier's own confidence.
 * A registry or issuer lookup is as good as it gets; a signed platform feed nearly so; a human
 * reviewer beats OCR, which forgeries target. Self-declared evidence counts for nothing alone.
 */
export const verificationFactors: Readonly<Record<VerificationMethod, number>> = Object.freeze({
  issuer_api: 1,
  government_registry: 1,
  platform_api: 0.95,
  manual_review: 0.85,
  document_ocr: 0.75,
  self_declared: 0,
});
