import { refuseArguments, typeNameOf } from '../../errors/argumentIssues.js';
import { safeParseApplicant } from '../../schema/parseApplicant.js';
import { catalogOf, type Catalog } from '../../catalog/resolveCatalog.js';
import { assessEvidence } from '../../evidence/assessEvidence.js';
import type { FeatureEncoder } from '../../features/featureEncoder.js';
import type { Applicant } from '../../schema/applicant.js';

/**
 * Runs applicants through exactly the path a live decision takes (evidence assessment, then the
 * feature encoder) into one row-major float32 matrix. Training on the serving path's own output
 * is what keeps training and serving from drifting apart.
 *
 * @throws ValidationError (subject `featurizeApplicants`) naming `applicants` when it is not an
 *   array, each applicant at fault (`applicants.<i>...`, as `parseApplicant` reads it), `encoder`
 *   when it is not a feature encoder and `catalog` when it is not a catalog; CreditliftError
 *   `catalog_invalid` when `catalog` is a Map holding a kind that is not a valid kind spec
 */
export function featurizeApplicants(applicants: readonly Applicant[], encoder: FeatureEncoder, catalog?: Catalog): Float32Array {
  refuseArguments('featurizeApplicants', [
    Array.isArray(applicants)
      ? applicants.flatMap((a, i) => {
          const r = safeParseApplicant(a);
          return r.ok ? [] : r.error.issues.map((issue) => ({ ...issue, path: ['applicants', i, ...issue.path] }));
        })
      : { path: ['applicants'], code: 'invalid_type', message: 'applicants must be an array of applicants', received: typeNameOf(applicants) },
    typeof encoder === 'object' && encoder !== null && Number.isSafeInteger(encoder.width) && typeof encoder.encode === 'function'
      ? undefined
      : { path: ['encoder'], code: 'invalid_type', message: 'encoder must be a feature encoder (createFeatureEncoder)', received: typeNameOf(encoder) },
    catalog === undefined || catalog instanceof Map
      ? undefined
      : { path: ['catalog'], code: 'invalid_type', message: 'catalog must be a catalog from resolveCatalog', received: typeNameOf(catalog) },
  ]);
  // Validated once (a hand-built Map as createScorer reads it), not once per applicant.
  return featurizeRows(applicants, encoder, catalog === undefined ? undefined : catalogOf(catalog));
}

/** {@link featurizeApplicants} of applicants the generator drew (unchecked: the whole population at once). */
export function featurizeRows(applicants: readonly Applicant[], encoder: FeatureEncoder, catalog?: Catalog): Float32Array {
  const out = new Float32Array(applicants.length * encoder.width);
  applicants.forEach((applicant, i) => {
    const { items } = assessEvidence(applicant, catalog === undefined ? {} : { catalog });
    encoder.encode({ applicant, evidence: items }, out, i * encoder.width);
  });
  return out;
}
