import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CanonicalJsonWriter } from '../hashing/canonicalJsonWriter.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import { normalizedCredentialNumber } from '../text/credentialNumber.js';
import type { Decision, DecisionAudit } from './decision.js';

export type { DecisionAudit } from './decision.js';

/**
 * The lender's keys, resolved once per scorer. `personalData` keys every hash that could be
 * confirmed by someone holding a candidate record (input, subject, decision id, credential
 * references); `signing` signs whole decisions. Both are optional.
 */
export interface AuditKeys {
  readonly signing: Uint8Array | null;
  readonly personalData: Uint8Array | null;
  /** Signing keys used before a rotation: a prior signed under one of them verifies too; nothing new is signed with them. */
  readonly verification?: readonly Uint8Array[];
}

/** No keys: plain SHA-256 hashes, no signature, no credential references. */
export const NO_AUDIT_KEYS: AuditKeys = Object.freeze({ signing: null, personalData: null });

/**
 * Hash of personal data: HMAC-SHA-256 under the personal-data key when there is one (nobody
 * without the key can confirm a guess), else plain SHA-256. `domain` separates uses so one value
 * hashed for two purposes gives unrelated results.
 */
export function personalHash(keys: AuditKeys, domain: string, data: string | Uint8Array): string {
  // The tag and the data go in as two updates: the same bytes as the tagged string (UTF-8 of a
  // concatenation is the concatenation of the UTF-8s), without building and flattening it.
  const tag = `creditlift/${domain}\u0000`;
  if (keys.personalData === null && typeof data === 'string') return sha256Hex(tag + data);
  const hash = keys.personalData === null ? createHash('sha256') : createHmac('sha256', keys.personalData);
  return hash.update(tag).update(data).digest('hex');
}

/**
 * A reference for a certificate's registration number that never reveals it: a keyed hash under
 * the personal-data key, stable for one lender (the same certificate always gets the same
 * reference, however its number was typed), or null when the scorer has no key, since an unkeyed hash of a short registration
 * number can be reversed by trying them all.
 */
export function credentialRef(keys: AuditKeys, kind: string, credentialId: string): string | null {
  if (keys.personalData === null) return null;
  return `cred_${personalHash(keys, 'credential', `${kind}\u0000${normalizedCredentialNumber(credentialId)}`).slice(0, 32)}`;
}

/** The audit before the decision it belongs to is sealed. */
export type UnsealedAudit = Omit<DecisionAudit, 'contentHash' | 'signature'>;

/**
 * Builds the audit record; the id hashes everything that can change the result.
 *
 * @param parts.inputJson the decision's input serialised deterministically by the caller. For
 *   validated applicants plain JSON.stringify is deterministic already (zod writes keys in schema
 *   order whatever order the caller used), which spares the hot path a sorting canonicaliser.
 * @param parts.subject the applicant's `identity.idHash`.
 */
export function buildAudit(
  parts: Omit<UnsealedAudit, 'decisionId' | 'inputHash' | 'subjectHash' | 'hashing'> & { readonly inputJson: string; readonly subject: string },
  keys: AuditKeys,
): UnsealedAudit {
  const { inputJson, subject, ...rest } = parts;
  const hashing = keys.personalData === null ? 'sha256' : 'hmac-sha256';
  const inputHash = personalHash(keys, 'input', inputJson);
  const subjectHash = personalHash(keys, 'subject', subject);
  const decisionId = `dec_${personalHash(keys, 'decision', idWriter.bytes({ ...rest, hashing, inputHash, subjectHash })).slice(0, 32)}`;
  return { decisionId, hashing, inputHash, subjectHash, ...rest };
}

/** A decision whose audit has no content hash or signature yet. */
export type UnsealedDecision = Omit<Decision, 'audit'> & { readonly audit: UnsealedAudit };

// The decision id's canonical JSON (the audit fields), written before the decision is sealed.
const idWriter = new CanonicalJsonWriter();
// One writer per seal role: the content and the audit with its hash are written while the first's bytes are still in use.
const decisionWriter = new CanonicalJsonWriter();
const auditWriter = new CanonicalJsonWriter();

/**
 * The two digests a seal holds, from the decision's canonical JSON written once as UTF-8 (see
 * CanonicalJsonWriter): the SHA-256 of the decision without `contentHash` and `signature`, and,
 * with a signing key, the HMAC-SHA-256 of the decision with its content hash and without
 * `signature`. Both serialisations share everything but the audit, so the signature is computed
 * over the first one's bytes around the audit, with the audit written again in between.
 */
function sealDigests(
  d: UnsealedDecision,
  signing: Uint8Array | null,
): { readonly contentHash: string; readonly holdsNonFinite: boolean; signatureOf(contentHash: string): string | undefined } {
  const { contentHash: _c, signature: _s, ...audit } = d.audit as DecisionAudit;
  const { bytes, start, end } = decisionWriter.bytesWith(d as unknown as Readonly<Record<string, unknown>>, 'audit', audit);
  const contentHash = sha256Hex(bytes);
  return {
    contentHash,
    holdsNonFinite: decisionWriter.wroteNonFinite,
    signatureOf(hash) {
      if (signing === null) return undefined;
      return createHmac('sha256', signing)
        .update(bytes.subarray(0, start))
        .update(auditWriter.bytes({ ...audit, contentHash: hash }))
        .update(bytes.subarray(end))
        .digest('hex');
    },
  };
}

