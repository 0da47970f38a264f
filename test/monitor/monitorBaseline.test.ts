import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultMonitorBaselinePath } from '../../src/monitor/defaultMonitorBaselinePath.js';
import { binOf, numericBaseline, parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';

const raw = JSON.parse(readFileSync(defaultMonitorBaselinePath(), 'utf8')) as {
  features: { shares: number[] }[];
  factors: { shares: number[] }[];
  score: { shares: number[] };
};

/** Every binned entry of the baseline, by the path its shares sit at. */
const entries: readonly (readonly ['score'] | readonly ['features' | 'factors', number])[] = [
  ['score'],
  ...raw.features.map((_, i) => ['features', i] as const),
  ...raw.factors.map((_, i) => ['factors', i] as const),
];

function sharesAt(b: typeof raw, at: (typeof entries)[number]): number[] {
  return at[0] === 'score' ? b.score.shares : b[at[0]][at[1]]!.shares;
}

describe('parseMonitorBaseline', () => {
  it('the default baseline parses', () => {
    expect(() => parseMonitorBaseline(raw)).not.toThrow();
  });

  it('a factor with one share too many is named at factors.K.shares, not at a features path', () => {
    const b = structuredClone(raw);
    b.factors[2]!.shares.push(0);
    const e = (() => {
      try {
        parseMonitorBaseline(b);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields).toEqual(['factors.2.shares']);
  });

  it('law: every entry with the wrong number of shares is named at its own path, all of them in one error', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: entries.length - 1 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (picked, longer) => {
        const b = structuredClone(raw);
        for (const k of picked) {
          const shares = sharesAt(b, entries[k]!);
          if (longer) shares.push(0);
          else shares.pop();
        }
        let error: unknown;
        try {
          parseMonitorBaseline(b);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ValidationError);
        const want = picked.map((k) => [...entries[k]!, 'shares'].join('.'));
        expect(new Set((error as ValidationError).fields)).toEqual(new Set(want));
        for (const issue of (error as ValidationError).issues) expect(issue.code).toBe('invalid_length');
      }),
      { numRuns: 100 },
    );
  });

  it('shares that do not sum to 1 are refused on reading, at their path (the index refuses them; a run failed at its end)', () => {
    const b = structuredClone(raw);
    const shares = sharesAt(b, entries[1]!);
    shares[0] = (shares[0] as number) + 0.1;
    let error: unknown;
    try {
      parseMonitorBaseline(b);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: [...entries[1]!, 'shares'], code: 'invalid_value', message: expect.stringMatching(/sum to 1/) }),
    ]);
  });
});

// findings16 F2: a reference sample that is constant (current_days_past_due, cert_honour in the shipped
// baseline: edges [], shares [1, 0]) had one bin (-inf, +inf), so 56% of a book 90 days past due was
// "stable, 0"; and a value above the reference's largest fell in its top bin, never a new value.
describe('numericBaseline: values outside the reference range fall in bins the baseline never filled', () => {
  const fileRounded = (edges: readonly number[]) => edges.map((e) => Number(e.toPrecision(8)));

  it('a constant sample of 0 gets an edge on each side: 90 (and -1) land in an empty bin, 0 in the filled one', () => {
    const b = numericBaseline(new Float64Array(100));
    if (b.kind !== 'numeric') throw new Error('numeric');
    expect(b.edges).toHaveLength(2);
    expect(b.shares[binOf(b, 0)]).toBe(1);
    expect(b.shares[binOf(b, 90)]).toBe(0);
    expect(b.shares[binOf(b, -1)]).toBe(0);
  });

  it('a sample 0 for 97% and up to 354 for the rest (current_days_past_due) keeps its zeros in a bin of their own: 90 is not binned with them', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i < 970 ? 0 : 1 + ((i * 37) % 354)));
    const b = numericBaseline(values);
    expect(binOf(b, 90)).not.toBe(binOf(b, 0));
    expect(b.shares[binOf(b, 0)]).toBeCloseTo(0.97, 12);
    expect(b.shares[binOf(b, 400)]).toBe(0);
  });

  it('law: values above the maximum or below the minimum land in a bin of share 0, and the minimum and maximum in filled bins, also with the edges as the file rounds them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.float({ min: Math.fround(1e-3), max: 1e6, noNaN: true }),
        (xs, step) => {
          const values = Float64Array.from(xs, (x) => Math.fround(x));
          const b = numericBaseline(values);
          if (b.kind !== 'numeric') throw new Error('numeric');
          const min = Math.min(...values);
          const max = Math.max(...values);
          for (const edges of [b.edges, fileRounded(b.edges)]) {
            const r = { ...b, edges };
            expect(b.shares[binOf(r, Math.fround(max + step * Math.max(1, Math.abs(max))))]).toBe(0);
            expect(b.shares[binOf(r, Math.fround(min - step * Math.max(1, Math.abs(min))))]).toBe(0);
            expect(b.shares[binOf(r, max)]).toBeGreaterThan(0);
            expect(b.shares[binOf(r, min)]).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the shipped baseline has no single-bin numeric feature: each has an edge below its minimum and above its maximum', () => {
    const b = parseMonitorBaseline(raw);
    for (const f of [...b.features, ...b.factors]) {
      if (f.kind !== 'numeric') continue;
      expect(f.edges.length, JSON.stringify(f).slice(0, 60)).toBeGreaterThanOrEqual(2);
      expect(f.shares[0]).toBe(0);
      expect(f.shares[f.edges.length]).toBe(0);
    }
  });
});
