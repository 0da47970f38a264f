// Tester findings19-faults #3: a resumed producer re-encoded a chunk's records, and V8's structured
// serialisation wrote the same value in other bytes (an evidence score of 546 as a small integer
// `I` in the first run, as a double `N` 546.0 in the resume, after the resume's process had seen that
// field hold fractions). The digest over those bytes then refused every answer the workers made
// meanwhile as "made from other records" (4 of 5 finished chunks decided again).
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { decodeRecords, encodeRecords } from '../../src/distributed/chunkInput.js';
import { canonicalRecordsText, recordsDigest } from '../../src/distributed/recordsDigest.js';

const record = (value: unknown, line = 1): InputRecord => ({ line, ok: true, value });

/** A property name no object of this process has had: its shape starts with no history. */
const freshKey = () => `k${randomUUID().replaceAll('-', '')}`;

/** Object.keys at every depth, in order: the digest keeps the order a worker sees. */
function keyOrders(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return null;
  return [Object.keys(v), Object.values(v).map(keyOrders)];
}

describe('a chunk is named by its records, not by the bytes one process encoded them in', () => {
  it('546 written as a small integer by one encoding and as a double by another: other bytes, one digest', () => {
    const key = freshKey();
    const first = encodeRecords([record(JSON.parse(`{"kind":"bureau","${key}":546}`))]);
    // The same field seen holding a fraction: V8 now stores it as a double, and serialises 546 as 546.0.
    JSON.parse(`{"kind":"bureau","${key}":546.5}`);
    const again = encodeRecords([record(JSON.parse(`{"kind":"bureau","${key}":546}`))]);
    expect(again.equals(first), 'the precondition: V8 wrote the same records in other bytes').toBe(false);
    expect(recordsDigest(decodeRecords(again))).toBe(recordsDigest(decodeRecords(first)));
  });

  it('property: number texts that parse to the same value (546, 546.0, 5.46e2, integers past 2^53) give one digest, whatever the field held before', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom(2 ** 31, 2 ** 53, 2 ** 53 + 2, Number('12345678901234567890'), 1e21)),
        fc.constantFrom('plain', '.0', 'e0', 'E+0', '.000'),
        fc.boolean(),
        (n, spelling, seenFraction) => {
          const key = freshKey();
          const text = String(BigInt(n));
          const before = encodeRecords([record(JSON.parse(`{"${key}":${text}}`))]);
          if (seenFraction) JSON.parse(`{"${key}":0.5}`);
          const written = spelling === 'plain' ? text : `${text}${spelling}`;
          const after = encodeRecords([record(JSON.parse(`{"${key}":${written}}`))]);
          expect(recordsDigest(decodeRecords(after))).toBe(recordsDigest(decodeRecords(before)));
        },
      ),
      { numRuns: 150, seed: 19_3 },
    );
  });

  it('two texts of one integer past 2^53 (12345678901234567890 and 12345678901234567168 parse to one double): one digest', () => {
    const key = freshKey();
    const a = recordsDigest([record(JSON.parse(`{"${key}":12345678901234567890}`))]);
    expect(recordsDigest([record(JSON.parse(`{"${key}":12345678901234567168}`))])).toBe(a);
    expect(recordsDigest([record(JSON.parse(`{"${key}":12345678901234567000.0}`))])).toBe(a);
    expect(recordsDigest([record(JSON.parse(`{"${key}":12345678901234569000}`))])).not.toBe(a);
  });

  const leaf = fc.constantFrom<unknown>(
    0,
    -0,
    1,
    1.5,
    546,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    null,
    undefined,
    true,
    false,
    '',
    '0',
    '546',
    'a',
    '"',
    1n,
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.oneof(fc.array(tie('value'), { maxLength: 3 }), fc.sparseArray(tie('value'), { maxLength: 3 })),
    object: fc.dictionary(fc.constantFrom('a', 'b', '0', '__proto__'), tie('value'), { maxKeys: 3 }),
  }));

  it('property: two records have one digest exactly when V8 carries them as the same value (-0 is not 0, a hole is not undefined, Infinity is not null, "1" is not 1), keys in the same order', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        // As a worker reads them back (a null-prototype object arrives as a plain one).
        const [ra, rb] = [a, b].map((v) => decodeRecords(encodeRecords([record(v)])));
        const same = isDeepStrictEqual(ra, rb) && isDeepStrictEqual(keyOrders(ra), keyOrders(rb));
        expect(recordsDigest(ra as InputRecord[]) === recordsDigest(rb as InputRecord[])).toBe(same);
      }),
      { numRuns: 400, seed: 19_31 },
    );
  });

  it('a record changed in any one value changes the digest: an answer to other records is still refused', () => {
    fc.assert(
      fc.property(value, (v) => {
        const one = recordsDigest([record(v)]);
        expect(recordsDigest([record([v])])).not.toBe(one);
        expect(recordsDigest([record(v, 2)])).not.toBe(one);
        expect(recordsDigest([record(v), record(v, 2)])).not.toBe(one);
        expect(recordsDigest([{ line: 1, ok: false, error: { code: 'data_invalid', message: 'x' }, check: { value: v } }])).not.toBe(one);
      }),
      { numRuns: 200, seed: 19_32 },
    );
  });

  it('an own __proto__ key is read as the record holds it, not as the prototype', () => {
    const own = JSON.parse('{"__proto__":{"x":1}}') as unknown;
    const other = JSON.parse('{"__proto__":{"x":2}}') as unknown;
    expect(recordsDigest([record(own)])).not.toBe(recordsDigest([record(other)]));
    expect(canonicalRecordsText(own)).toBe('{"__proto__":{"x":1}}');
  });

  it('the canonical text spells what JSON cannot: -0, NaN, Infinity, undefined, holes, bigints', () => {
    const sparse: unknown[] = [];
    sparse[2] = undefined;
    expect(canonicalRecordsText({ a: -0, b: Number.NaN, c: Number.NEGATIVE_INFINITY, d: sparse, e: 12n, f: null, g: 'x' })).toBe(
      '{"a":-0,"b":NaN,"c":-Infinity,"d":[_,_,u],"e":12n,"f":null,"g":"x"}',
    );
  });

  it('a value no input reader makes (a Date, a Map, a class instance) is refused by name, not digested as something else', () => {
    for (const [v, name] of [
      [new Date(0), 'Date'],
      [new Map(), 'Map'],
      [new (class Applicant {})(), 'Applicant'],
    ] as const)
      expect(() => recordsDigest([record({ at: [v] })])).toThrow(new RegExp(`${name} at \\[0\\]\\.value\\.at\\[0\\]`));
  });
});
