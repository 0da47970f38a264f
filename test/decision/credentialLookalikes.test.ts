// Outside tester findings13-security #1 through the scorer: the README quick-start IELTS uploaded
// again with an invisible Hangul filler or a Cyrillic look-alike in its number was accepted as a
// second certificate (approve at 17,500 RMB, PD 1.221%, where the plain copy is referred for the
// fraud flag). Now each disguise is the same certificate (duplicate_credential) or refused by name,
// on decide, decideBatch and reassess.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { disguisedNumber } from '../helpers/credentialDisguises.js';

const ID = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const ielts = {
  kind: 'ielts',
  issuer: 'IELTS',
  credentialId: '24CN012345',
  holder: { idHash: ID },
  issueDate: '2025-06-01',
  score: 6.5,
  verification: { method: 'issuer_api', confidence: 0.97 },
  documentHash: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
} as const;
const quickStart: ApplicantInput = {
  id: 'app-20261124-0001',
  asOf: '2026-11-24',
  birthDate: '2003-05-14',
  identity: { idHash: ID },
  employment: { type: 'salaried', industry: 'information_technology', startDate: '2025-08-15' },
  income: { monthlyNet: 650_000, source: 'payroll' },
  socialInsuranceMonths: 14,
  housingFundMonths: 14,
  residence: { cityTier: 2, region: 'central' },
  bureau: { hasFile: false },
  platform: { accountAgeMonths: 20, transactions3m: 150, transactionAmount3m: 1_300_000, onTimeRepaymentRate: 1, currentLimit: 300_000 },
  household: { monthlyEssentialSpending: 350_000, dependants: 0 },
  controls: { requestedLimit: 10_000_000 },
  evidence: [ielts],
};
const again = (credentialId: string) => ({ ...ielts, credentialId, documentHash: 'b'.repeat(64) });
const withCopy = (credentialId: string): ApplicantInput => ({ ...quickStart, evidence: [ielts, again(credentialId)] });

let scorer: Scorer;
let plainCopy: Decision;
beforeAll(async () => {
  scorer = await createScorer();
  plainCopy = await scorer.decide(withCopy('24CN012345'));
});
afterAll(async () => scorer?.close());

/** The second upload is the first certificate again: rejected as a duplicate, the decision that of the plain copy. */
function expectDuplicate(d: Decision, label: string): void {
  expect(d.evidence[1]?.reasons, label).toContain('duplicate_credential');
  expect([d.outcome, d.limit, d.pd], label).toEqual([plainCopy.outcome, plainCopy.limit, plainCopy.pd]);
}

function expectRefusedAt(e: unknown, path: string, label: string): void {
  expect(e, label).toBeInstanceOf(ValidationError);
  expect(
    (e as ValidationError).issues.map((i) => i.path.join('.')),
    label,
  ).toContain(path);
}

describe('the same certificate under an invisible or look-alike disguise (findings13-security #1)', () => {
  it('the tester cases: Hangul fillers are the same number; a Cyrillic С is refused at evidence.1.credentialId', async () => {
    expect(plainCopy.outcome).toBe('refer');
    for (const filled of ['24CN\u3164012345', '24CN\uffa0012345', '24CN\u115f012345'])
      expectDuplicate(await scorer.decide(withCopy(filled)), JSON.stringify(filled));
    const refused = await scorer.decide(withCopy('24\u0421N012345')).catch((e: unknown) => e);
    expectRefusedAt(refused, 'evidence.1.credentialId', 'Cyrillic С');
  });

  it('property: decide, decideBatch and reassess each take a disguised copy for the same certificate, or refuse it by name', async () => {
    await fc.assert(
      fc.asyncProperty(disguisedNumber('24CN012345'), async (disguised) => {
        const label = JSON.stringify(disguised);
        const decided = await scorer.decide(withCopy(disguised)).catch((e: unknown) => e);
        const [batched] = await scorer.decideBatch([withCopy(disguised)]);
        const first = await scorer.decide(quickStart);
        const reassessed = await scorer.reassess(first, { applicant: quickStart, evidence: [again(disguised)] }).catch((e: unknown) => e);
        if (decided instanceof Error) {
          expectRefusedAt(decided, 'evidence.1.credentialId', label);
          expect(batched?.ok, label).toBe(false);
          if (batched?.ok === false)
            expect(
              batched.error.issues?.map((i) => i.path.join('.')),
              label,
            ).toContain('evidence.1.credentialId');
          expectRefusedAt(reassessed, 'evidence.0.credentialId', label);
        } else {
          expectDuplicate(decided as Decision, label);
          expect(batched?.ok, label).toBe(true);
          if (batched?.ok === true) expectDuplicate(batched.decision, label);
          expect((reassessed as Decision).evidence.at(-1)?.reasons, label).toContain('duplicate_credential');
          expect((reassessed as Decision).movement?.byEvidence.at(-1)?.limitGain, label).toBe(0);
        }
      }),
      { seed: 20261130, numRuns: 25 },
    );
  });
});

// Outside tester findings13-recheck N4: `苏人社〔2024〕88号` on file, then a reassessment uploading
// `苏人社〔2024〕88號` (the traditional 號) was a second certificate: approve at 17,500 RMB instead of refer
// (duplicate_credential) at 17,400. `[2024]`, `(2024)` and spacing were caught already.
describe('the same certificate typed with traditional Chinese characters (findings13-recheck N4)', () => {
  const simplified = '苏人社〔2024〕88号';
  const onFile: ApplicantInput = { ...quickStart, evidence: [{ ...ielts, credentialId: simplified }] };
  const twice = (credentialId: string): ApplicantInput => ({ ...onFile, evidence: [{ ...ielts, credentialId: simplified }, again(credentialId)] });

  it('decide, decideBatch and reassess take 88號 for the certificate on file: duplicate_credential, refer at 17,400 RMB', async () => {
    for (const copy of ['苏人社〔2024〕88號', '蘇人社〔2024〕88號', '蘇人社[2024]88号']) {
      const decided = await scorer.decide(twice(copy));
      expectDuplicate(decided, copy);
      expect([decided.outcome, decided.limit], copy).toEqual(['refer', 1_740_000]);
      const [batched] = await scorer.decideBatch([twice(copy)]);
      expect(batched?.ok, copy).toBe(true);
      if (batched?.ok === true) expectDuplicate(batched.decision, copy);
      const first = await scorer.decide(onFile);
      const reassessed = await scorer.reassess(first, { applicant: onFile, evidence: [again(copy)] });
      expect(reassessed.evidence.at(-1)?.reasons, copy).toContain('duplicate_credential');
      expect(reassessed.movement?.byEvidence.at(-1)?.limitGain, copy).toBe(0);
      expect([reassessed.outcome, reassessed.limit], copy).toEqual(['refer', 1_740_000]);
    }
  });
});
