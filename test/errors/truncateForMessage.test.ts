import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ECHO_LENGTH, truncateForMessage } from '../../src/errors/truncateForMessage.js';

describe('truncateForMessage', () => {
  it('law: cutting well-formed text never leaves half a surrogate pair (a lone surrogate, replaced by any UTF-8 writer)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 30, maxLength: 120 }), (text) => {
        const cut = truncateForMessage(text);
        expect(/\p{Cs}/u.test(cut)).toBe(false);
        expect(text.startsWith(cut.replace(/… \(\d+ characters\)$/, ''))).toBe(true);
      }),
      { seed: 20_261_206, numRuns: 200 },
    );
    // After an x, 40 emoji are 81 UTF-16 units: a cut at 64 fell between the two halves of the 32nd.
    const emoji = `x${'\u{1F600}'.repeat(40)}`;
    expect(truncateForMessage(emoji)).toBe(`x${'\u{1F600}'.repeat(31)}… (81 characters)`);
    expect(truncateForMessage('x'.repeat(MAX_ECHO_LENGTH + 1))).toBe(`${'x'.repeat(MAX_ECHO_LENGTH)}… (65 characters)`);
  });
});
