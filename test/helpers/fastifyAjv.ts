import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** The options fastify 5 gives its default ajv instance (@fastify/ajv-compiler defaults). */
export const fastifyAjvOptions = { coerceTypes: 'array', useDefaults: true, removeAdditional: true, addUsedSchema: false, allErrors: false } as const;

/**
 * An ajv instance as fastify builds its default validator: draft-07, fastify's options, formats
 * included. `quiet` turns ajv's strictTypes log off (the service schemas' guards are typeless on
 * purpose), which serviceJsonSchema.test.ts shows changes no verdict.
 */
export function fastifyAjv(options: { readonly quiet?: boolean } = {}): Ajv {
  const ajv = new Ajv({ ...fastifyAjvOptions, ...(options.quiet === true ? { strictTypes: false } : {}) });
  addFormats.default(ajv);
  return ajv;
}
