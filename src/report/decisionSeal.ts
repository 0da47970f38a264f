import { type AuditKeys, sealProblems } from '../decision/audit.js';
import type { Decision } from '../decision/decision.js';
import { earlierReleaseClaim } from '../decision/earlierReleaseClaim.js';

/** Why a decision read back was not taken: changed (content hash), not signed under the key, or never sealed. */
export type SealFault = 'contentHash' | 'signature' | 'unsealed';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The first fault of the seal of a decision as read from a file (the JSON value, not re-parsed: a
 * key added or dropped changes the content hash), or undefined when it holds. The content hash needs
 * no key; the signature is checked when `keys.signing` is set, and a decision without one is then
 * refused, as `reassess` refuses it. A decision with no `audit.contentHash` is `unsealed`.
 *
 * Not checkDecision (which the notice, verifyDecision and follow-ups share): the report reads
 * decisions loosely, so one of an older or newer engine version, which the Decision schema of this
 * one refuses, still counts when its seal holds. The seal check itself is the same (`checkSeal`).
 */
export function decisionSealFault(value: unknown, keys: AuditKeys): SealFault | undefined {
  const audit = isRecord(value) && isRecord(value.audit) ? value.audit : undefined;
  if (audit === undefined || typeof audit.contentHash !== 'string') return 'unsealed';
  // Only strings reach the constant-time compare (a number there was never a signature).
  if (audit.signature !== undefined && typeof audit.signature !== 'string') return 'signature';
  const problems = sealProblems(value as Decision, keys, 'contentOnly');
  if (problems.some((p) => p.path[1] === 'contentHash')) return 'contentHash';
  return problems.length > 0 ? 'signature' : undefined;
}

/**
 * Why a decision read back is left out of the figures: its seal failed ({@link SealFault}), it is
 * shaped as a 0.1.0 decision but names what no 0.1.0 decision has (`posingAsEarlier`: taken as
 * unsealed), or it is a 0.1.0 decision read under a signing key (`earlierUnsigned`: 0.1.0 signed nothing).
 */
export type LeftOutFault = SealFault | 'posingAsEarlier' | 'earlierUnsigned';

/** How a reader that counts decisions takes one: sealed by 0.1.0 (`earlier`), or left out (`fault`), else counted on its seal. */
export interface CountedSeal {
  /** A decision of the released 0.1.0 (no seal to check), counted as such. */
  readonly earlier: boolean;
  readonly fault?: LeftOutFault;
  /** For `posingAsEarlier`: why it is not a 0.1.0 decision. */
  readonly why?: string;
}

/**
 * The seal of a decision as `report`, its follow-up index and `monitor --decisions` take it (one
 * function, so they agree): a 0.1.0 decision carries no seal and is counted as 0.1.0's when it may
 * be one (`earlierReleaseClaim`, against this release's policies `policyHashes`), and left out under
 * a signing key (`keys.signing`: the lender asked that only decisions signed under it count, and
 * 0.1.0 signed none); one posing as 0.1.0's is left out; any other is checked by {@link decisionSealFault}.
 */
export function countedSeal(value: unknown, keys: AuditKeys, policyHashes?: ReadonlySet<string>): CountedSeal {
  const claim = earlierReleaseClaim(value, policyHashes);
  if (claim.claim) {
    if (claim.impostor !== undefined) return { earlier: false, fault: 'posingAsEarlier', why: claim.impostor };
    return keys.signing === null ? { earlier: true } : { earlier: true, fault: 'earlierUnsigned' };
  }
  const fault = decisionSealFault(value, keys);
  return fault === undefined ? { earlier: false } : { earlier: false, fault };
}
