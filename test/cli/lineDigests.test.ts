// The resume's per-line digests (kept decisions' identities, kept error lines' texts) are keyed by the
// `line` an answer file names, which any file may set: `"line":4000000000` grew the arrays to 32 GB
// for one line, and a number past 2^32 wrapped onto a small one (as LineSet's did; recheck of findings19).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineDigests } from '../../src/cli/score/lineDigests.js';

const lineArb = fc.oneof(
  fc.integer({ min: 1, max: 5000 }),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(2 ** 32 + 1, 2 ** 32 + 7, 2 ** 31, 2 ** 28),
);
const digestArb = fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }));

describe('LineDigests', () => {
  it('law: answers as a map of line to digest would, for any safe line numbers (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(lineArb, digestArb), { maxLength: 60 }), lineArb, digestArb, (sets, probe, other) => {
        const digests = new LineDigests();
        const model = new Map<number, readonly [number, number]>();
        for (const [line, d] of sets) {
          digests.set(line, d);
          model.set(line, d);
        }
        for (const [line, d] of model) expect(digests.matches(line, d)).toBe(true);
        const held = model.get(probe);
        expect(digests.matches(probe, other)).toBe(held === undefined ? undefined : held[0] === other[0] && held[1] === other[1]);
      }),
      { seed: 2019, numRuns: 200 },
    );
  });

  it('line 2^32 + 1 is not line 1', () => {
    const digests = new LineDigests();
    digests.set(1, [1, 1]);
    digests.set(2 ** 32 + 1, [2, 2]);
    expect([digests.matches(1, [1, 1]), digests.matches(2 ** 32 + 1, [2, 2]), digests.matches(2 ** 32 + 1, [1, 1])]).toEqual([true, true, false]);
  });

  it('one line named far past the others takes no memory in proportion to its number', () => {
    const before = process.memoryUsage().arrayBuffers;
    const digests = new LineDigests();
    for (let line = 1; line <= 100; line++) digests.set(line, [line, line]);
    digests.set(4_000_000_000, [7, 7]);
    digests.set(200_000_000, [8, 8]);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    expect([digests.matches(4_000_000_000, [7, 7]), digests.matches(200_000_000, [8, 8]), digests.matches(50, [50, 50])]).toEqual([true, true, true]);
  });
});
