import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { adverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { exampleFor } from '../../src/examples/index.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { lenderGigKinds } from '../helpers/lenderGigCatalog.js';

// findings15-gig #4: a line raised by a lender kind's upload under catalog A, reassessed after the
// lender dropped the kind (catalog B) with nothing changed on the customer's side, was referred and
// held for "Few verified certificates or skills on file": nothing said the catalog had changed.

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const base = exampleFor('gig_driver').applicant as ApplicantInput;
const applicant: ApplicantInput = {
  ...base,
  evidence: [
    {
      kind: 'swiftride_driver_rating',
      issuer: 'SwiftRide',
      credentialId: 'SR-5102-88123',
      holder: { idHash: base.identity.idHash },
      issueDate: '2026-10-20',
      score: 4.95,
      verification: { method: 'platform_api', confidence: 0.97 },
      documentHash: sha('swiftride'),
    },
  ],
};

const [rating, reviews] = lenderGigKinds;
let withKind: Scorer;
let withoutKind: Scorer;
let reweighted: Scorer;
beforeAll(async () => {
  [withKind, withoutKind, reweighted] = await Promise.all([
    createScorer({ catalog: resolveCatalog(lenderGigKinds) }),
    createScorer({ catalog: resolveCatalog([reviews!]) }),
    createScorer({ catalog: resolveCatalog([{ ...rating!, signalWeight: 0.3 }, reviews!]) }),
  ]);
});
afterAll(async () => {
  await Promise.all([withKind?.close(), withoutKind?.close(), reweighted?.close()]);
});

describe('a reassessment under another catalog than the prior says so (findings15-gig #4)', () => {
  it('the kind dropped: catalog_changed is the first principal reason and in the notice', async () => {
    const prior = await withKind.decide(applicant);
    expect(prior.evidence[0]?.status).toBe('accepted');
    const d = await withoutKind.reassess(prior, { applicant, evidence: [] });
    expect(d.audit.catalogHash).not.toBe(prior.audit.catalogHash);
    expect(d.evidence[0]?.reasons).toEqual(['unknown_kind']);
    expect(d.policyReasons[0]).toBe('catalog_changed');
    expect(d.reasons[0]).toMatchObject({ code: 'catalog_changed', source: 'policy', factor: 'evidence' });
    expect(d.reasons[0]?.en).toMatch(/certificates we recognise have changed/);
    expect(adverseActionNotice(d).principalReasons[0]).toMatchObject({ code: 'catalog_changed' });
  });

  it('the kind reweighted: named too; the same catalog: not named', async () => {
    const prior = await withKind.decide(applicant);
    expect((await reweighted.reassess(prior, { applicant, evidence: [] })).policyReasons).toContain('catalog_changed');
    expect((await withKind.reassess(prior, { applicant, evidence: [] })).policyReasons).not.toContain('catalog_changed');
  });
});
