import { z } from 'zod';
import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { safeParseApplicant } from '../schema/parseApplicant.js';
import type { Applicant } from '../schema/applicant.js';
import { CertificateEvidence } from '../schema/certificateEvidence.js';
import { IsoDate } from '../schema/primitives.js';
import { optionKeyIssues, REASSESS_UPDATE_KEYS } from './checkOptionKeys.js';

const NewEvidence = z.array(CertificateEvidence).max(50);

/** A reassessment's update, read whole: the profile, the evidence it adds, and its date. */
export interface ReassessmentUpdate {
  readonly base: Applicant;
  readonly evidence: readonly CertificateEvidence[];
  /** The update's `asOf` when given, else the profile's. */
  readonly asOf: string;
}

/**
 * Reads `reassess`'s update, every field before any is trusted: a bad profile, bad new evidence
 * and a bad date are reported together, each at its path within the update (`applicant.*`,
 * `evidence.*`, `asOf`), so a bad date is never blamed on the prior it is compared with and a
 * null date is never taken for "none".
 *
 * @param parseProfile the scorer's applicant reader (a lender feature set's reads its attributes); default the built-in schema
 * @throws ValidationError (subject `reassessment update`) naming every offending field
 */
export function parseReassessmentUpdate(update: unknown, parseProfile: (input: unknown) => Applicant = parsePlainApplicant): ReassessmentUpdate {
  const u = (typeof update === 'object' && update !== null ? update : {}) as Record<string, unknown>;
  // Unknown keys (a misspelt `asof`) are problems of the update like the others, reported with them.
  const issues: ValidationIssue[] = optionKeyIssues(update, REASSESS_UPDATE_KEYS);
  if (issues[0]?.code === 'invalid_type') throw new ValidationError('reassessment update', issues);
  const within = (prefix: string, found: readonly ValidationIssue[]) => {
    for (const i of found) issues.push({ ...i, path: [prefix, ...i.path] });
  };
  // The scorer's own reader: with a lender feature set, attributes are the lender's declared ones.
  let base: Applicant | undefined;
  try {
    base = parseProfile(u.applicant);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    within('applicant', e.issues);
  }
  const evidence = NewEvidence.safeParse(u.evidence);
  if (!evidence.success) within('evidence', validationIssuesFromZod(evidence.error));
  const asOf = u.asOf === undefined ? undefined : IsoDate.safeParse(u.asOf);
  if (asOf !== undefined && !asOf.success) within('asOf', validationIssuesFromZod(asOf.error));
  if (issues.length > 0 || base === undefined || !evidence.success || (asOf !== undefined && !asOf.success))
    throw new ValidationError('reassessment update', issues);
  return { base, evidence: evidence.data, asOf: asOf?.data ?? base.asOf };
}

function parsePlainApplicant(input: unknown): Applicant {
  const r = safeParseApplicant(input);
  if (!r.ok) throw r.error;
  return r.value;
}
