import { readOptionsOrRefuse } from '../errors/readOptions.js';
import { ValidationError } from '../errors/validationError.js';
import type { AuditKeys } from './audit.js';
import type { Decision } from './decision.js';
import { PriorInvalidError } from './priorInvalidError.js';
import { keyIssues } from './scorerKeys.js';
import { checkDecision } from './checkDecision.js';
import { notAPriorError } from './verifyPrior.js';

/** Options of {@link verifyDecision}: the keys a lender's scorer signs and verifies with. */
export interface VerifyDecisionOptions {
  /** The key decisions are signed with now (`createScorer({ signingKey })`; at least 32 bytes). */
  readonly signingKey?: string | Uint8Array;
  /** Signing keys used before a rotation (`createScorer({ verificationKeys })`). */
  readonly verificationKeys?: readonly (string | Uint8Array)[];
}

/** Which key verified a decision's signature: the signing key, or a verification key by its index. */
export type DecisionSigner = { readonly key: 'signingKey' } | { readonly key: 'verificationKeys'; readonly index: number };

/**
 * What {@link verifyDecision} found. Narrow on `ok`: the decision as parsed with its seal holding,
 * and which key signed it (`signedBy`, null for an unsigned decision checked without keys); or the
 * error naming every check that failed.
 */
export type DecisionVerification =
  | { readonly ok: true; readonly decision: Decision; readonly signedBy: DecisionSigner | null }
  | { readonly ok: false; readonly error: PriorInvalidError };

const VERIFY_OPTION_KEYS = ['signingKey', 'verificationKeys'] as const;

/**
 * Checks a stored decision's seal without making a new decision: the checks every follow-up
 * (`reassess`, `requestReduction`, `recordReview`, `recordContest`) runs on its prior, less those
 * that need the applicant. The value is parsed with the `Decision` output schema (a decision of the
 * released 0.1.0 is named as one first), its `audit.contentHash` must match its content, and its
 * signature must verify under `signingKey` or one of `verificationKeys`. With a key, an unsigned
 * decision fails; without one, a signed decision fails too (nothing could verify its signature).
 * A hash names no field: a changed decision fails at `audit.contentHash` (and `audit.signature`),
 * never at the field that was changed.
 *
 * Never throws for the decision (any JSON value gives a result); the options are checked as
 * `createScorer` checks its keys.
 *
 * @example
 * const r = verifyDecision(stored, { signingKey: process.env.CREDITLIFT_SIGNING_KEY });
 * if (!r.ok) console.error(r.error.fields); // e.g. ['audit.contentHash', 'audit.signature']
 * @throws ValidationError (subject `verifyDecision options`) for an unknown option, a key shorter
 *   than 32 bytes or given as `undefined` (`invalid_key`), or verification keys that are not an array
 */
export function verifyDecision(decision: unknown, given: VerifyDecisionOptions = {}): DecisionVerification {
  // Read once into a plain copy: a getter or Proxy is refused by name, never thrown raw, and the keys checked are the keys used.
  const options = readOptionsOrRefuse(given, VERIFY_OPTION_KEYS, 'verifyDecision options') ?? {};
  const { keys, issues } = keyIssues(options, [], false);
  if (issues.length > 0) throw new ValidationError('verifyDecision options', issues);
  return verifyDecisionUnder(decision, keys);
}

/** {@link verifyDecision} under keys already read (the command line reads its key files once). */
export function verifyDecisionUnder(decision: unknown, keys: AuditKeys): DecisionVerification {
  const checked = checkDecision(decision, keys);
  if (!checked.ok) return { ok: false, error: notAPriorError(checked.read, checked.faults, 'Decision does not verify') };
  if (checked.problems.length > 0) {
    return {
      ok: false,
      error: new PriorInvalidError(
        checked.problems.map((p) => ({ path: [...p.path], code: 'prior_invalid', message: p.message })),
        'Decision does not verify',
      ),
    };
  }
  const by = checked.signedBy;
  const signedBy: DecisionSigner | null = by === null ? null : by === 'signing' ? { key: 'signingKey' } : { key: 'verificationKeys', index: by };
  return { ok: true, decision: checked.decision, signedBy };
}
