import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { keepBest, type RankedWhatIf } from '../../src/decision/rankWhatIfs.js';
import type { WhatIfScenario } from '../../src/decision/whatIfScenarios.js';
import { compareCodeUnits } from '../../src/text/compareCodeUnits.js';

const kinds = [...defaultCatalog.values()];

/** What-ifs of distinct kinds with gains and PDs from small sets, so ties on both are common. */
const candidatesArb = fc
  .shuffledSubarray(kinds, { minLength: 0, maxLength: kinds.length })
  .chain((specs) =>
    fc.tuple(
      fc.constant(specs),
      fc.array(fc.tuple(fc.constantFrom(100, 500, 1000, 2500), fc.constantFrom(0.01, 0.02, 0.05)), { minLength: specs.length, maxLength: specs.length }),
    ),
  );

describe('suggestion ranking', () => {
  it('law: keeping the best few while scoring gives what sorting every candidate and taking the first few gives', () => {
    fc.assert(
      fc.property(candidatesArb, fc.integer({ min: 0, max: 6 }), ([specs, scores], top) => {
        const all: RankedWhatIf[] = specs.map((spec, i) => {
          const [limitGain, pd] = scores[i] as [number, number];
          return { whatIf: { spec } as WhatIfScenario, pd, limit: 10_000 + limitGain, limitGain, outcome: 'approve' as const };
        });
        const kept: RankedWhatIf[] = [];
        for (const c of all) keepBest(kept, top, c.whatIf, c.pd, c.limit, c.limitGain, c.outcome);
        // The order settleDecision used before: a stable sort of every candidate, then the first `top`.
        const sorted = [...all].sort((a, b) => b.limitGain - a.limitGain || a.pd - b.pd || compareCodeUnits(a.whatIf.spec.id, b.whatIf.spec.id)).slice(0, top);
        expect(kept.map((k) => k.whatIf.spec.id)).toEqual(sorted.map((k) => k.whatIf.spec.id));
        expect(kept).toEqual(sorted);
      }),
      { numRuns: 300, seed: 2026_1128 },
    );
  });

  it('kinds of equal gain and PD are ordered by code units, never by the process locale: k1 before k_b (en-US collation puts k_b first)', () => {
    const at = (id: string): RankedWhatIf => ({ whatIf: { spec: { id } } as WhatIfScenario, pd: 0.02, limit: 10_500, limitGain: 500, outcome: 'approve' });
    const kept: RankedWhatIf[] = [];
    for (const c of [at('k_b'), at('k1'), at('Ka')]) keepBest(kept, 3, c.whatIf, c.pd, c.limit, c.limitGain, c.outcome);
    expect(kept.map((k) => k.whatIf.spec.id)).toEqual(['Ka', 'k1', 'k_b']);
  });
});
