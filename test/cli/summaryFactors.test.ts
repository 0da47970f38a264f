// findings15-explain F5: `creditlift decide --summary` for the construction worker printed
// "Factors (log-odds vs average): platform_behaviour -0.20, credit_history -0.06, certificates
// -0.06, household -0.05" beside three Reason lines citing stability, income and debt burden
// (+0.036, +0.0096, +0.0086): the four largest, and under 0.01 dropped, hid every factor that
// raised the risk. The summary shows both directions, every factor a reason names included.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeDecision } from '../../src/cli/summarizeDecision.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { applicantArbitrary } from '../../src/testing/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const lines = (d: Decision) => summarizeDecision(d).split('\n');
const raising = (d: Decision) => lines(d).find((l) => l.includes('Factors raising risk')) ?? '';
const lowering = (d: Decision) => lines(d).find((l) => l.includes('Factors lowering risk')) ?? '';

describe('the CLI summary shows the factors behind its reasons, in both directions', () => {
  it('a decision with risk-raising factors: the raising line lists them, the lowering line the others', async () => {
    const d = await scorer.decide(exampleFor('construction_worker').applicant);
    const up = d.contributions.factors.filter((f) => f.value > 0);
    const down = d.contributions.factors.filter((f) => f.value < 0);
    expect(up.length).toBeGreaterThan(0);
    expect(down.length).toBeGreaterThan(0);
    for (const f of up) expect(raising(d)).toContain(`${f.factor} +`);
    for (const f of down) expect(lowering(d)).toContain(`${f.factor} -`);
    // Ordered by size within each direction, to three decimals (no "+0.00").
    expect(raising(d)).toContain(`${up[0]?.factor} +${up[0]?.value.toFixed(3)}`);
    expect(raising(d)).not.toMatch(/\+0\.000\b/);
  });

  it('property: every factor a model reason names is on the raising line, with its value', async () => {
    await fc.assert(
      fc.asyncProperty(applicantArbitrary(), async (a) => {
        const d = await scorer.decide(a);
        for (const r of d.reasons.filter((x) => x.source === 'model')) expect(raising(d)).toContain(`${r.factor} +`);
        for (const f of d.contributions.factors) {
          if (f.value > 0) expect(raising(d)).toContain(f.factor);
          if (f.value < 0) expect(lowering(d)).toContain(f.factor);
        }
      }),
      { seed: 5, numRuns: 30 },
    );
  });

  it('probability space is labelled as PD points, not log-odds', async () => {
    const p = await createScorer({ suggestionsPerDecision: 0, contributionSpace: 'probability' });
    try {
      const d = await p.decide(exampleFor('construction_worker').applicant);
      expect(summarizeDecision(d)).toContain('PD points vs average');
      expect(summarizeDecision(d)).not.toContain('log-odds');
    } finally {
      await p.close();
    }
  });
});
