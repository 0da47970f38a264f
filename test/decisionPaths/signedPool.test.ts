import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';

describe('signing and keyed hashes hold on the pool path too', () => {
  it('a pool with a signing key gives byte-equal, signed decisions that the in-process scorer accepts as priors', async () => {
    const options = { signingKey: 's'.repeat(32), suggestionsPerDecision: 0 };
    const [scorer, pool] = await Promise.all([createScorer(options), createScorerPool({ workers: 1, scorer: options })]);
    try {
      const applicants = exampleApplicants.map((e) => e.applicant);
      const pooled = await pool.decideBatch(applicants);
      expect(JSON.stringify(pooled)).toBe(JSON.stringify(await scorer.decideBatch(applicants)));
      const first = pooled[0];
      expect(first?.ok && first.decision.audit.signature).toMatch(/^[0-9a-f]{64}$/);
      expect(first?.ok && first.decision.audit.hashing).toBe('hmac-sha256');
      if (first?.ok)
        await expect(scorer.reassess(first.decision, { applicant: applicants[0]!, evidence: [] })).resolves.toHaveProperty('audit.kind', 'reassess');
    } finally {
      await Promise.all([scorer.close(), pool.close()]);
    }
  });
});
