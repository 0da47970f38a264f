import { describe, expect, it } from 'vitest';
import { assignArm } from '../../src/decision/challengers/assignArm.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

describe('champion/challenger on the worker pool', () => {
  it('the pool assigns the same arms and returns the same decisions as one in-process scorer, live and shadow', async () => {
    const book = generatePopulation({ size: 400, seed: 8, asOf: '2026-10-01' }).map((r) => r.applicant);
    const challengers = [{ name: 'tight', policyOverrides: { affordability: { dsrBands: [{ incomeUpTo: null, maxDsr: 0.25 }] } }, share: 0.3 }];
    for (const challengerMode of ['live', 'shadow'] as const) {
      const options = { suggestionsPerDecision: 0, challengers, challengerMode };
      const scorer = await createScorer(options);
      const pool = await createScorerPool({ workers: 2, scorer: options });
      try {
        const here = await scorer.decideBatch(book);
        const there = await pool.decideBatch(book);
        expect(there).toEqual(here);
        there.forEach((r, i) => {
          if (!r.ok) return;
          const arm = assignArm(book[i]!.id, challengers);
          expect(r.decision.audit.arm).toBe(challengerMode === 'live' ? arm : 'champion');
        });
      } finally {
        await scorer.close();
        await pool.close();
      }
    }
  });
});
