import { deepFreeze } from '../common/deepFreeze.js';
import { CreditliftError, type CreditliftErrorCode } from './creditliftError.js';
import type { ValidationErrorCode, ValidationIssue } from './validationError.js';
import { ValidationError } from './validationError.js';
import { truncateForMessage } from './truncateForMessage.js';
import { readOptions } from './readOptions.js';

/** An RFC 9457 problem details object (`application/problem+json`), with creditlift's members. */
export interface ProblemDetails {
  /** A URI naming the problem type: `urn:creditlift:error:<code>`. */
  readonly type: string;
  /** Short, stable summary of the problem type. */
  readonly title: string;
  /** The HTTP status code for this occurrence. */
  readonly status: number;
  /** What went wrong this time: the error's message for a 4xx; for a 5xx the code's generic title (see {@link toProblemDetails}). */
  readonly detail: string;
  /** The occurrence, e.g. the request id, when given. */
  readonly instance?: string;
  /** The stable creditlift error code. */
  readonly code: CreditliftErrorCode;
  /** Every field at fault, for errors that list issues (left out of a 5xx unless `exposeServerErrors`). */
  readonly issues?: readonly ValidationIssue[];
}

/** The media type to send problem details with. */
export const PROBLEM_JSON_MEDIA_TYPE = 'application/problem+json';

/**
 * HTTP status and title per error code. Bad input is the client's (4xx); a bad policy, catalog or
 * model is the service's configuration (500); a crashed worker or a cancelled call may succeed
 * on retry (503).
 */
export const PROBLEM_STATUS: Readonly<Record<CreditliftErrorCode, { readonly status: number; readonly title: string }>> = deepFreeze({
  validation_failed: { status: 422, title: 'The input is invalid' },
  data_invalid: { status: 400, title: 'The data cannot be read' },
  policy_invalid: { status: 500, title: 'The credit policy is invalid' },
  catalog_invalid: { status: 500, title: 'The certificate catalog is invalid' },
  model_load_failed: { status: 500, title: 'The model could not be loaded' },
  model_metadata_missing: { status: 500, title: 'The model has no creditlift manifest' },
  model_shape_mismatch: { status: 500, title: 'The model does not match its manifest' },
  model_unsupported: { status: 500, title: 'The model is not supported' },
  model_sha256_mismatch: { status: 500, title: 'The model is not the pinned model' },
  model_monotonicity_violated: { status: 500, title: 'The model breaks its declared monotone directions' },
  explainer_covers_missing: { status: 500, title: 'The model cannot be explained' },
  worker_failed: { status: 503, title: 'A scoring worker failed' },
  queue_unavailable: { status: 503, title: 'The work queue (Redis) is unavailable' },
  queue_conflict: { status: 500, title: 'The distributed job was taken over by another run' },
  scorer_closed: { status: 503, title: 'The scorer has been closed' },
  pool_unavailable: { status: 503, title: 'No scoring worker can start' },
  aborted: { status: 503, title: 'The request was cancelled' },
  prior_invalid: { status: 422, title: 'The prior decision is not a valid decision of this applicant' },
  review_invalid: { status: 422, title: 'The review would break a bound of the decision' },
  policy_mismatch: { status: 409, title: 'The decision was made under another policy: reassess it first' },
  catalog_mismatch: { status: 409, title: 'The decision was made with another certificate catalog' },
  banned_data_category: { status: 500, title: 'The model or policy uses a data category the jurisdiction bans' },
  internal_error: { status: 500, title: 'Internal error' },
});

/** Options of {@link toProblemDetails}. */
export interface ProblemDetailsOptions {
  /** The occurrence, e.g. the request id; sent as `instance`. */
  readonly instance?: string;
  /**
   * Send a server error's (status 500 or 503) own message as `detail`, and its issues, as for a 4xx.
   * Only for callers on the server's side of the trust boundary (an internal admin API, a log line,
   * a test): the message of a model, policy or catalog error names the server's file paths, parser
   * messages and configuration. Default `false`: a 5xx is sent with its generic title as `detail`
   * and no issues. A value creditlift did not make is generic either way.
   */
  readonly exposeServerErrors?: boolean;
}

const UNEXPECTED = 'An unexpected error occurred';

/**
 * Any thrown value as RFC 9457 problem details, with an HTTP status per error code (see
 * {@link PROBLEM_STATUS}).
 *
 * - A client error (4xx: bad input, a bad prior, a policy mismatch) keeps its message as `detail`
 *   and every issue: the client needs them to mend its request.
 * - A server error (5xx: a bad policy, catalog or model, a failed worker, a closed scorer) is the
 *   service's own fact: its `detail` is the code's generic title (`'The model could not be loaded'`)
 *   and its issues are left out, so no file path, parser message or configuration reaches a client.
 *   Log the error itself on the server; `{ exposeServerErrors: true }` sends the message and issues
 *   for internal callers.
 * - An error as plain data gives the problem details of the error it was made from: a batch
 *   record's `error` (`DecisionErrorData`), a `toJSON()` value (`CreditliftErrorData`,
 *   `ValidationErrorData`), or either parsed back from JSON. Such data counts when it is a plain
 *   object with a known `code`, a string `message` and, if it has `issues`, well-formed ones.
 * - Anything else, a creditlift error whose code this copy does not know included, becomes
 *   `internal_error` with the detail `'An unexpected error occurred'`, with or without the option.
 *
 * `options` may be `null` or left out for none. An `instance` that is not a string, an
 * `exposeServerErrors` that is not a boolean or an unknown option is a programming error: it throws
 * a {@link ValidationError} naming it (a number was sent as `instance`, and `null` threw a TypeError).
 *
 * @throws ValidationError naming every option at fault
 * @example
 * const problem = toProblemDetails(error, { instance: request.id });
 * reply.code(problem.status).type(PROBLEM_JSON_MEDIA_TYPE).send(problem);
 * @example
 * // A batch endpoint: each failed record's error is data, and keeps its 422 and its issues.
 * const problems = results.flatMap((r) => (r.ok ? [] : [toProblemDetails(r.error)]));
 */
