import { type AuditKeys, sealProblems } from '../decision/audit.js';
import type { Decision } from '../decision/decision.js';

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
