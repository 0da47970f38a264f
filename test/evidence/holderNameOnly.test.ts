// A certificate whose holder is given by name only can be matched to the applicant only through the
// applicant's name. With no name on file (`identity` carries only the required `idHash`, as in the
// README's quick start) nothing was compared and the item was accepted: another person's CPA naming
// "王五" as its holder raised the new graduate's limit from 15,800 to 16,400 RMB (PD 2.37% to 1.88%),
// a guess that it was hers. Such an item is now refused with `holder_unverified`, and counts nowhere.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { assessEvidence, evidenceReasons } from '../../src/evidence/index.js';
import { exampleFor } from '../../src/examples/index.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const graduate = exampleFor('new_graduate').applicant;
// The graduate with no name on file and no certificates of her own.
const nameless: ApplicantInput = { ...structuredClone(graduate), identity: { idHash: graduate.identity.idHash }, evidence: [] };

function cpa(holder: CertificateEvidence['holder']): CertificateEvidence {
  return {
    kind: 'cpa',
    issuer: 'CICPA',
    credentialId: '110001230045',
    holder,
    issueDate: '2026-01-01',
    verification: { method: 'issuer_api', confidence: 0.97 },
    documentHash: sha('a CPA certificate'),
  };
}

const assessed = (applicant: ApplicantInput, holder: CertificateEvidence['holder']) =>
  assessEvidence(parseApplicant({ ...applicant, evidence: [cpa(holder)] })).items[0];

describe('a holder named by name only, for an applicant with no name on file', () => {
  it('is refused holder_unverified: nothing ties the certificate to the applicant', () => {
    expect(assessed(nameless, { name: '王五' })).toMatchObject({ status: 'rejected', reasons: ['holder_unverified'], strength: 0 });
    expect(evidenceReasons.holder_unverified.en).toMatch(/name/);
  });

  it('is matched as before wherever something can be compared', () => {
    // The id hash decides, whatever the name says.
    expect(assessed(nameless, { idHash: graduate.identity.idHash, name: '王五' })?.status).toBe('accepted');
    expect(assessed(nameless, { idHash: sha('someone else') })?.reasons).toEqual(['holder_mismatch']);
    // With her name on file, a name alone is compared with it.
    const named = { ...nameless, identity: graduate.identity };
    expect(assessed(named, { name: graduate.identity.name as string })?.status).toBe('accepted');
    expect(assessed(named, { name: '王五' })?.reasons).toEqual(['holder_mismatch']);
  });

  describe('end to end', () => {
    let scorer: Scorer;
    beforeAll(async () => {
      scorer = await createScorer();
    }, 30_000);
    afterAll(() => scorer.close());

    it('changes nothing in the decision but the item named as refused', async () => {
      const without = await scorer.decide(nameless);
      const withIt = await scorer.decide({ ...nameless, evidence: [cpa({ name: '王五' })] });
      expect(withIt.evidence[0]).toMatchObject({ status: 'rejected', reasons: ['holder_unverified'] });
      expect([withIt.outcome, withIt.limit, withIt.pd, withIt.apr]).toEqual([without.outcome, without.limit, without.pd, without.apr]);
      expect(withIt.certificateImpacts).toEqual([]);
      // And uploaded to the decision, it adds nothing to what the reassessment gives without it.
      const reassessed = await scorer.reassess(without, { applicant: nameless, evidence: [cpa({ name: '王五' })] });
      const nothingNew = await scorer.reassess(without, { applicant: nameless });
      expect(reassessed.evidence[0]?.reasons).toEqual(['holder_unverified']);
      expect([reassessed.limit, reassessed.pd]).toEqual([nothingNew.limit, nothingNew.pd]);
      expect(reassessed.movement?.byEvidence.map((m) => m.limitGain)).toEqual([0]);
    });
  });
});
