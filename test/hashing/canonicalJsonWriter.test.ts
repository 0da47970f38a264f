import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/hashing/canonicalJson.js';
import { CanonicalJsonWriter } from '../../src/hashing/canonicalJsonWriter.js';
import { awkward } from '../helpers/awkwardJsonValues.js';

const SEED = 20_261_128;
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('CanonicalJsonWriter', () => {
  it('law: the UTF-8 of canonicalJson on random values, including what JSON drops or rewrites, with one writer reused', () => {
    const writer = new CanonicalJsonWriter();
    fc.assert(
      fc.property(awkward.value, (v) => {
        expect(writer.bytes(v)).toEqual(utf8(canonicalJson(v)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('law: text that needs escaping or is not ASCII is written as JSON.stringify writes it (controls, quotes, lone surrogates, emoji, CJK)', () => {
    const writer = new CanonicalJsonWriter();
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('"', '\\', '\u007f', '\u2028', '\ud800', '额度由风险等级'),
    );
    fc.assert(
      fc.property(fc.dictionary(text, text), fc.array(text), (record, list) => {
        expect(writer.bytes({ record, list })).toEqual(utf8(canonicalJson({ record, list })));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('law: bytesWith writes the record with the member set, and start/end bound the member', () => {
    const writer = new CanonicalJsonWriter();
    fc.assert(
      fc.property(fc.dictionary(fc.string(), awkward.value), fc.string(), awkward.value, (record, key, member) => {
        fc.pre(member !== undefined);
        const { bytes, start, end } = writer.bytesWith(record, key, member);
        expect(bytes).toEqual(utf8(canonicalJson({ ...record, [key]: member })));
        expect(bytes.subarray(start, end)).toEqual(utf8(canonicalJson(member)));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('grows past its first buffer, and past the table of remembered text, with the same bytes', () => {
    const writer = new CanonicalJsonWriter();
    // More distinct non-ASCII strings than the writer remembers, and far more bytes than its first buffer.
    const big = Array.from({ length: 3000 }, (_, i) => ({ label: `标签${i}`, n: i / 7, s: 'x'.repeat(i % 50) }));
    expect(writer.bytes(big)).toEqual(utf8(canonicalJson(big)));
    expect(writer.bytes({ again: big.slice(0, 5) })).toEqual(utf8(canonicalJson({ again: big.slice(0, 5) })));
  });
});
