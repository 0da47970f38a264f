import { Decision } from '../decision/decision.js';
import type { JsonSchema } from '../schema/jsonSchema.js';
import { toServiceJsonSchema } from '../schema/serviceJsonSchema.js';

// Lives downstream of src/decision (the Decision schema) and src/schema (the hardening recipe):
// src/schema may not import a later layer.

/**
 * JSON Schema (draft-07) of a Decision as the library writes it, for services that validate with
 * ajv as fastify does: accepted by fastify's default ajv and strict under its defaults, like
 * `applicantServiceJsonSchema()` (a field this version does not write is refused, not deleted;
 * a value of the wrong JSON type is refused, not coerced). Use it to check a reply or a stored
 * prior decision before a service trusts it.
 *
 * Not for fastify's default response serialiser (fast-json-stringify): that writes required keys
 * before optional ones, drops keys its schema lacks and coerces types, so the bytes would differ
 * from `JSON.stringify(decision)`. Validate with this schema and write `JSON.stringify` (see
 * examples/service). The audit seal (`contentHash`, `signature`) is checked by `reassess`, not here.
 *
 * @example
 * // ajv-formats: the schema writes dates as format "date", which a bare Ajv refuses to compile.
 * const ajv = addFormats(new Ajv({ strictTypes: false }));
 * const check = ajv.compile(decisionServiceJsonSchema());
 * if (!check(stored)) throw new Error(ajv.errorsText(check.errors));
 */
export function decisionServiceJsonSchema(): JsonSchema {
  return toServiceJsonSchema(Decision, 'creditlift Decision', 'output');
}
