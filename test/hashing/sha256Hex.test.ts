import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';

const SEED = 20_261_128;

describe('sha256Hex', () => {
  it("law: createHash's digest for any text (lone surrogates included) and for bytes, views into a larger buffer included", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 300 }), fc.nat(20), (text, bytes, cut) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
        const view = bytes.subarray(Math.min(cut, bytes.length));
        expect(sha256Hex(view)).toBe(createHash('sha256').update(view).digest('hex'));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
