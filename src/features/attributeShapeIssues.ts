import { typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';

/** True for a zod schema (what `z.strictObject` takes as a shape's value). */
const isZodSchema = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && typeof (v as { safeParse?: unknown }).safeParse === 'function' && typeof (v as { _zod?: unknown })._zod === 'object';

/**
 * An `invalid_type` issue at `attributes` unless `attributes` is left out or is an object of zod
 * schemas, and one at `attributes.<key>` for each value that is not a schema (`{ score: 42 }`): the
 * strict object built over such a shape was accepted and failed only when an applicant was parsed.
 */
export function attributeShapeIssues(attributes: unknown): ValidationIssue[] {
  if (attributes === undefined) return [];
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes) || isZodSchema(attributes))
    return [
      {
        path: ['attributes'],
        code: 'invalid_type',
        message: 'attributes must be an object naming each attribute with its zod schema ({ score: z.number() })',
        expected: 'object',
        received: typeNameOf(attributes),
      },
    ];
  return Object.entries(attributes)
    .filter(([, schema]) => !isZodSchema(schema))
    .map(([key, schema]) => ({
      path: ['attributes', key],
      code: 'invalid_type',
      message: `attribute "${key}" must be a zod schema (z.number(), z.enum([...]), ...)`,
      expected: 'zod schema',
      received: typeNameOf(schema),
    }));
}
