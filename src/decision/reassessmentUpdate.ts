import { z } from 'zod';
import { ValidationError, validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import { safeParseApplicant } from '../schema/parseApplicant.js';
import type { Applicant } from '../schema/applicant.js';
import { CertificateEvidence } from '../schema/certificateEvidence.js';
import { IsoDate } from '../schema/primitives.js';
import { readOptions } from '../errors/readOptions.js';
import { isBlockedPath, readPlainData } from '../schema/readPlainData.js';
import { REASSESS_UPDATE_KEYS } from './checkOptionKeys.js';

const NewEvidence = z.array(CertificateEvidence).max(50);

/** A reassessment's update, read whole: the profile, the evidence it adds, and its date. */
export interface ReassessmentUpdate {
  readonly base: Applicant;
  readonly evidence: readonly CertificateEvidence[];
  /** The update's `asOf` when given, else the profile's. */
  readonly asOf: string;
  /**
   * Whether the profile gave `platform.currentBalance` (a value, not left out or `undefined`): the
   * schema reads an absent balance as 0, which `base` cannot tell from a balance paid off.
   */
  readonly balanceGiven: boolean;
}

/**
 * Reads `reassess`'s update, every field before any is trusted: a bad profile, bad new evidence
 * and a bad date are reported together, each at its path within the update (`applicant.*`,
 * `evidence.*`, `asOf`), so a bad date is never blamed on the prior it is compared with and a
 * null date is never taken for "none". A profile dated after the update's `asOf` is refused, at
 * both (`applicant.asOf` and `asOf`, `out_of_range`).
 *
 * @param parseProfile the scorer's applicant reader (a lender feature set's reads its attributes); default the built-in schema
 * @throws ValidationError (subject `reassessment update`) naming every offending field
 */
export function parseReassessmentUpdate(update: unknown, parseProfile: (input: unknown) => Applicant = parsePlainApplicant): ReassessmentUpdate {
  // Read once, each key at most once (a getter that throws is `unreadable_input` at its key, as in a
  // record of decide; it escaped as the caller's own Error). Unknown keys (a misspelt `asof`) are
  // problems of the update like the others, reported with them.
  const { value, issues } = readOptions(update, REASSESS_UPDATE_KEYS);
  if (value === undefined)
    throw new ValidationError(
      'reassessment update',
      issues.length > 0 ? issues : [{ path: [], code: 'invalid_type', message: 'expected an object of options', expected: 'object' }],
    );
  const unread = (key: string) => issues.some((i) => i.code === 'unreadable_input' && i.path[0] === key);
  const within = (prefix: string, found: readonly ValidationIssue[]) => {
    for (const i of found) issues.push({ ...i, path: [prefix, ...i.path] });
  };
  // The scorer's own reader: with a lender feature set, attributes are the lender's declared ones.
  let base: Applicant | undefined;
  if (!unread('applicant')) {
    try {
      base = parseProfile(value.applicant);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      within('applicant', e.issues);
    }
  }
  // Absent: a profile-only update, nothing uploaded (it was refused as `expected array`). A null is
  // not absent: refused at `evidence` like any other non-array. Read into plain data first, as the
  // profile is: a getter in an item is its own issue, at its path.
  let evidence: readonly CertificateEvidence[] | undefined;
  if (!unread('evidence')) {
    const read = readPlainData(value.evidence === undefined ? [] : value.evidence);
    const parsed = NewEvidence.safeParse(read.value);
    within('evidence', read.issues);
    if (!parsed.success)
      within(
        'evidence',
        validationIssuesFromZod(parsed.error).filter((i) => !isBlockedPath(i.path, read.blocked)),
      );
    else if (read.issues.length === 0) evidence = parsed.data;
  }
  const asOf = value.asOf === undefined ? undefined : IsoDate.safeParse(value.asOf);
  if (asOf !== undefined && !asOf.success) within('asOf', validationIssuesFromZod(asOf.error));
  // A profile states facts as of its own date: decided as of an earlier one, its date would be dropped
  // and facts not yet true counted (ages, months in a job), so it is refused, as a ledger entry or a
  // prior dated after the decision is. A profile older than the update is decided as of the update.
  if (base !== undefined && asOf?.success === true && base.asOf > asOf.data) {
    const message = `the profile is dated ${base.asOf}, after the reassessment's date ${asOf.data}: give the reassessment the profile's date or a later one`;
    issues.push({ path: ['applicant', 'asOf'], code: 'out_of_range', message }, { path: ['asOf'], code: 'out_of_range', message });
  }
  if (issues.length > 0 || base === undefined || evidence === undefined || (asOf !== undefined && !asOf.success))
    throw new ValidationError('reassessment update', issues);
  return { base, evidence, asOf: asOf?.data ?? base.asOf, balanceGiven: platformBalanceGiven(value.applicant) };
}

/**
 * Whether a profile (one its reader accepted) gives `platform.currentBalance`, read without calling
 * anything (a reader refuses getters, and this is no second read of one): an own key whose value is
 * not `undefined`, which zod, like an absent key, defaults to 0.
 */
function platformBalanceGiven(profile: unknown): boolean {
  const platform = ownValue(profile, 'platform');
  return ownValue(platform, 'currentBalance') !== undefined;
}

function ownValue(o: unknown, key: string): unknown {
  if (typeof o !== 'object' || o === null) return undefined;
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}

function parsePlainApplicant(input: unknown): Applicant {
  const r = safeParseApplicant(input);
  if (!r.ok) throw r.error;
  return r.value;
}
