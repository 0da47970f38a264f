import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personalHash } from '../../src/decision/audit.js';

const SEED = 20_261_128;

describe('personalHash', () => {
  it('law: the hash of the tagged string, keyed and not, for any text (lone surrogates included) and for its UTF-8 bytes', () => {
    const key = new Uint8Array(32).fill(7);
    fc.assert(
      fc.property(fc.constantFrom('input', 'subject', 'decision', 'credential'), fc.string({ unit: 'binary' }), (domain, data) => {
        const tagged = `creditlift/${domain}\u0000${data}`;
        const plain = createHash('sha256').update(tagged).digest('hex');
        const keyed = createHmac('sha256', key).update(tagged).digest('hex');
        expect(personalHash({ signing: null, personalData: null }, domain, data)).toBe(plain);
        expect(personalHash({ signing: null, personalData: key }, domain, data)).toBe(keyed);
        expect(personalHash({ signing: null, personalData: null }, domain, new Uint8Array(Buffer.from(data, 'utf8')))).toBe(plain);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
