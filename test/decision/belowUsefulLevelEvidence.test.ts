// Outside tester findings8-customer #1: a failed TEM-8, IELTS 0, CET-4 0, Duolingo 10, a courier
// with 0% positive reviews, a 1.0/5 driver rating and 0 followers were each accepted at strength 0,
// and each still lowered the PD and added 300-400 RMB: the model's cert_accepted_count counted every
// accepted item whatever its strength. Five failed tests gave the limit of one IELTS 8.5. A result
// the kind's scale values at 0 is now refused (result_below_useful_level) and the customer is told
// why; being refused, it counts nowhere: not in the count, the category features, the
// per-certificate impacts, the movement of a reassessment or the suggestions.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { evidenceReasons } from '../../src/evidence/evidenceReasons.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { Applicant } from '../../src/schema/applicant.js';
import type { CertificateEvidence } from '../../src/schema/certificateEvidence.js';
import { describeUpload } from '../../src/story/describeUpload.js';
import { applicantArbitrary, certificateEvidenceArbitrary, creditLaws } from '../../src/testing/index.js';
import { forkliftLicenceKind } from '../helpers/forkliftLicenceKind.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => scorer?.close());

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const example = (id: string): Applicant => structuredClone(exampleApplicants.find((e) => e.id === id)!.applicant) as Applicant;
const graduate = { ...example('ex-new-graduate'), evidence: [] };
const gig = example('ex-gig-driver');

let serial = 0;
function cert(a: Applicant, over: Partial<CertificateEvidence>): CertificateEvidence {
  serial += 1;
  return {
    kind: 'ielts',
    issuer: 'X',
    credentialId: `ZZ${serial}`,
    holder: { idHash: a.identity.idHash },
    issueDate: '2026-10-15',
    verification: { method: 'issuer_api', confidence: 0.97 },
    documentHash: sha(`doc${serial}`),
    ...over,
  };
}
const platform = { method: 'platform_api', confidence: 0.99 } as const;

/** What the limit and its price depend on: equal with and without an item that does not count. */
const outcomeOf = (d: Decision) => ({
  outcome: d.outcome,
  pd: d.pd,
  limit: d.limit,
  apr: d.apr,
  reasons: d.reasons.map((r) => r.code),
  certificateImpacts: d.certificateImpacts.map(({ index, kind, limitGain, pdReduction }) => ({ index, kind, limitGain, pdReduction })),
  suggestions: d.suggestions.items.map((s) => s.kind),
});

describe('a result its scale values at 0 never counts (findings8-customer #1)', () => {
  it("the tester's failed tests: refused with result_below_useful_level, and five of them leave the graduate's decision as it was", async () => {
    const junk = [
      cert(graduate, { kind: 'tem8', level: 'fail' }),
      cert(graduate, { kind: 'ielts', score: 0 }),
      cert(graduate, { kind: 'cet4', score: 0 }),
      cert(graduate, { kind: 'cet6', score: 0 }),
      cert(graduate, { kind: 'duolingo', score: 10 }),
      cert(graduate, { kind: 'toefl_ibt', score: 0 }),
    ];
    const none = await scorer.decide(graduate);
    const all = await scorer.decide({ ...graduate, evidence: junk });
    for (const e of all.evidence) expect(e, e.kind).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'], strength: 0 });
    expect(all.certificateImpacts).toEqual([]);
    expect(outcomeOf(all)).toEqual(outcomeOf(none));
    // One real result still counts.
    const good = await scorer.decide({ ...graduate, evidence: [cert(graduate, { kind: 'ielts', score: 8.5 })] });
    expect(good.pd).toBeLessThan(none.pd);
  });

  it('gig signals at their bottom (0% positive reviews, a 1.0 rating, 0 followers) neither raise the limit nor show as an impact, on decide and reassess; the customer is told why', async () => {
    const first = await scorer.decide(gig);
    for (const extra of [
      cert(gig, { kind: 'courier_rating', score: 0, verification: platform }),
      cert(gig, { kind: 'ride_hailing_rating', score: 1, verification: platform }),
      cert(gig, { kind: 'creator_followers', score: 0, verification: platform }),
    ]) {
      const decided = await scorer.decide({ ...gig, evidence: [...gig.evidence, extra] });
      expect(decided.evidence.at(-1), extra.kind).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'] });
      const { certificateImpacts: _with, ...withIt } = outcomeOf(decided);
      const { certificateImpacts: _without, ...withoutIt } = outcomeOf(first);
      expect(withIt).toEqual(withoutIt);
      expect(decided.certificateImpacts.map((c) => c.index)).not.toContain(decided.evidence.length - 1);

      const next = await scorer.reassess(first, { applicant: gig, evidence: [extra] });
      // Re-deciding may move the line for other reasons (the line on file); the upload itself adds nothing.
      expect(next.limit).toBe(next.movement?.withoutNewEvidence);
      expect(next.movement?.byEvidence.at(-1)?.limitGain).toBe(0);
      const told = describeUpload(first, next);
      expect(told).toMatchObject({ status: 'rejected', certificateGain: 0, pdReduction: null });
      expect(told.why.en).toContain(evidenceReasons.result_below_useful_level.en);
      expect(told.why.zhHans).toContain(evidenceReasons.result_below_useful_level.zhHans);
    }
  });

  it('law: deciding with a result valued 0 equals deciding without it, alone and in a batch (PD, limit, APR, reasons, impacts, suggestions)', async () => {
    await fc.assert(
      fc.asyncProperty(
        applicantArbitrary({ maxEvidence: 2 }).chain((a) =>
          fc.tuple(fc.constant(a), certificateEvidenceArbitrary({ applicant: a, validity: 'below_useful_level' }), fc.nat()),
        ),
        async ([a, worthless, at]) => {
          const pos = at % (a.evidence.length + 1);
          const withIt = { ...a, evidence: [...a.evidence.slice(0, pos), worthless, ...a.evidence.slice(pos)] };
          const [before, after] = await Promise.all([scorer.decide(a), scorer.decide(withIt)]);
          expect(after.evidence[pos]).toMatchObject({ status: 'rejected', reasons: ['result_below_useful_level'], strength: 0 });
          // Impacts carry the items' indexes: the ones after the inserted item moved up by one.
          const shifted = outcomeOf(after);
          const impacts = shifted.certificateImpacts.map((c) => ({ ...c, index: c.index > pos ? c.index - 1 : c.index }));
          expect({ ...shifted, certificateImpacts: impacts }).toEqual(outcomeOf(before));
          const batch = await scorer.decideBatch([a, withIt]);
          const [b0, b1] = batch.map((r) => (r.ok ? r.decision : undefined)) as [Decision, Decision];
          expect({ pd: b1.pd, limit: b1.limit, outcome: b1.outcome }).toEqual({ pd: b0.pd, limit: b0.limit, outcome: b0.outcome });
        },
      ),
      { numRuns: 30, seed: 8_001 },
    );
  });

  it('creditlift/testing: results_below_useful_level_never_count holds for the default scorer and for a lender catalog with a level valued 0', async () => {
    const law = creditLaws.results_below_useful_level_never_count;
    await expect(law.check({ scorer }, { scorerNumRuns: 15, seed: 8_002 })).resolves.toBeUndefined();
    const lender = await createScorer({
      suggestionsPerDecision: 0,
      catalog: [forkliftLicenceKind],
    });
    try {
      await expect(law.check({ scorer: lender }, { scorerNumRuns: 15, seed: 8_003 })).resolves.toBeUndefined();
    } finally {
      await lender.close();
    }
  });
});
