import type { Applicant } from '../../src/schema/applicant.js';

/** A verified creator follower count (social-media data: banned under eu-ccd2, allowed under cn) for the applicant. */
export function creatorFollowersUpload(a: Pick<Applicant, 'id' | 'identity'>) {
  return {
    kind: 'creator_followers',
    issuer: 'Douyin',
    credentialId: `CF-${a.id}`,
    holder: { idHash: a.identity.idHash },
    issueDate: '2026-10-01',
    score: 200_000,
    verification: { method: 'platform_api' as const, confidence: 0.99 },
    documentHash: 'a'.repeat(64),
  };
}
