import { lineOnFileAfter } from '../src/decision/lineOnFile.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCatalog } from '../src/catalog/resolveCatalog.js';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import { exampleApplicants, exampleUploadStep } from '../src/examples/index.js';

// The product's promise, on the shipped model and default policy: a thin-file applicant who uploads
// a verified certificate sees the limit rise at once, in every certificate family; and where it
// cannot rise, the example says why and the decision agrees.
let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(() => scorer.close());

const catalog = resolveCatalog([]);
const familyOf = (kind: string) => catalog.get(kind)?.category;

async function uploadStep(id: string) {
  const ex = exampleApplicants.find((e) => e.id === id)!;
  const { before, certificate } = exampleUploadStep(ex);
  const first = await scorer.decide(before);
  const next = await scorer.reassess(first, { applicant: before, evidence: [certificate] });
  return { ex, certificate, first, next };
}

describe('examples: a certificate upload moves the limit where the model and affordability allow', () => {
  it('for each family (professional, language, honour, gig) one example whose limit rises when the certificate is uploaded', { timeout: 60_000 }, async () => {
    const risen = new Set<string>();
    for (const ex of exampleApplicants.filter((e) => e.upload.raisesLimit)) {
      const { certificate, first, next } = await uploadStep(ex.id);
      expect(first.outcome, ex.id).toBe('approve');
      // The first decision is not held by a step limit: risk or affordability sets it.
      expect(first.bindingConstraint, ex.id).not.toBe('step_limit');
      expect(next.limit, ex.id).toBeGreaterThan(first.limit);
      const gain = next.movement?.byEvidence.find((b) => b.kind === certificate.kind)?.limitGain ?? 0;
      expect(gain, `${ex.id}: what the certificate itself added`).toBeGreaterThan(0);
      expect(next.movement?.stepLimited, ex.id).toBe(false);
      risen.add(familyOf(certificate.kind) ?? '');
    }
    expect(risen).toEqual(new Set(['professional', 'language', 'honour', 'gig']));
  });

  it("where an example says the upload cannot raise the limit, it does not, and the decision's binding constraint or outcome explains it", {
    timeout: 60_000,
  }, async () => {
    for (const ex of exampleApplicants.filter((e) => !e.upload.raisesLimit)) {
      const { first, next } = await uploadStep(ex.id);
      // Against the line the first decision left on file: a referral's proposal granted nothing.
      expect(next.limit, ex.id).toBe(lineOnFileAfter(first));
      const explained = next.outcome === 'decline' || next.bindingConstraint !== 'risk' || next.evidence.at(-1)?.status === 'rejected';
      expect(explained, ex.id).toBe(true);
    }
  });

  it('no first decision of an example is held by a reassessment step limit', { timeout: 60_000 }, async () => {
    for (const ex of exampleApplicants) {
      const first = await scorer.decide(exampleUploadStep(ex).before);
      expect(first.bindingConstraint, ex.id).not.toBe('step_limit');
      expect(
        first.policyReasons.filter((r) => r.startsWith('step_limit')),
        ex.id,
      ).toEqual([]);
    }
  });
});
