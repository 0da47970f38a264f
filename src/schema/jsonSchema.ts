import { z } from 'zod';
import { Applicant } from './applicant.js';
import { CertificateEvidence } from './certificateEvidence.js';

/** A JSON Schema document (draft 2020-12), as plain data. */
export type JsonSchema = Record<string, unknown>;

// `io: 'input'` describes what a caller may send: fields with defaults are optional. Cross-field
// rules (dates in order, holder needs a name or an idHash) are not expressible here; parseApplicant
// checks them. A fresh object each call, so a caller editing it cannot affect the next.
function toJsonSchema(schema: z.ZodType, title: string): JsonSchema {
  return { ...(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema), title };
}

/**
 * JSON Schema for an applicant as a caller writes it, for validating requests in other languages
 * or generating forms. Unknown keys are rejected (`additionalProperties: false`).
 */
export function applicantJsonSchema(): JsonSchema {
  return toJsonSchema(Applicant, 'creditlift Applicant');
}

/** JSON Schema for one certificate evidence item as a caller writes it. */
export function certificateEvidenceJsonSchema(): JsonSchema {
  return toJsonSchema(CertificateEvidence, 'creditlift CertificateEvidence');
}
