import type fc from 'fast-check';
import type { CertificateEvidence } from '../../schema/certificateEvidence.js';
import { certificateEvidenceArbitrary, type CertificateEvidenceArbitraryOptions } from '../certificateEvidenceArbitrary.js';
import type { LawContext } from './lawContext.js';

/**
 * A certificate as the scorer under test assesses it: drawn from its catalog (its own kinds, none it
 * removed) at its verifier-confidence floor. Drawn from the default catalog at 0.6 instead, a law's
 * uploads met none of a lender's kinds, were rejected `unknown_kind` for kinds it removed, and under a
 * stricter floor were rejected `low_verification_confidence`: a law about new evidence checked little.
 */
export function scorerEvidence(
  ctx: Pick<LawContext, 'catalog' | 'minConfidence'>,
  options: Omit<CertificateEvidenceArbitraryOptions, 'catalog' | 'minConfidence'>,
): fc.Arbitrary<CertificateEvidence> {
  return certificateEvidenceArbitrary({ ...options, ...(ctx.catalog === undefined ? {} : { catalog: ctx.catalog }), minConfidence: ctx.minConfidence });
}
