import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** The options fastify 5 gives its default ajv instance (@fastify/ajv-compiler defaults). */
export const fastifyAjvOptions = { coerceTypes: 'array', useDefaults: true, removeAdditional: true, addUsedSchema: false, allErrors: false } as const;

/** An ajv instance as fastify builds its default validator: draft-07, fastify's options, formats included. */
export function fastifyAjv(): Ajv {
  const ajv = new Ajv(fastifyAjvOptions);
  addFormats.default(ajv);
  return ajv;
}
