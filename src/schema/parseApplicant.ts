import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { Applicant } from './applicant.js';
import { MAX_EVIDENCE_ITEMS } from './certificateEvidence.js';
import { applicantFastParse } from './applicantFastParse.js';
import { NOT_SURE } from './compileFastParse.js';
import { rememberParsed } from './parsedApplicants.js';
import { isBlockedPath, readPlainData } from './readPlainData.js';

/** Result of {@link safeParseApplicant}: the applicant, or the error listing every problem. */
export type SafeParseApplicantResult = { readonly ok: true; readonly value: Applicant } | { readonly ok: false; readonly error: ValidationError };

type Issue = ValidationIssue;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function comparePaths(a: Issue, b: Issue): number {
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) {
    const x = a.path[i]!;
    const y = b.path[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.path.length - b.path.length;
}

function validate(raw: unknown): SafeParseApplicantResult {
  // A valid applicant (the common case) takes the compiled fast path; anything it is not sure
  // about, every invalid input included, takes the zod path below, so every error is what it was.
  const fast = applicantFastParse();
  if (fast.ok) {
    const value = fast.parse(raw);
    if (value !== NOT_SURE) return { ok: true, value: rememberParsed(value as Applicant) };
  }
  // Read once into plain data: non-plain objects, throwing getters and holes become issues at their own paths.
  const read = readPlainData(raw);
  const input = read.value;
  const issues: Issue[] = [...read.issues];
  let subject = input;
  if (isRecord(input)) {
    const evidence = input.evidence;
    // A huge evidence array is refused by its length alone, before any item is looked at, and
    // the rest of the record is still checked so every other problem is reported too.
    if (Array.isArray(evidence) && evidence.length > MAX_EVIDENCE_ITEMS) {
      issues.push({
        path: ['evidence'],
        code: 'too_many_evidence_items',
        message: `At most ${MAX_EVIDENCE_ITEMS} evidence items are accepted; got ${evidence.length}`,
        expected: `at most ${MAX_EVIDENCE_ITEMS} items`,
        received: `${evidence.length} items`,
      });
      subject = { ...input, evidence: [] };
    }
  }
  const r = Applicant.safeParse(subject);
  if (!r.success) issues.push(...validationIssuesFromZod(r.error).filter((i) => !isBlockedPath(i.path, read.blocked)));
  if (issues.length > 0 || !r.success) return { ok: false, error: new ValidationError('Applicant', [...issues].sort(comparePaths)) };
  return { ok: true, value: rememberParsed(r.data) };
}

/**
 * Validates an applicant without throwing. Never throws at all: input that cannot even be read
 * (a getter that throws, a revoked proxy) is reported as an `unreadable_input` issue.
 *
 * @example
 * const r = safeParseApplicant(json);
 * if (!r.ok) console.log(r.error.issues);
 */
export function safeParseApplicant(input: unknown): SafeParseApplicantResult {
  try {
    return validate(input);
  } catch (cause) {
    const issue: Issue = { path: [], code: 'unreadable_input', message: `Input could not be read: ${cause instanceof Error ? cause.name : typeof cause}` };
    return { ok: false, error: new ValidationError('Applicant', [issue]) };
  }
}

/**
 * Validates an applicant (schema plus cross-field rules) and applies defaults.
 *
 * @throws ValidationError listing every problem at once, each with its path and a stable code
 *   (zod's codes, `too_many_evidence_items`, `birth_date_after_as_of`, `birth_date_implausible`,
 *   `employment_start_after_as_of`, `employment_start_before_birth`, `expiry_before_issue`,
 *   `protected_characteristic`, `unrecognized_key`, `unreadable_input`)
 * @example const applicant = parseApplicant(JSON.parse(body));
 */
export function parseApplicant(input: unknown): Applicant {
  const r = safeParseApplicant(input);
  if (!r.ok) throw r.error;
  return r.value;
}
