import { canonicalJson } from '../hashing/canonicalJson.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import { DEFAULT_MODEL_SHA256 } from '../model/defaultModelSha256.js';
import { defaultPolicy } from '../policy/defaultPolicy.js';
import { policyHashOf } from '../policy/policyHash.js';
import { isEarlierReleaseDecision } from './earlierRelease.js';

/** SHA-256 of the default model 0.1.0 shipped under the id `creditlift-default@1.0.0` (README "Upgrading from 0.1.0"). */
export const RELEASE_010_DEFAULT_MODEL_SHA256 = '7fddd1c2302a4a7097f64b55816efba4b26125338116150a05bd9d4edecafdc1';

/**
 * What a reader that counts stored decisions makes of one shaped as the released 0.1.0 wrote them
 * (no `audit.contentHash`, no `lineAction`: {@link isEarlierReleaseDecision}): `claim` false when it
 * is not so shaped; else `impostor` names why it cannot be a 0.1.0 decision, or is absent when it may be.
 */
export type EarlierReleaseClaim = { readonly claim: false } | { readonly claim: true; readonly impostor?: string };

let defaultPolicyHash: string | undefined;

/** The hash this release gives its default policy (computed once). */
export function thisReleaseDefaultPolicyHash(): string {
  defaultPolicyHash ??= policyHashOf(defaultPolicy);
  return defaultPolicyHash;
}

/**
 * Whether a decision shaped as 0.1.0's may be one, for a reader that counts it (the report, monitor).
 * The shape alone lets anyone who can write a line drop a decision's seal and have it counted
 * unsealed, so counting takes a decision as 0.1.0's only when nothing in it says otherwise:
 * - `audit.engineVersion` is "0.1.0";
 * - `audit.modelSha256` is not this release's default model's (0.1.0's default model was another build);
 * - `audit.policyHash` is none this release computes (`policyHashes`: the reader's policy; the default
 *   policy's is always added): every policy hashes differently under this release, the default included;
 * - `audit.decisionId` is derived from the rest of its audit as 0.1.0 derived every id
 *   (`dec_` and 32 hex digits of the SHA-256 of the rest's canonical JSON), so no audit field was changed.
 *
 * Refusals of a stored decision (reassess, notices) use {@link isEarlierReleaseDecision} alone: they
 * refuse either way, and only say why first.
 */
export function earlierReleaseClaim(value: unknown, policyHashes: ReadonlySet<string> = new Set()): EarlierReleaseClaim {
  if (!isEarlierReleaseDecision(value)) return { claim: false };
  const audit = (value as { audit: Record<string, unknown> }).audit;
  if (audit.engineVersion !== '0.1.0')
    return { claim: true, impostor: `its audit.engineVersion is ${JSON.stringify(audit.engineVersion)}, not the "0.1.0" its shape claims` };
  if (audit.modelSha256 === DEFAULT_MODEL_SHA256)
    return {
      claim: true,
      impostor: `it names this release's default model (audit.modelSha256 ${DEFAULT_MODEL_SHA256.slice(0, 8)}...), which no 0.1.0 decision has (0.1.0's was ${RELEASE_010_DEFAULT_MODEL_SHA256.slice(0, 8)}...)`,
    };
  if (typeof audit.policyHash === 'string' && (audit.policyHash === thisReleaseDefaultPolicyHash() || policyHashes.has(audit.policyHash)))
    return {
      claim: true,
      impostor: `it names a policy this release computes (audit.policyHash ${audit.policyHash.slice(0, 12)}), which no 0.1.0 decision has (every policy hashes differently under this release)`,
    };
  const { decisionId, ...rest } = audit;
  if (decisionId !== `dec_${sha256Hex(canonicalJson(rest)).slice(0, 32)}`)
    return { claim: true, impostor: 'its audit.decisionId is not derived from the rest of its audit, as 0.1.0 derived every id (an audit field was changed)' };
  return { claim: true };
}
