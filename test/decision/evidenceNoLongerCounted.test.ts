import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import type { DecisionEvidence } from '../../src/decision/decision.js';
import { evidenceNoLongerCounted } from '../../src/decision/evidenceNoLongerCounted.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';

const item = (
  index: number,
  kind: string,
  status: 'accepted' | 'rejected',
  credentialRef: string | null,
  reasons: DecisionEvidence['reasons'] = [],
): DecisionEvidence => ({
  index,
  kind,
  status,
  reasons,
  strength: status === 'accepted' ? 0.4 : 0,
  credentialRef,
});
const held = (kind: string, issueDate: string, expiryDate?: string): CertificateEvidence =>
  ({
    kind,
    issuer: 'Issuer',
    credentialId: 'X1',
    holder: { name: 'A' },
    issueDate,
    ...(expiryDate === undefined ? {} : { expiryDate }),
    verification: { method: 'issuer_api', confidence: 0.99 },
  }) as CertificateEvidence;

describe('which certificates the prior accepted no longer count', () => {
  it('a renewed certificate of the kind, accepted, stands for the expired one (keyed or not)', () => {
    for (const [old, renewed] of [
      ['cred_a', 'cred_b'],
      [null, null],
    ] as const) {
      const prior = [item(0, 'ielts', 'accepted', old)];
      const now = [item(0, 'ielts', 'rejected', old, ['expired']), item(1, 'ielts', 'accepted', renewed)];
      expect(evidenceNoLongerCounted(prior, now, [held('ielts', '2025-03-10', '2027-03-10'), held('ielts', '2027-03-01')], defaultCatalog)).toEqual([]);
    }
  });

  it("an expired one alone is named with its last valid day: the earlier of its expiry date and the kind's two-year term", () => {
    const prior = [item(0, 'ielts', 'accepted', 'cred_a')];
    const now = [item(0, 'ielts', 'rejected', 'cred_a', ['expired'])];
    expect(evidenceNoLongerCounted(prior, now, [held('ielts', '2025-03-10', '2028-01-01')], defaultCatalog)).toEqual([
      { index: 0, kind: 'ielts', credentialRef: 'cred_a', why: 'expired', validThrough: '2027-03-10' },
    ]);
  });

  it('keyed, another certificate of the kind that fails is not the one left out; unkeyed, it is all there is to go by', () => {
    const now = (ref: string | null) => [item(0, 'ielts', 'rejected', ref, ['holder_mismatch'])];
    const ev = [held('ielts', '2026-01-01')];
    expect(evidenceNoLongerCounted([item(3, 'ielts', 'accepted', 'cred_a')], now('cred_b'), ev, defaultCatalog)).toEqual([
      { index: 3, kind: 'ielts', credentialRef: 'cred_a', why: 'not_in_update' },
    ]);
    expect(evidenceNoLongerCounted([item(3, 'ielts', 'accepted', null)], now(null), ev, defaultCatalog)).toEqual([
      { index: 3, kind: 'ielts', credentialRef: null, why: 'rejected', reasons: ['holder_mismatch'] },
    ]);
  });

  it('what the prior rejected is never named; one item answers for one prior certificate', () => {
    const prior = [item(0, 'ielts', 'accepted', null), item(1, 'ielts', 'accepted', null), item(2, 'toefl', 'rejected', null, ['expired'])];
    expect(evidenceNoLongerCounted(prior, [item(0, 'ielts', 'accepted', null)], [held('ielts', '2026-01-01')], defaultCatalog)).toEqual([
      { index: 1, kind: 'ielts', credentialRef: null, why: 'not_in_update' },
    ]);
  });
});
