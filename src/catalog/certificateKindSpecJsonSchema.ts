import { z } from 'zod';
import { CertificateKindSpec } from './certificateKindSpec.js';

/**
 * JSON Schema (draft 2020-12) for one catalog kind as a lender writes it, so catalog overrides
 * kept in JSON files can be checked by any JSON Schema tool. Cross-field rules (typical within
 * the scale, unique level ids) are checked by `resolveCatalog`, not by the schema.
 */
export function certificateKindSpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CertificateKindSpec, { io: 'input' }) as Record<string, unknown>;
}
