/**
 * An example HTTP service on creditlift with fastify: POST /decisions takes an applicant as JSON
 * and answers with the Decision, or with RFC 9457 problem details naming every field at fault.
 *
 * - The body is checked by fastify's own ajv against `applicantServiceJsonSchema()` (strict under
 *   fastify's coercing defaults), then decided with `scorer.safeDecide`, which also checks the
 *   cross-field rules JSON Schema cannot express.
 * - A body over `bodyLimit` bytes is refused (413) before it is parsed.
 * - The reply is the Decision exactly as `JSON.stringify` writes it, checked first against
 *   `decisionServiceJsonSchema()`: a reply that does not match is a 500 problem, never a decision
 *   with fields dropped, reordered or coerced (fastify's default serialiser would do all three).
 * - A client that disconnects cancels its decision (AbortSignal).
 * - Every answer carries the request id; problems name it as `instance`.
 *
 * In your service, import from 'creditlift'; this example imports the source so it runs in the repo.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyError, type FastifyInstance, type FastifySchema } from 'fastify';
import {
  CreditliftError,
  PROBLEM_JSON_MEDIA_TYPE,
  applicantServiceJsonSchema,
  decisionServiceJsonSchema,
  isProtectedKey,
  toProblemDetails,
  type ProblemDetails,
  type Scorer,
  type ValidationIssue,
} from '../../src/index.js';

/** Options of {@link buildServer}. */
export interface ServerOptions {
  /** A scorer from `createScorer`; the server does not close it. */
  readonly scorer: Scorer;
  /** Largest request body accepted, bytes. Default 256 KiB (an applicant with 50 certificates is ~30 KiB). */
  readonly bodyLimit?: number;
}

interface AjvError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly message?: string;
}

// Keywords of the coercion guards in applicantServiceJsonSchema: all mean "wrong JSON type".
const GUARD_KEYWORDS = new Set(['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'not', 'type']);

/** ajv's errors as creditlift validation issues (path, stable code, message). */
function issuesFromAjv(errors: readonly AjvError[]): ValidationIssue[] {
  return errors.map((e) => {
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replaceAll('~1', '/').replaceAll('~0', '~')));
    const key = String(path.at(-1) ?? '');
    if (e.schemaPath.includes('/additionalProperties')) {
      return isProtectedKey(key)
        ? { path, code: 'protected_characteristic', message: `"${key}" is a protected characteristic and is never accepted as an input` }
        : { path, code: 'unrecognized_key', message: `Unknown field "${key}"` };
    }
    if (e.keyword === 'required') return { path, code: 'invalid_type', message: e.message ?? 'required' };
    if (GUARD_KEYWORDS.has(e.keyword) && e.schemaPath.includes('/allOf/0/')) return { path, code: 'invalid_type', message: 'wrong JSON type (no coercion)' };
    return { path, code: 'invalid_value', message: e.message ?? e.keyword };
  });
}

function problemOf(error: FastifyError & { validation?: readonly AjvError[] }, bodyLimit: number, instance: string): ProblemDetails {
  if (error instanceof CreditliftError) return toProblemDetails(error, { instance });
  if (error.validation !== undefined) {
    const issues = issuesFromAjv(error.validation);
    return { ...toProblemDetails(new CreditliftError('validation_failed', `Invalid Applicant: ${error.message}`), { instance }), issues };
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      ...toProblemDetails(new CreditliftError('data_invalid', `The body is larger than ${bodyLimit} bytes`), { instance }),
      status: 413,
      title: 'The body is too large',
    };
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { ...toProblemDetails(new CreditliftError('data_invalid', error.message), { instance }), status: error.statusCode };
  }
  return toProblemDetails(error, { instance });
}

/**
 * A fastify serializer compiler that checks each reply against its response schema, then writes
 * `JSON.stringify(reply)`. fastify's default (fast-json-stringify) writes required keys before
 * optional ones, drops keys its schema lacks and coerces values to the schema's types: the bytes
 * would differ from the decision the scorer made. ajv (a fastify dependency) with its default
 * options never changes the data it checks.
 */
function checkedJsonSerializerCompiler(): (route: { schema: unknown }) => (data: unknown) => string {
  // strictTypes off: the service schemas' coercion guards carry no `type` on purpose (see
  // applicantServiceJsonSchema), which ajv's default strict mode logs once per guard; checking is the same.
  const ajv = new Ajv({ strictTypes: false });
  addFormats.default(ajv);
  return ({ schema }) => {
    const check = ajv.compile(schema as object);
    return (data) => {
      if (!check(data)) throw new CreditliftError('internal_error', `The reply does not match its schema: ${ajv.errorsText(check.errors)}`);
      return JSON.stringify(data);
    };
  };
}

/** The service, not yet listening: `await (await buildServer({ scorer })).listen({ host: '127.0.0.1', port: 0 })`. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? 256 * 1024;
  const { scorer } = options;
  // strictTypes off for the same reason, in fastify's own request validator.
  const app = Fastify({ bodyLimit, logger: false, ajv: { customOptions: { strictTypes: false } } });
  app.setSerializerCompiler(checkedJsonSerializerCompiler());

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemOf(error, bodyLimit, request.id);
    void reply.code(problem.status).type(PROBLEM_JSON_MEDIA_TYPE).header('x-request-id', request.id).send(problem);
  });

  // Typed as FastifySchema so replies other than 200 (problems) keep their own status codes.
  const schema: FastifySchema = { body: applicantServiceJsonSchema(), response: { 200: decisionServiceJsonSchema() } };
  app.post('/decisions', { schema }, async (request, reply) => {
    // A client that goes away cancels its decision: no work for an answer nobody reads.
    const controller = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
    });
    const result = await scorer.safeDecide(request.body, { signal: controller.signal });
    void reply.header('x-request-id', request.id);
    if (result.ok) return result.decision;
    const problem = toProblemDetails(result.error, { instance: request.id });
    return reply.code(problem.status).type(PROBLEM_JSON_MEDIA_TYPE).send(problem);
  });

  return app;
}
