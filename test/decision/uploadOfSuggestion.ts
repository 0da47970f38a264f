import { createHash } from 'node:crypto';
import type { Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { WHAT_IF_CONFIDENCE } from '../../src/decision/hypotheticalEvidence.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import type { CertificateEvidenceInput } from '../../src/schema/certificateEvidence.js';

/** The suggested certificate as the customer uploads it (the kind's first method, the preview's confidence). */
export function uploadOfSuggestion(scorer: Scorer, a: ApplicantInput, s: Decision['suggestions']['items'][number]): CertificateEvidenceInput {
  const spec = scorer.certificateKinds.find((k) => k.id === s.kind)!;
  return {
    kind: s.kind,
    issuer: 'customer upload',
    credentialId: `C-${s.kind}`,
    holder: { idHash: a.identity.idHash },
    issueDate: a.asOf,
    ...s.assumed,
    verification: { method: spec.verificationMethods[0]!, confidence: WHAT_IF_CONFIDENCE },
    documentHash: createHash('sha256').update(`${a.id} ${s.kind}`).digest('hex'),
  } as CertificateEvidenceInput;
}
