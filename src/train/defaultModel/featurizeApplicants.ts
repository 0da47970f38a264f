import type { Catalog } from '../../catalog/resolveCatalog.js';
import { assessEvidence } from '../../evidence/assessEvidence.js';
import type { FeatureEncoder } from '../../features/featureEncoder.js';
import type { Applicant } from '../../schema/applicant.js';

/**
 * Runs applicants through exactly the path a live decision takes (evidence assessment, then the
 * feature encoder) into one row-major float32 matrix. Training on the serving path's own output
 * is what keeps training and serving from drifting apart.
 */
export function featurizeApplicants(applicants: readonly Applicant[], encoder: FeatureEncoder, catalog?: Catalog): Float32Array {
  const out = new Float32Array(applicants.length * encoder.width);
  applicants.forEach((applicant, i) => {
    const { items } = assessEvidence(applicant, catalog === undefined ? {} : { catalog });
    encoder.encode({ applicant, evidence: items }, out, i * encoder.width);
  });
  return out;
}
