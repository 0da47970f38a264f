import { readFileSync } from 'node:fs';
import { canonicalJson } from '../../src/hashing/canonicalJson.js';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';

/** Decisions sealed by the released 0.1.0 (test/fixtures/release0.1.0): a referral and an approval of ex-new-graduate. */
export const release010 = JSON.parse(readFileSync(new URL('../fixtures/release0.1.0/decisions.json', import.meta.url), 'utf8')) as {
  refer: Record<string, unknown> & { audit: Record<string, unknown> & { modelId: string; modelSha256: string; policyHash: string } };
  approve: Record<string, unknown> & { audit: Record<string, unknown> & { modelId: string; modelSha256: string; policyHash: string } };
};

/**
 * A 0.1.0 decision with its audit as 0.1.0 wrote it: `audit.applicantId` the decision's, and its
 * `decisionId` the first 32 hex digits of the SHA-256 of the canonical JSON of the rest of the audit
 * (so a test that changes an audit field, or the applicant, gets the id 0.1.0 would have given it).
 */
export function as010(d: Record<string, unknown>): Record<string, unknown> {
  const audit: Record<string, unknown> = { ...(d.audit as Record<string, unknown>), applicantId: d.applicantId };
  const { decisionId: _id, ...rest } = audit;
  return { ...d, audit: { decisionId: `dec_${sha256Hex(canonicalJson(rest)).slice(0, 32)}`, ...rest } };
}
