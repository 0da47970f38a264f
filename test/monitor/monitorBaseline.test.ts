import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultMonitorBaselinePath } from '../../src/monitor/defaultMonitorBaselinePath.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';

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
