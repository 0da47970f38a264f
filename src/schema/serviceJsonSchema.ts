import { z } from 'zod';
import { Applicant } from './applicant.js';
import { CertificateEvidence } from './certificateEvidence.js';
import type { JsonSchema } from './jsonSchema.js';

// Fastify validates bodies with ajv 8 (draft-07) configured to coerce types ('14' -> 14, 14 -> '14',
// [x] -> x, null -> 0) and to delete unknown keys where `additionalProperties` is `false`. Both
// would let a wrong body through changed and unreported. Two schema-level counters keep the
// schema strict under those defaults:
// - unknown keys: `additionalProperties: { not: {} }` (same meaning as `false`, but ajv's
//   removeAdditional only deletes under a literal `false`, so it refuses instead);
// - coercion: ajv coerces only at a `type` keyword. Each typed leaf becomes
//   `allOf: [guard, leaf]`, where the guard, checked first and with no `type` keyword, refuses
//   every JSON type the leaf's `type` would coerce from (keywords that cannot hold for a string,
//   a number or an array, and `not enum` for booleans and null).
const GUARDS: Readonly<Record<string, JsonSchema>> = {
  string: { minLength: 1, maxLength: 0 },
  number: { minimum: 1, maximum: 0 },
  array: { minItems: 1, maxItems: 0 },
};
const COERCIBLE = ['string', 'number', 'integer', 'boolean', 'array'];

function guardFor(types: readonly string[]): JsonSchema {
  const allowed = new Set(types.map((t) => (t === 'integer' ? 'number' : t)));
  const guard: Record<string, unknown> = {};
  for (const [t, g] of Object.entries(GUARDS)) if (!allowed.has(t)) Object.assign(guard, g);
  const scalars = [...(allowed.has('boolean') ? [] : [true, false]), ...(allowed.has('null') ? [] : [null])];
  if (scalars.length > 0) guard.not = { enum: scalars };
  return guard;
}

function harden(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(harden);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'additionalProperties' && v === false ? { not: {} } : harden(v);
  const type = out.type;
  const types = typeof type === 'string' ? [type] : Array.isArray(type) ? (type as string[]) : [];
  if (types.some((t) => COERCIBLE.includes(t))) return { allOf: [guardFor(types), out] };
  return out;
}

/**
 * The service (ajv-strict, draft-07) JSON Schema of a zod schema: the one recipe behind every
 * `*ServiceJsonSchema()`. `io: 'input'` describes what a caller may send (defaults optional);
 * `'output'` what the library writes (a Decision). A fresh object each call.
 * @internal
 */
export function toServiceJsonSchema(schema: z.ZodType, title: string, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _, ...body } = z.toJSONSchema(schema, { io, target: 'draft-07' }) as JsonSchema;
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, ...(harden(body) as JsonSchema) };
}

/**
 * JSON Schema (draft-07) of an applicant request body for services that validate with ajv, as
 * fastify does by default: accepted by fastify's default ajv, and strict under its defaults (an
 * unknown key is refused, not deleted; `"14"` for a number is refused, not coerced).
 *
 * Cross-field rules (dates in order) are not expressible in JSON Schema: decide with
 * `scorer.safeDecide(body)` after it, which checks them and returns every issue.
 *
 * @example
 * app.post('/decide', { schema: { body: applicantServiceJsonSchema() } }, handler);
 */
export function applicantServiceJsonSchema(): JsonSchema {
  return toServiceJsonSchema(Applicant, 'creditlift Applicant');
}

/** {@link applicantServiceJsonSchema} for one certificate evidence item (e.g. a reassessment's upload). */
export function certificateEvidenceServiceJsonSchema(): JsonSchema {
  return toServiceJsonSchema(CertificateEvidence, 'creditlift CertificateEvidence');
}
