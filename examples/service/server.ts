/**
 * An example HTTP service on creditlift with fastify: POST /decisions takes an applicant as JSON
 * and answers with the Decision, or with RFC 9457 problem details naming every field at fault.
 *
 * - The body is read with `parseStrictJson`, the reader the CLI uses for files: a key written twice
 *   in one object is refused at its path (`duplicate_key`; JSON.parse, and fastify's parser, keep the
 *   last value without a word). `__proto__`, `constructor` and `prototype` keys are read as plain keys
 *   (JSON.parse makes them own properties, nothing is polluted) and refused by the scorer as unknown
 *   fields at their path, as `safeDecide` refuses them anywhere else.
 * - The applicant is checked by `scorer.safeDecide` alone, not by a route body schema: fastify's ajv
 *   stops at the first error (`allErrors: false`) and answers before the scorer runs, so a body with
 *   four bad fields would be told about one. `safeDecide` names every field at fault, the cross-field
 *   rules JSON Schema cannot express included, and coerces nothing (`"14"` for a number is refused).
 * - A body over `bodyLimit` bytes is refused (413) before it is parsed.
 * - The reply is the Decision exactly as `JSON.stringify` writes it, checked first against
 *   `decisionServiceJsonSchema()`: a reply that does not match is a 500 problem, never a decision
 *   with fields dropped, reordered or coerced (fastify's default serialiser would do all three).
 * - A client that disconnects cancels its decision (AbortSignal).
 * - Every answer carries the request id; problems name it as `instance`.
 *
 * It imports 'creditlift' as your service does (in the creditlift repository, tsconfig `paths` and the
 * vitest config point that name at src/, so the example is tested as shipped).
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyError, type FastifyInstance, type FastifySchema } from 'fastify';
import {
  CreditliftError,
  PROBLEM_JSON_MEDIA_TYPE,
  ValidationError,
  decisionServiceJsonSchema,
  parseStrictJson,
  toProblemDetails,
  type DecideResult,
  type ProblemDetails,
  type Scorer,
  type ValidationIssue,
} from 'creditlift';

/** Options of {@link buildServer}. */
export interface ServerOptions {
  /** A scorer from `createScorer`; the server does not close it. */
  readonly scorer: Scorer;
  /** Largest request body accepted, bytes. Default 256 KiB (an applicant with 50 certificates is ~30 KiB). */
  readonly bodyLimit?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What the strict JSON reader refused in a body it could still read (a repeated key), if anything. */
    jsonRefusal: readonly ValidationIssue[] | undefined;
  }
}

const samePathOrWithin = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The reader's refusal of a body, with the faults the scorer found in the value as read beyond the
 * fields the reader named (a fault at, inside or above a repeated key is left out: which of its
 * values was meant is the client's to say), so one answer names every field at fault.
 */
function refusalWithFaults(named: readonly ValidationIssue[], checked: DecideResult): ValidationError {
  const found = !checked.ok && checked.error instanceof ValidationError ? checked.error.issues : [];
  const paths = named.map((i) => i.path).filter((p) => p.length > 0);
  const more = found.filter((i) => i.code !== 'too_many_issues' && !paths.some((p) => samePathOrWithin(p, i.path)));
  return new ValidationError('request body', [...named, ...more], 'data_invalid');
}

function problemOf(error: FastifyError, bodyLimit: number, instance: string): ProblemDetails {
  if (error instanceof CreditliftError) return toProblemDetails(error, { instance });
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      ...toProblemDetails(new CreditliftError('data_invalid', 'The body must be application/json'), { instance }),
      status: 415,
      title: 'Unsupported media type',
    };
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
  const app = Fastify({ bodyLimit, logger: false });
  app.setSerializerCompiler(checkedJsonSerializerCompiler());

  // JSON bodies are read as the CLI reads files. Text that is not JSON is a 400 naming the column
  // only (the parser's message would quote the body); a body JSON.parse would read altered is read
  // anyway, so the scorer can name its other faults in the same answer, and refused.
  app.decorateRequest('jsonRefusal', undefined);
  // Only JSON is an applicant: fastify's text/plain parser handed the scorer a string, answered 422
  // at the root as if the client had sent JSON of the wrong type. Any other media type is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const read = parseStrictJson(text as string);
    if (read.ok) return done(null, read.value);
    if (read.parsed === undefined) return done(new CreditliftError('data_invalid', `The body is ${read.issues[0]?.message ?? 'not valid JSON'}`), undefined);
    request.jsonRefusal = read.issues;
    return done(null, read.parsed.value);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemOf(error, bodyLimit, request.id);
    void reply.code(problem.status).type(PROBLEM_JSON_MEDIA_TYPE).header('x-request-id', request.id).send(problem);
  });

  // Typed as FastifySchema so replies other than 200 (problems) keep their own status codes. No body
  // schema: safeDecide checks the applicant and names every field at fault.
  const schema: FastifySchema = { response: { 200: decisionServiceJsonSchema() } };
  app.post('/decisions', { schema }, async (request, reply) => {
    // A client that goes away cancels its decision: no work for an answer nobody reads.
    const controller = new AbortController();
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
    });
    const result = await scorer.safeDecide(request.body, { signal: controller.signal });
    void reply.header('x-request-id', request.id);
    // A body the reader refused is never decided, even when the value JSON.parse kept is valid.
    let error: unknown;
    if (request.jsonRefusal !== undefined) error = refusalWithFaults(request.jsonRefusal, result);
    else if (result.ok) return result.decision;
    else error = result.error;
    const problem = toProblemDetails(error, { instance: request.id });
    return reply.code(problem.status).type(PROBLEM_JSON_MEDIA_TYPE).send(problem);
  });

  return app;
}
