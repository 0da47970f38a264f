import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog, isOnGrid, readScale, resolveCatalog, type CertificateKindSpecInput } from '../../src/catalog/index.js';

/** The decimal `units x 10^exponent` as text, read by Number as a JSON parser reads a feed's figure. */
function decimalText(units: bigint, exponent: number): string {
  return `${units}e${exponent}`;
}

/** Significant digits of a decimal's units (a double reads back any decimal of at most 15 exactly). */
function significantDigits(units: bigint): number {
  return (units < 0n ? -units : units).toString().replace(/0+$/, '').length;
}

/** The double one ulp away from `x` (up or down). */
function ulpNeighbour(x: number, up: boolean): number {
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  const towardsLarger = x >= 0 === up;
  b[0] = (b[0] as bigint) + (towardsLarger ? 1n : -1n);
  return f[0] as number;
}

/** Every grid point of [min, max] on `step`, and the midpoint after each, printed as decimals as a feed prints them. */
function gridAndMidpoints(min: number, max: number, step: number): { grid: number[]; mid: number[] } {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const n = Math.round((max - min) / step);
  const grid: number[] = [];
  const mid: number[] = [];
  for (let k = 0; k <= n; k++) {
    grid.push(Number((min + k * step).toFixed(decimals)));
    if (k < n) mid.push(Number((min + (k + 0.5) * step).toFixed(decimals + 1)));
  }
  return { grid, mid };
}

// The tolerance the grid test used before (relative to the step count): kept here only to show the
// default kinds' accepted sets are the same with the exact test.
function legacyIsOnGrid(score: number, min: number, step: number): boolean {
  const k = (score - min) / step;
  return Math.abs(k - Math.round(k)) <= 8 * Number.EPSILON * Math.max(1, Math.abs(k));
}

const lenderKind = (min: number, max: number, step: number, typical: number, usefulFrom?: number): CertificateKindSpecInput => ({
  id: 'positive_review_rate',
  category: 'gig',
  names: { en: 'Positive review rate', zhHans: '好评率' },
  scale: { type: 'numeric', min, max, step, typical, ...(usefulFrom === undefined ? {} : { usefulFrom }) },
  validity: { expiresAfterMonths: 3 },
  minHolderAgeAtIssue: 16,
  signalWeight: 0.5,
  verificationMethods: ['platform_api'],
});

