// Outside tester findings13-security #6: a 1 MB request whose one unknown key is a million letters
// took about a second to refuse (435 ms in safeDecide), most of it reading the key as words for a
// protected characteristic; `is` written 20,000 times (a 40 KB key) took 34 s, as the segmenter
// copied each position's split. The segmenter is now linear and an unknown key is read as a name up
// to its first 1,024 characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { COLUMN_TOKENS, protectedCharacteristicOf, segmentWord } from '../../src/text/protectedCharacteristic.js';
import { baseApplicant } from '../helpers/baseApplicant.js';

/** The segmenter as it was (quadratic in the number of tokens, copying each split): the reference. */
function segmentBefore(word: string): string[] {
  if (COLUMN_TOKENS.has(word)) return [word];
  const longest = Math.max(...[...COLUMN_TOKENS].map((t) => t.length));
  const best: (string[] | undefined)[] = new Array(word.length + 1);
  best[word.length] = [];
  for (let i = word.length - 1; i >= 0; i--) {
    for (let end = Math.min(word.length, i + longest); end >= i + 2; end--) {
      const rest = best[end];
      const head = word.slice(i, end);
      if (rest === undefined || !COLUMN_TOKENS.has(head)) continue;
      const mine = best[i];
      if (mine === undefined || rest.length + 1 < mine.length) best[i] = [head, ...rest];
    }
  }
  return best[0] ?? [word];
}

describe('reading a hostile key as a name costs little (findings13-security #6)', () => {
  it('property: the linear segmenter splits every word as the old one did (tokens run together, with stray letters)', () => {
    const tokens = [...COLUMN_TOKENS];
    const piece = fc.oneof(fc.constantFrom(...tokens), fc.stringMatching(/^[a-z]{1,3}$/));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const word = pieces.join('');
        expect(segmentWord(word), word).toEqual(segmentBefore(word));
      }),
      { seed: 20261130, numRuns: 2000 },
    );
  });

  // What it cost is measured in bench/, not here (a timed unit test fails on a loaded machine and
  // proves nothing on a fast one): these hold what the fix does, the key read as a name only so far.
  it('a 40 KB key of one token run together, and a million-letter camelCase key, are refused; a key is read as a name up to its first 1,024 characters', () => {
    for (const key of ['is'.repeat(20_000), 'aB'.repeat(500_000), 'k'.repeat(1_000_000)]) {
      const r = safeParseApplicant({ ...baseApplicant(), [key]: 1 });
      expect(r.ok, `${key.slice(0, 4)}… (${key.length})`).toBe(false);
    }
    const codesOf = (key: string): string[] => {
      const r = safeParseApplicant({ ...baseApplicant(), [key]: 1 });
      return r.ok ? [] : r.error.issues.map((i) => i.code);
    };
    expect(codesOf(`${'is'.repeat(400)}female`)).toContain('protected_characteristic');
    expect(codesOf(`${'is'.repeat(600)}female`)).not.toContain('protected_characteristic');
    // The names the guard is for are read as before.
    expect(protectedCharacteristicOf('isfemale')).toBe('sex');
    expect(protectedCharacteristicOf(`${'is'.repeat(2_000)}female`)).toBe('sex');
    const r = safeParseApplicant({ ...baseApplicant(), applicantGender: 1 });
    expect(r.ok ? [] : r.error.issues.map((i) => i.code)).toContain('protected_characteristic');
  });
});
