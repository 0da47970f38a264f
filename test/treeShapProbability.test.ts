import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toProbabilitySpace } from '../src/explain/treeShap/toProbabilitySpace.js';
import { sigmoid } from '../src/model/treeEnsemble.js';

const contributions = fc
  .tuple(
    fc.array(
      fc.double({ min: -4, max: 4, noNaN: true }).map((v) => (Math.abs(v) < 1e-300 ? 0 : v)),
      { minLength: 1, maxLength: 12 },
    ),
    fc.double({ min: -6, max: 6, noNaN: true }),
  )
  .map(([phi, bias]) => Float64Array.from([...phi, bias]));

describe('toProbabilitySpace', () => {
  it('sums to the model probability sigmoid(margin), with sigmoid(bias) as the baseline', () => {
    fc.assert(
      fc.property(contributions, (c) => {
        const margin = c.reduce((a, v) => a + v, 0);
        const p = toProbabilitySpace(c);
        expect(p[p.length - 1]).toBe(sigmoid(c[c.length - 1] as number));
        expect(Math.abs(p.reduce((a, v) => a + v, 0) - sigmoid(margin))).toBeLessThan(1e-12);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every feature its sign and its share of the total (one positive scale factor)', () => {
    fc.assert(
      fc.property(contributions, (c) => {
        const p = toProbabilitySpace(c);
        let largest = 0;
        for (let i = 1; i < c.length - 1; i++) if (Math.abs(c[i] as number) > Math.abs(c[largest] as number)) largest = i;
        if (c[largest] === 0) return;
        const scale = (p[largest] as number) / (c[largest] as number);
        expect(scale).toBeGreaterThan(0);
        for (let i = 0; i < c.length - 1; i++)
          expect(Math.abs((p[i] as number) - (c[i] as number) * scale)).toBeLessThanOrEqual(1e-12 * Math.abs(c[i] as number));
      }),
      { numRuns: 300 },
    );
  });

  it("uses the slope sigmoid'(bias) when the contributions cancel, and still sums to the probability", () => {
    const c = Float64Array.from([0.5, -0.5, 1e-9, 0.2]);
    const p = toProbabilitySpace(c);
    const s = sigmoid(0.2);
    expect(p[0]).toBeCloseTo(0.5 * s * (1 - s), 9);
    expect(Math.abs(p.reduce((a, v) => a + v, 0) - sigmoid(0.2 + 1e-9))).toBeLessThan(1e-15);
  });

  it('writes into a caller buffer without allocating', () => {
    const c = Float64Array.from([1, -2, 0.3]);
    const out = new Float64Array(3);
    expect(toProbabilitySpace(c, out)).toBe(out);
  });
});
