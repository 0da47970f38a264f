// findings23-security F4: columnWords split an acronym from the word after it with
// /([A-Z]+)([A-Z][a-z])/g, which backtracks quadratically over a run of capitals: a 64,000-character
// catalog name took 22 s to be refused for its length (the scan runs first), a 30,000-character
// training CSV header 4.5 s. The split is now a lookahead, linear.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnWords } from '../../src/text/protectedCharacteristic.js';

/** The words as the quadratic split gave them: the reference the linear one must equal. */
function quadraticColumnWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
}

describe('columnWords splits acronyms in linear time, as before', () => {
  it('HTMLParser, ABCdEFg, AAbCCd, userIDNumber', () => {
    expect(columnWords('HTMLParser')).toEqual(['html', 'parser']);
    expect(columnWords('ABCdEFg')).toEqual(['ab', 'cd', 'e', 'fg']);
    expect(columnWords('AAbCCd')).toEqual(['a', 'ab', 'c', 'cd']);
    expect(columnWords('userIDNumber')).toEqual(['user', 'id', 'number']);
  });

  it('law: the same words as the quadratic split on any name of letters, digits and separators', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AaBbCcZz09_ -'), maxLength: 40 }), (name) => {
        expect(columnWords(name)).toEqual(quadraticColumnWords(name));
      }),
      { seed: 23, numRuns: 2000 },
    );
  });

  it('a run of 200,000 capitals is one word (the quadratic split would take minutes)', () => {
    expect(columnWords('A'.repeat(200_000))).toEqual(['a'.repeat(200_000)]);
  });
});
