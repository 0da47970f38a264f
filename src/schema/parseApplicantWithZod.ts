import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { Applicant } from './applicant.js';
import { MAX_EVIDENCE_ITEMS } from './certificateEvidence.js';
import type { SafeParseApplicantResult } from './parseApplicant.js';
import { rememberParsed } from './parsedApplicants.js';
import { isBlockedPath, type PlainDataRead, readPlainData } from './readPlainData.js';

type Issue = ValidationIssue;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Orders issues by path (numbers as numbers), as every Applicant error lists them. */
export function compareIssuePaths(a: Issue, b: Issue): number {
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

function tooManyEvidenceItems(length: number): Issue {
  return {
    path: ['evidence'],
    code: 'too_many_evidence_items',
    message: `At most ${MAX_EVIDENCE_ITEMS} evidence items are accepted; got ${length}`,
    expected: `at most ${MAX_EVIDENCE_ITEMS} items`,
    received: `${length} items`,
  };
}

/**
 * readPlainData's issues of an applicant, an evidence list too long to read (its `too_big`) said
 * as the evidence cap instead, as a shorter list over the cap is: one code for one fault.
 */
export function issuesWithEvidenceCap(read: PlainDataRead): Issue[] {
  const atEvidence = (path: readonly (string | number)[]) => path.length === 1 && path[0] === 'evidence';
  const unread = read.tooLong.find((t) => atEvidence(t.path));
  if (unread === undefined) return [...read.issues];
  return read.issues.map((i) => (atEvidence(i.path) && i.code === 'too_big' ? tooManyEvidenceItems(unread.length) : i));
}

function validate(raw: unknown): SafeParseApplicantResult {
  // Read once into plain data: non-plain objects, throwing getters and holes become issues at their own paths.
  const read = readPlainData(raw);
  const input = read.value;
  const issues: Issue[] = issuesWithEvidenceCap(read);
  let subject = input;
  if (isRecord(input)) {
    const evidence = input.evidence;
    // A huge evidence array is refused by its length alone, before any item is looked at, and
    // the rest of the record is still checked so every other problem is reported too.
    if (Array.isArray(evidence) && evidence.length > MAX_EVIDENCE_ITEMS) {
      issues.push(tooManyEvidenceItems(evidence.length));
      subject = { ...input, evidence: [] };
    }
  }
  const r = Applicant.safeParse(subject);
  if (!r.success) issues.push(...validationIssuesFromZod(r.error).filter((i) => !isBlockedPath(i.path, read.blocked)));
  if (issues.length > 0 || !r.success) return { ok: false, error: new ValidationError('Applicant', [...issues].sort(compareIssuePaths)) };
  return { ok: true, value: rememberParsed(r.data) };
}

/**
 * `safeParseApplicant` by zod alone: readPlainData, the evidence cap, `Applicant.safeParse` (schema
 * and cross-field rules), issues in path order. Every input the compiled fast path is not sure
 * about comes here, so every error, its codes, paths and messages, is this function's. Never throws.
 *
 * @example const r = safeParseApplicantWithZod(JSON.parse(body));
 */
export function safeParseApplicantWithZod(input: unknown): SafeParseApplicantResult {
  try {
    return validate(input);
  } catch (cause) {
    const issue: Issue = { path: [], code: 'unreadable_input', message: `Input could not be read: ${cause instanceof Error ? cause.name : typeof cause}` };
    return { ok: false, error: new ValidationError('Applicant', [issue]) };
  }
}
