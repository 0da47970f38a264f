import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/index.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import type { CertificateEvidenceInput } from '../../src/schema/certificateEvidence.js';
import { lenderGigKinds } from '../helpers/lenderGigCatalog.js';

// findings15-gig #2: the Didi rating's credential (same issuer, same number, a new document hash)
// uploaded again under the lender's own driver-rating kind was accepted twice and raised the line by
// 100 RMB, approve; the same upload under its own kind was refused duplicate_credential and referred.

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const catalog = resolveCatalog(lenderGigKinds);
const driver = exampleFor('gig_driver').applicant as ApplicantInput;
const didi = driver.evidence?.[0] as CertificateEvidenceInput;
/** The Didi credential filed again under the lender's own rating kind (a re-screenshot: new document hash). */
const relabelled: CertificateEvidenceInput = { ...didi, kind: 'swiftride_driver_rating', documentHash: sha('re-screenshot') };
const withEvidence = (evidence: CertificateEvidenceInput[]): ApplicantInput => ({
  ...driver,
  platform: { ...driver.platform, currentLimit: 0, currentBalance: 0 },
  evidence,
});

const statuses = (d: Decision) => d.evidence.map((e) => [e.kind, e.status, e.reasons]);

function expectReferredAsDuplicate(d: Decision): void {
  expect(statuses(d)).toEqual([
    ['ride_hailing_rating', 'accepted', []],
    ['swiftride_driver_rating', 'rejected', ['duplicate_credential']],
  ]);
  expect(d.outcome).toBe('refer');
  expect(d.policyReasons).toContain('duplicate_evidence');
}

let scorer: Scorer;
let pool: ScorerPool;
beforeAll(async () => {
  [scorer, pool] = await Promise.all([createScorer({ catalog }), createScorerPool({ workers: 1, scorer: { catalog: lenderGigKinds } })]);
});
afterAll(async () => {
  await Promise.all([scorer?.close(), pool?.close()]);
});

describe('one credential under two kinds is one credential (findings15-gig #2)', () => {
  it('decide: the same issuer and number relabelled under another kind is duplicate_credential, referred as the same-kind copy is', async () => {
    expectReferredAsDuplicate(await scorer.decide(withEvidence([didi, relabelled])));
    // The same kind from another issuer spelling is still a copy (the kind key still holds).
    const respelled = await scorer.decide(withEvidence([didi, { ...didi, issuer: 'DiDi Global', documentHash: sha('respelled') }]));
    expect(statuses(respelled)[1]).toEqual(['ride_hailing_rating', 'rejected', ['duplicate_credential']]);
    // Another issuer's number under another kind is another credential.
    const other = await scorer.decide(withEvidence([didi, { ...relabelled, issuer: 'SwiftRide', credentialId: 'SR-77120' }]));
    expect(statuses(other)[1]).toEqual(['swiftride_driver_rating', 'accepted', []]);
  });

  it('decideBatch and the pool refuse it alike, byte for byte', async () => {
    const inputs = [withEvidence([didi, relabelled]), withEvidence([relabelled, didi])];
    const batch = await scorer.decideBatch(inputs);
    for (const r of batch) if (!r.ok) throw r.error;
    expectReferredAsDuplicate((batch[0] as { decision: Decision }).decision);
    // The first upload is kept, whichever kind it was filed under.
    expect(statuses((batch[1] as { decision: Decision }).decision)).toEqual([
      ['swiftride_driver_rating', 'accepted', []],
      ['ride_hailing_rating', 'rejected', ['duplicate_credential']],
    ]);
    expect(JSON.stringify(await pool.decideBatch(inputs))).toBe(JSON.stringify(batch));
  });

  it('reassess: the relabelled copy uploaded after the decision is refused and referred', async () => {
    const prior = await scorer.decide(withEvidence([didi]));
    const d = await scorer.reassess(prior, { applicant: withEvidence([didi]), evidence: [relabelled] });
    expectReferredAsDuplicate(d);
    // It moves nothing: the line is what the reassessment gives without it.
    expect(d.movement?.byEvidence).toEqual([expect.objectContaining({ kind: 'swiftride_driver_rating', limitGain: 0 })]);
    expect(d.limit).toBe(d.movement?.withoutNewEvidence);
  });

  // One credential counts once: weekly snapshots of one rating, fetched under the account's
  // number, are one credential; the first on file is assessed and a later one is a duplicate.
  it('snapshots of one rating under one number count once: the first on file is the one assessed', async () => {
    const snapshots = [0, 7, 14].map((days, i) => ({ ...didi, issueDate: `2026-10-${String(15 + days).padStart(2, '0')}`, documentHash: sha(`week-${i}`) }));
    const d = await scorer.decide(withEvidence(snapshots));
    expect(statuses(d).map(([, status]) => status)).toEqual(['accepted', 'rejected', 'rejected']);
    const one = await scorer.decide(withEvidence([snapshots[0] as CertificateEvidenceInput]));
    expect(d.evidence[0]?.strength).toBe(one.evidence[0]?.strength);
  });
});