export function toProblemDetails(error: unknown, options: ProblemDetailsOptions | null = {}): ProblemDetails {
  const { instance, exposeServerErrors } = readProblemOptions(options);
  const known = knownError(error);
  const code: CreditliftErrorCode = known === undefined ? 'internal_error' : known.code;
  const { status, title } = PROBLEM_STATUS[code];
  const told = known !== undefined && (status < 500 || exposeServerErrors);
  const detail = told ? known.message : code === 'internal_error' ? UNEXPECTED : title;
  return {
    type: `urn:creditlift:error:${code}`,
    title,
    status,
    detail,
    ...(instance === undefined ? {} : { instance }),
    code,
    ...(told && known.issues !== undefined ? { issues: known.issues } : {}),
  };
}

/** What problem details read of an error creditlift made: its code, message and, for a validation error, its issues. */
interface KnownError {
  readonly code: CreditliftErrorCode;
  readonly message: string;
  readonly issues: readonly ValidationIssue[] | undefined;
}

// The codes of errors that list issues (a ValidationError's, a PriorInvalidError's, a
// ReviewInvalidError's): an error, as an instance or as data, has its issues sent for these.
const ISSUE_CODES: ReadonlySet<string> = new Set<ValidationErrorCode | 'prior_invalid' | 'review_invalid'>([
  'validation_failed',
  'policy_invalid',
  'catalog_invalid',
  'data_invalid',
  'prior_invalid',
  'review_invalid',
]);

/**
 * The error, when creditlift made it: an instance, or its data (a plain object, e.g. a batch
 * record's error or a toJSON() value, live or parsed from JSON). A code this copy has no status for
 * (a newer copy of the package made the error) is not known to be the client's, nor safe to show:
 * undefined, an internal error like any foreign value.
 */
function knownError(error: unknown): KnownError | undefined {
  if (error instanceof CreditliftError) {
    if (!Object.hasOwn(PROBLEM_STATUS, error.code)) return undefined;
    // A PriorInvalidError or ReviewInvalidError lists its issues as a ValidationError does (they were dropped: a 422 naming no field).
    const issues = (error as { readonly issues?: unknown }).issues;
    return {
      code: error.code,
      message: error.message,
      issues: ISSUE_CODES.has(error.code) && Array.isArray(issues) ? (issues as ValidationIssue[]) : undefined,
    };
  }
  if (!isPlainObject(error)) return undefined;
  const { code, message, issues } = error;
  if (typeof code !== 'string' || !Object.hasOwn(PROBLEM_STATUS, code) || typeof message !== 'string') return undefined;
  if (issues !== undefined && !(Array.isArray(issues) && issues.every(isIssue))) return undefined;
  return { code: code as CreditliftErrorCode, message, issues: ISSUE_CODES.has(code) ? (issues as ValidationIssue[] | undefined) : undefined };
}

/** A plain object (an Error carrying a `code` property is another library's, not error data). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An issue as ValidationIssue has it: a path of keys and indexes, a string code and message. */
function isIssue(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const { path, code, message } = value;
  return Array.isArray(path) && path.every((k) => typeof k === 'string' || typeof k === 'number') && typeof code === 'string' && typeof message === 'string';
}

/** The options {@link toProblemDetails} reads. */
const PROBLEM_OPTION_KEYS = ['instance', 'exposeServerErrors'] as const;

/** The options, each checked: a value of the wrong type is named, never sent or read as its default. */
function readProblemOptions(options: unknown): { readonly instance: string | undefined; readonly exposeServerErrors: boolean } {
  if (options === null || options === undefined) return { instance: undefined, exposeServerErrors: false };
  // Read once into a plain copy: a getter or Proxy is refused by name (an error handler that threw
  // the caller's own Error would lose the error it was handling).
  const read = readOptions(options, PROBLEM_OPTION_KEYS, [], () => 'unknown option: toProblemDetails takes instance and exposeServerErrors');
  if (read.value === undefined && read.issues[0]?.code === 'invalid_type') {
    throw new ValidationError('problem details options', [{ path: [], code: 'invalid_type', message: 'options must be an object (or null)' }]);
  }
  const o = read.value ?? {};
  const issues: ValidationIssue[] = read.issues.map((i) =>
    i.code === 'unrecognized_key' ? { ...i, path: i.path.map((k) => truncateForMessage(String(k))) } : i,
  );
  if (o.instance !== undefined && typeof o.instance !== 'string')
    issues.push({
      path: ['instance'],
      code: 'invalid_type',
      message: 'instance must be a string (a URI reference, e.g. the request id)',
      expected: 'string',
      received: o.instance === null ? 'null' : typeof o.instance,
    });
  if (o.exposeServerErrors !== undefined && typeof o.exposeServerErrors !== 'boolean')
    issues.push({
      path: ['exposeServerErrors'],
      code: 'invalid_type',
      message: 'exposeServerErrors must be true or false',
      expected: 'boolean',
      received: o.exposeServerErrors === null ? 'null' : typeof o.exposeServerErrors,
    });
  if (issues.length > 0) throw new ValidationError('problem details options', issues);
  return { instance: o.instance as string | undefined, exposeServerErrors: o.exposeServerErrors === true };
}
