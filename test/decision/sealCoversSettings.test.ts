import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { applicantArbitrary } from '../../src/testing/index.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const SEED = 20_261_128;

// Audit tester F1: `minConfidence` decides whether a certificate counts, and was recorded nowhere:
// ex-new-graduate under 0.98 got 16,400 RMB (a certificate rejected) where the default gave 16,800
// RMB, with the same decisionId, inputHash, policyHash and catalogHash.
describe('the seal covers every scorer setting that changes a decision (minConfidence)', () => {
  let base: Scorer;
  let strict: Scorer;
  let pool: ScorerPool;
  beforeAll(async () => {
    base = await createScorer();
    strict = await createScorer({ minConfidence: 0.98 });
    pool = await createScorerPool({ workers: 1, scorer: { minConfidence: 0.98 } });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([base.close(), strict.close(), pool.close()]);
  });
  const applicant = (): ApplicantInput => structuredClone(exampleApplicants.find((e) => e.id === 'ex-new-graduate')?.applicant) as ApplicantInput;

  it('ex-new-graduate: the floor of 0.98 rejects a certificate, and the decision records the floor, in its id and input hash', async () => {
    const a = await base.decide(applicant());
    const b = await strict.decide(applicant());
    expect([a.limit, b.limit]).toEqual([1_700_000, 1_670_000]);
    expect(b.evidence.map((e) => e.status)).toEqual(['accepted', 'rejected']);
    expect(a.audit.minConfidence).toBeUndefined();
    expect(b.audit.minConfidence).toBe(0.98);
    expect(b.audit.decisionId).not.toBe(a.audit.decisionId);
    expect(b.audit.inputHash).not.toBe(a.audit.inputHash);
    // Policy and catalog are the same: the floor is what differs, and the audit says so.
    expect(b.audit.policyHash).toBe(a.audit.policyHash);
    expect(b.audit.catalogHash).toBe(a.audit.catalogHash);
  });

  it('the pool records it as the scorer does, byte for byte', async () => {
    const [r] = await pool.decideBatch([applicant()]);
    expect(r?.ok).toBe(true);
    const d = (r as { decision: Decision }).decision;
    expect(JSON.stringify(d)).toBe(JSON.stringify(await strict.decide(applicant())));
  });

  it('a follow-up names its prior floor (as it names its policy and catalog), so a reduction of one tells its chain from the other', async () => {
    const a = await base.decide(applicant());
    const b = await strict.decide(applicant());
    const ra = base.requestReduction(a, 1_000_000);
    const rb = strict.requestReduction(b, 1_000_000);
    expect(ra.audit.priorDecisionId).not.toBe(rb.audit.priorDecisionId);
    expect(ra.audit.minConfidence).toBeUndefined();
    expect(rb.audit.minConfidence).toBe(0.98);
    // Reviewed by a default scorer, the prior keeps its floor on record.
    expect(base.recordContest(b, { statement: 'please look again' }).audit.minConfidence).toBe(0.98);
  });

  it('law: two scorers that differ only in minConfidence never give one decision id to two different decisions', async () => {
    const loose = await createScorer({ minConfidence: 0.3, suggestionsPerDecision: 0 });
    const plain = await createScorer({ suggestionsPerDecision: 0 });
    try {
      await fc.assert(
        fc.asyncProperty(applicantArbitrary({ maxEvidence: 3 }), async (a) => {
          const [x, y] = await Promise.all([plain.safeDecide(structuredClone(a)), loose.safeDecide(structuredClone(a))]);
          if (!x.ok || !y.ok) return;
          expect(y.decision.audit.decisionId).not.toBe(x.decision.audit.decisionId);
          expect(y.decision.audit.minConfidence).toBe(0.3);
        }),
        { seed: SEED, numRuns: 15 },
      );
    } finally {
      await Promise.all([loose.close(), plain.close()]);
    }
  });

  it('a floor outside [0, 1] is refused when the scorer is made, naming minConfidence', async () => {
    for (const minConfidence of [1.5, -0.1, Number.NaN]) {
      const e = await createScorer({ minConfidence }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['minConfidence']);
    }
  });
});