/**
 * Seals a decision: the audit gets the SHA-256 of the decision's canonical JSON (`contentHash`)
 * and, with a signing key, an HMAC-SHA-256 over it (`signature`). Canonical JSON sorts keys, so a
 * store that reorders them (a JSON column, another language) does not break the seal.
 */
export function sealDecision(d: UnsealedDecision, keys: AuditKeys): Decision {
  const digests = sealDigests(d, keys.signing);
  const { contentHash } = digests;
  const signature = digests.signatureOf(contentHash);
  return { ...d, audit: { ...d.audit, contentHash, ...(signature === undefined ? {} : { signature }) } };
}

// Constant-time, so a caller probing signatures learns nothing from how long a refusal takes.
function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** What a seal check found: every problem (empty when the seal holds), and which key verified the signature. */
export interface SealCheck {
  readonly problems: readonly { readonly path: readonly string[]; readonly message: string }[];
  /** Which key verified `audit.signature`: `signing`, or the index in `verification`; null when unsigned or it did not verify. */
  readonly signedBy: 'signing' | number | null;
}

/**
 * What a seal check given no key does with a signed decision: `refuse` it (what continues the line:
 * a follow-up, `verifyDecision`), or check its content hash only and leave the signature for a
 * check with the key (`contentOnly`: what reads a decision back for people, a notice or a report).
 */
export type SignedWithoutKey = 'refuse' | 'contentOnly';

/**
 * Checks a sealed decision: its content hash, and its signature against the signing key and the
 * verification keys (earlier signing keys). A decision that carries a signature is refused when no
 * key is there to verify it (unless `signedWithoutKey` is `contentOnly`): a signature nobody checks
 * is a forger's easiest way through (recompute the keyless content hash, keep the stale signature).
 * With any key, an unsigned decision is refused.
 */
export function checkSeal(d: Decision, keys: AuditKeys, signedWithoutKey: SignedWithoutKey = 'refuse'): SealCheck {
  const problems: { path: string[]; message: string }[] = [];
  const digests = sealDigests(d, keys.signing);
  if (digests.holdsNonFinite) {
    // No decision holds one: canonical JSON writes it as null, so `1e999` put in a file where a
    // decision held `null` (read as Infinity) would otherwise keep the seal.
    problems.push({
      path: ['audit', 'contentHash'],
      message:
        'the decision holds a number that is not finite (Infinity or NaN; 1e999 in a file), which no decision holds: the decision was changed after it was made',
    });
  } else if (digests.contentHash !== d.audit.contentHash) {
    problems.push({
      path: ['audit', 'contentHash'],
      message: 'audit.contentHash does not match the decision content: the decision was changed after it was made',
    });
  }
  const earlier = keys.verification ?? [];
  let signedBy: SealCheck['signedBy'] = null;
  const signature = d.audit.signature;
  if (signature === undefined) {
    if (keys.signing !== null || earlier.length > 0)
      problems.push({ path: ['audit', 'signature'], message: 'the scorer signs decisions and this one carries no audit.signature' });
  } else if (keys.signing === null && earlier.length === 0) {
    if (signedWithoutKey === 'contentOnly') return { problems, signedBy };
    problems.push({
      path: ['audit', 'signature'],
      message:
        'the decision carries an audit.signature and no signing key is given to verify it: a signed decision is checked under its key (signingKey, or verificationKeys for a key used before a rotation)',
    });
  } else {
    if (keys.signing !== null && sameHex(digests.signatureOf(d.audit.contentHash) as string, signature)) signedBy = 'signing';
    for (let i = 0; signedBy === null && i < earlier.length; i++) {
      if (sameHex(signatureUnder(d, earlier[i] as Uint8Array), signature)) signedBy = i;
    }
    if (signedBy === null) {
      const which = earlier.length === 0 ? 'the signing key' : `the signing key or any of the ${earlier.length} verification key(s)`;
      problems.push({ path: ['audit', 'signature'], message: `audit.signature does not verify under ${which}: changed, or signed under another key` });
    }
  }
  return { problems, signedBy };
}

/** The signature `d` would carry under `key` (over its content hash as recorded). */
function signatureUnder(d: Decision, key: Uint8Array): string {
  return sealDigests(d, key).signatureOf(d.audit.contentHash) as string;
}

/**
 * What fails when a sealed decision is checked (see {@link checkSeal}); empty when it holds.
 * `contentOnly` is for what reads a decision back for people (a notice, a report) without a key:
 * the content hash is checked, and a signature is left for a check with the key (a follow-up, which
 * continues the line, refuses a signed decision it cannot verify).
 */
export function sealProblems(
  d: Decision,
  keys: AuditKeys,
  signedWithoutKey: SignedWithoutKey = 'refuse',
): readonly { readonly path: readonly string[]; readonly message: string }[] {
  return checkSeal(d, keys, signedWithoutKey).problems;
}
