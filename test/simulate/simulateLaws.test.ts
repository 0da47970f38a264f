import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignArm } from '../../src/decision/challengers/assignArm.js';
import { fairOutcomes } from '../../src/fairness/fairOutcomes.js';
import { populationStabilityIndex } from '../../src/monitor/stabilityIndex.js';
import { binOf, numericBaseline } from '../../src/monitor/monitorBaseline.js';
import { emptyLimitChangeTally, tallyLimitChange } from '../../src/simulate/limitChange.js';

describe('laws of the simulation and monitoring figures', () => {
  it("growing a challenger's share only adds applicants to it: nobody in the arm leaves", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (id, s, extra) => {
          if (assignArm(id, [{ name: 'x', share: s }]) === 'x') expect(assignArm(id, [{ name: 'x', share: s + extra }])).toBe('x');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('PSI is never negative, and 0 when the sample matches the baseline exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 2, maxLength: 12 }), fc.array(fc.nat(1000), { minLength: 2, maxLength: 12 }), (e, a) => {
        const total = e.reduce((s, x) => s + x, 0);
        if (total === 0) return;
        const shares = e.map((x) => x / total);
        const counts = shares.map((_, i) => a[i] ?? 0);
        const psi = populationStabilityIndex(shares, counts);
        if (psi !== null) expect(psi).toBeGreaterThanOrEqual(0);
        expect(populationStabilityIndex(shares, e)).toBeCloseTo(0, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('every value falls in exactly the bin its edges say, and a sample binned at its own deciles has shares summing to 1', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN)), { minLength: 1, maxLength: 200 }), (values) => {
        const b = numericBaseline(values);
        expect(b.shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
        if (b.kind !== 'numeric') return;
        for (const v of values) {
          const k = binOf(b, v);
          if (Number.isNaN(v)) expect(k).toBe(b.edges.length + 1);
          else {
            if (k > 0) expect(v).toBeGreaterThanOrEqual(b.edges[k - 1]!);
            if (k < b.edges.length) expect(v).toBeLessThan(b.edges[k]!);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('adverse impact ratios lie in [0, 1], the best-treated group has 1, and the flag is exactly "below 0.8"', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 6 }),
        (groups) => {
          const tallies = new Map(
            groups.map(([n, r], i) => [`g${i}`, { decided: n, approved: Math.round(n * r), approvedLimit: Math.round(n * r) * 100_000 }]),
          );
          const f = fairOutcomes('region', tallies);
          for (const row of f.rows) {
            if (row.adverseImpactRatio === null) continue;
            expect(row.adverseImpactRatio).toBeGreaterThanOrEqual(0);
            expect(row.adverseImpactRatio).toBeLessThanOrEqual(1);
            expect(row.flagged).toBe(row.adverseImpactRatio < 0.8);
          }
          if (f.bestTreated !== null) expect(f.rows.find((r) => r.group === f.bestTreated)!.adverseImpactRatio).toBe(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('every limit change lands in exactly one band, and the band counts add up to the records', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), { maxLength: 100 }), (deltas) => {
        const t = emptyLimitChangeTally();
        for (const d of deltas) tallyLimitChange(t, d);
        expect(t.bands.reduce((s, x) => s + x, 0)).toBe(deltas.length);
        expect(t.gained + t.lost + t.unchanged).toBe(deltas.length);
      }),
      { numRuns: 200 },
    );
  });
});
