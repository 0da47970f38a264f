import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupContributions } from '../../src/explain/factorContributions.js';
import { factorCatalog } from '../../src/explain/factorCatalog.js';
import type { FeatureFactor } from '../../src/features/featureDefinitions.js';
import { compareCodeUnits } from '../../src/text/compareCodeUnits.js';

const SEED = 20_261_128;
const FACTORS = Object.keys(factorCatalog) as FeatureFactor[];

// The grouping as first written (Array.prototype.sort, reduce): the fast path must give its output.
function reference(contributions: ArrayLike<number>, names: readonly string[], factors: readonly FeatureFactor[]) {
  const byFactor = new Map<FeatureFactor, { name: string; value: number }[]>();
  names.forEach((name, j) => {
    const f = factors[j] as FeatureFactor;
    byFactor.set(f, [...(byFactor.get(f) ?? []), { name, value: contributions[j] as number }]);
  });
  return [...byFactor]
    .map(([factor, features]) => {
      features.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || compareCodeUnits(a.name, b.name));
      return { factor, label: factorCatalog[factor].label, value: features.reduce((s, f) => s + f.value, 0), features };
    })
    .sort((a, b) => b.value - a.value || compareCodeUnits(a.factor, b.factor));
}

// Ties matter most: zero contributions, equal magnitudes of opposite sign, equal factor totals.
const contribution = fc.oneof(fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom(0, -0, 0.25, -0.25, 1e-300));

const layout = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/), { minLength: 1, maxLength: 30 }).chain((names) =>
  fc.record({
    names: fc.constant(names),
    factors: fc.array(fc.constantFrom(...FACTORS), { minLength: names.length, maxLength: names.length }),
    rows: fc.array(fc.array(contribution, { minLength: names.length + 1, maxLength: names.length + 1 }), { minLength: 1, maxLength: 4 }),
  }),
);

describe('groupContributions', () => {
  it('law: the same factors, values and order as the plain sort-and-sum grouping, ties included, one layout reused across rows', () => {
    fc.assert(
      fc.property(layout, ({ names, factors, rows }) => {
        for (const row of rows) expect(groupContributions(row, names, factors)).toEqual(reference(row, names, factors));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('ties are broken by code units, never by the process locale: x1 before x_b (en-US collation puts x_b first)', () => {
    const grouped = groupContributions([0, 0, 0, 0], ['x_b', 'x1', 'Xa'], ['profile', 'profile', 'profile']);
    expect(grouped[0]?.features.map((f) => f.name)).toEqual(['Xa', 'x1', 'x_b']);
  });

  it('a feature-name list met again with other factors is grouped by the new factors', () => {
    const names = ['a', 'b'];
    const first = groupContributions([1, 2, 0], names, ['profile', 'profile']);
    const second = groupContributions([1, 2, 0], names, ['profile', 'stability']);
    expect(first.map((f) => f.factor)).toEqual(['profile']);
    expect(second.map((f) => f.factor).sort()).toEqual(['profile', 'stability']);
  });
});