describe('isOnGrid: a score on the grid is on it, exactly (findings15-gig #1)', () => {
  // The tester's scales: a min far from 0 made the rounding of score - min (relative to min) exceed
  // the tolerance (relative to the step count), so 200 of 1,001 two-decimal scores on 90..100 were
  // refused score_off_scale (91.37, 92.9, 93.82) and the certificate was lost.
  it.each([
    [90, 100, 0.01],
    [80, 100, 0.01],
    [300, 900, 0.1],
    [100, 200, 0.05],
    [1000, 1100, 0.01],
    [3, 5, 0.01],
    [313.1, 400, 0.05],
  ])('accepts every printed grid point of %s..%s step %s and refuses every midpoint', (min, max, step) => {
    const { grid, mid } = gridAndMidpoints(min, max, step);
    const refused = grid.filter((s) => !isOnGrid(s, min, step));
    const accepted = mid.filter((s) => isOnGrid(s, min, step));
    expect(refused).toEqual([]);
    expect(accepted).toEqual([]);
  });

  it('reads 91.37 on 90..100 step 0.01 on scale, and accepts it (and 313.25 on 313.1 + 0.05 k) as a catalog typical', () => {
    expect(readScale({ type: 'numeric', min: 90, max: 100, step: 0.01, typical: 95 }, { score: 91.37 })).toMatchObject({ ok: true });
    expect(() => resolveCatalog([lenderKind(90, 100, 0.01, 91.37)])).not.toThrow();
    // 313.25 is below the default useful level of 313.1..400 (a value of 0.1): the kind says its
    // results count from 313.15, itself a grid point.
    expect(() => resolveCatalog([lenderKind(313.1, 400, 0.05, 313.25, 313.15)])).not.toThrow();
    // Still refused off the grid.
    expect(() => resolveCatalog([lenderKind(90, 100, 0.01, 91.375)])).toThrow(/at 0.scale.typical/);
    expect(() => resolveCatalog([lenderKind(313.1, 400, 0.05, 313.25, 313.175)])).toThrow(/at 0.scale.usefulFrom/);
  });

  // Law: for any scale (min, step written as decimals, decimal steps included) and any whole k, the
  // score min + k step as printed is on the grid, the midpoint half a step on is not, and neither is
  // the double one ulp either side of a grid point (no tolerance: off is off).
  it('law: grid points are on the grid; midpoints and ulp neighbours are not (random scales)', () => {
    const decimal = (maxUnits: number) => fc.record({ units: fc.integer({ min: -maxUnits, max: maxUnits }), places: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(
        decimal(100_000_000),
        fc.record({ units: fc.integer({ min: 1, max: 10_000 }), places: fc.integer({ min: 0, max: 5 }) }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (m, t, k) => {
          const e = -Math.max(m.places, t.places + 1);
          const M = BigInt(m.units) * 10n ** BigInt(-m.places - e);
          const T = BigInt(t.units) * 10n ** BigInt(-t.places - e);
          const point = M + BigInt(k) * T;
          const midpoint = point + T / 2n;
          fc.pre(significantDigits(midpoint) <= 15 && significantDigits(point) <= 15);
          const min = Number(decimalText(BigInt(m.units), -m.places));
          const step = Number(decimalText(BigInt(t.units), -t.places));
          const score = Number(decimalText(point, e));
          expect(isOnGrid(score, min, step), `${score} on ${min} + ${step} k`).toBe(true);
          expect(isOnGrid(Number(decimalText(midpoint, e)), min, step), `midpoint ${decimalText(midpoint, e)}`).toBe(false);
          if (score !== 0) {
            expect(isOnGrid(ulpNeighbour(score, true), min, step), `ulp above ${score}`).toBe(false);
            expect(isOnGrid(ulpNeighbour(score, false), min, step), `ulp below ${score}`).toBe(false);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a half step at half a billion steps, and anything not finite', () => {
    expect(isOnGrid(500_000_000.5, 0, 1)).toBe(false);
    expect(isOnGrid(500_000_000, 0, 1)).toBe(true);
    expect(isOnGrid(Number.NaN, 0, 1)).toBe(false);
    expect(isOnGrid(Number.POSITIVE_INFINITY, 0, 1)).toBe(false);
    expect(isOnGrid(1e300, 0, 0.01)).toBe(true);
    expect(isOnGrid(-2.5, -10, 0.5)).toBe(true);
    expect(isOnGrid(-2.25, -10, 0.5)).toBe(false);
  });

  // The default kinds' scales start at 0, 1 or 10, where the old tolerance already held: their
  // accepted sets (every printed grid point, no midpoint) are the same, value for value.
  it('every default kind accepts the same printed scores as before: every grid point, no midpoint', () => {
    let checked = 0;
    for (const spec of defaultCatalog.values()) {
      if (spec.scale.type !== 'numeric') continue;
      const scales = [spec.scale, ...(spec.scale.alternate === undefined ? [] : [spec.scale.alternate])];
      for (const { min, max, step } of scales) {
        if (step === undefined) continue;
        // creator_followers runs to ten billion: its first and last 10,000 steps.
        const spans: [number, number][] =
          (max - min) / step > 20_000
            ? [
                [min, min + 10_000 * step],
                [max - 10_000 * step, max],
              ]
            : [[min, max]];
        for (const [lo, hi] of spans) {
          const { grid, mid } = gridAndMidpoints(lo, hi, step);
          for (const s of grid) expect(isOnGrid(s, min, step) && legacyIsOnGrid(s, min, step), `${spec.id} ${s}`).toBe(true);
          for (const s of mid) expect(isOnGrid(s, min, step) || legacyIsOnGrid(s, min, step), `${spec.id} ${s}`).toBe(false);
          checked += grid.length;
        }
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });
});
