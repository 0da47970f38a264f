import { createHash } from 'node:crypto';
import type { CertificateKindSpecInput } from '../../src/catalog/certificateKindSpec.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

/** A ride-hailing lender's own gig kinds (the adopt tester's SwiftRide catalog): unknown to the default catalog. */
export const lenderGigKinds: readonly CertificateKindSpecInput[] = [
  {
    id: 'swiftride_driver_rating',
    category: 'gig',
    names: { en: 'SwiftRide driver rating', zhHans: '迅行司机评分' },
    scale: { type: 'numeric', min: 1, max: 5, step: 0.01, typical: 4.85, zeroAt: 4.3 },
    validity: { expiresAfterMonths: 3 },
    minHolderAgeAtIssue: 21,
    signalWeight: 0.7,
    verificationMethods: ['platform_api'],
  },
  {
    id: 'dash_courier_reviews',
    category: 'gig',
    names: { en: 'Dash courier five-star reviews', zhHans: '达达骑手五星好评数' },
    scale: { type: 'numeric', min: 0, max: 100000, step: 1, typical: 500, curve: 'log' },
    validity: { expiresAfterMonths: 6 },
    minHolderAgeAtIssue: 16,
    signalWeight: 0.5,
    verificationMethods: ['platform_api'],
  },
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The example applicants, each with one upload of a lender kind issued on its asOf (a driver rating
 * of 4.9, or every second one 800 courier reviews), which the lender's catalog accepts and the default
 * catalog rejects `unknown_kind`.
 */
export function applicantsWithLenderUploads(): ApplicantInput[] {
  return exampleApplicants.map(({ applicant }, i) => {
    const rating = i % 2 === 0;
    return {
      ...applicant,
      evidence: [
        ...(applicant.evidence ?? []),
        {
          kind: rating ? 'swiftride_driver_rating' : 'dash_courier_reviews',
          issuer: rating ? 'SwiftRide' : 'Dash',
          credentialId: `GIG-${applicant.id}`,
          holder: { idHash: applicant.identity.idHash },
          issueDate: applicant.asOf,
          score: rating ? 4.9 : 800,
          verification: { method: 'platform_api', confidence: 0.95 },
          documentHash: sha256(`${applicant.id}:gig`),
        },
      ],
    };
  });
}
