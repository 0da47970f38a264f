import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/hashing/canonicalJson.js';
import { CanonicalJsonWriter } from '../../src/hashing/canonicalJsonWriter.js';
import { awkward } from '../helpers/awkwardJsonValues.js';

const SEED = 20_261_128;
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/**
 * Asserts `bytes` are `expected`, byte for byte. Compared whole first: vitest's deep equality walks
 * a byte array key by key, and was most of this file's CPU (2.7 s of 6.9 s, 2026-12-02); its diff
 * is built only for a mismatch, to show where.
 */
function expectBytes(bytes: Uint8Array, expected: Uint8Array, message?: string): void {
  if (Buffer.compare(bytes, expected) === 0) return;
  expect(bytes, message).toEqual(expected);
  expect.fail(`${message ?? 'bytes'}: differ from the expected bytes`);
}

/** Whether a number that is not finite is among the members the writer writes (own enumerable ones, array elements). */
function holdsNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return false;
  return Object.values(v).some(holdsNonFinite);
}

describe('CanonicalJsonWriter', () => {
  it('law: the UTF-8 of canonicalJson on random values, including what JSON drops or rewrites, with one writer reused', () => {
    const writer = new CanonicalJsonWriter();
    fc.assert(
      fc.property(awkward.value, (v) => {
        expectBytes(writer.bytes(v), utf8(canonicalJson(v)));
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('law: numbers (any double, the longest texts, -0, non-finite) between short and long text are written as String() writes them', () => {
    // Numbers are formatted together at the end of a call and the room left for each is closed up:
    // texts of every length, long stretches between numbers (moved in one copy) and short ones.
    const writer = new CanonicalJsonWriter();
    const number = fc.oneof(
      fc.double(),
      fc.integer(),
      // The longest texts: negative, in [1e-6, 1e-5), 17 significant digits (25 characters).
      fc.double({ min: 1e-6, max: 1e-5, noNaN: true }).map((x) => -x),
      fc.constantFrom(
        -0.0000035504152032949908,
        -0.0000012345678901234567,
        -1.2345678901234567e-308,
        -Number.MAX_VALUE,
        Number.MIN_VALUE,
        -0,
        0.1 + 0.2,
        2 ** 53 + 2,
        Number.NEGATIVE_INFINITY,
        // 32-bit integers are written digit by digit, at once; just outside that range they are deferred.
        -2147483648,
        2147483647,
        -2147483647,
        2147483648,
        -2147483649,
        1e9,
        -999999999,
      ),
    );
    const filler = fc.oneof(fc.constant(''), fc.string({ maxLength: 3 }), fc.string({ minLength: 65, maxLength: 200 }));
    const value = fc.array(fc.oneof(number, filler, fc.record({ n: number, s: filler, m: number })), { maxLength: 40 });
    fc.assert(
      fc.property(value, number, (v, n) => {
        expectBytes(writer.bytes(v), utf8(canonicalJson(v)));
        // The member's bounds move with the text before them.
        const record = { a: v, z: [n, 'tail'] };
        const { bytes, start, end } = writer.bytesWith(record, 'm', { x: n, y: v });
        expectBytes(bytes, utf8(canonicalJson({ ...record, m: { x: n, y: v } })));
        expect(new TextDecoder().decode(bytes.subarray(start, end))).toBe(canonicalJson({ x: n, y: v }));
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('law: frozen values (deep, shallow, with getters, holes, shared in two places) are written as canonicalJson writes them, every time', () => {
    const writer = new CanonicalJsonWriter();
    const deepFreeze = (v: unknown): unknown => {
      if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
        Object.freeze(v);
        for (const x of Object.values(v)) deepFreeze(x);
      }
      return v;
    };
    // A frozen object whose getter answers what `current` is: never remembered.
    let current = 0;
    const withGetter = Object.freeze(
      Object.defineProperty({}, 'n', {
        get: () => current,
        enumerable: true,
      }),
    );
    fc.assert(
      fc.property(awkward.value, fc.constantFrom('deep', 'shallow', 'none'), (v, how) => {
        const value = how === 'deep' ? deepFreeze(v) : how === 'shallow' && typeof v === 'object' && v !== null ? Object.freeze(v) : v;
        const shared = Object.freeze({ a: value, b: value, g: withGetter });
        // Three times: a frozen value is written out when first met, its bytes kept when met again
        // (by a writer of their own) and copied from then on.
        // And every time it says whether it wrote a number that is not finite (as null), which kept
        // bytes hold as null and said nothing of: a seal check relies on it.
        for (let i = 0; i < 3; i++) {
          current = i;
          expectBytes(writer.bytes(shared), utf8(canonicalJson(shared)));
          expect(writer.wroteNonFinite, `time ${i + 1}`).toBe(holdsNonFinite(shared));
        }
      }),
      { seed: SEED, numRuns: 80 },
    );
    // A frozen object holding a mutable one is written afresh after that one changes.
    const inner = { x: 1 };
    const outer = Object.freeze({ inner });
    expect(new TextDecoder().decode(writer.bytes(outer))).toBe('{"inner":{"x":1}}');
    inner.x = 2;
    expect(new TextDecoder().decode(writer.bytes(outer))).toBe('{"inner":{"x":2}}');
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
        expectBytes(writer.bytes({ record, list }), utf8(canonicalJson({ record, list })));
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('law: one key list seen in different orders, and a key list that is a prefix of another, each keep their own order', () => {
    const writer = new CanonicalJsonWriter();
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 8 }), fc.integer(), (keys, n) => {
        const obj = Object.fromEntries(keys.map((k, i) => [k, i + n]));
        const reversed = Object.fromEntries(keys.map((k, i) => [k, i + n]).reverse());
        const prefix = Object.fromEntries(keys.slice(0, -1).map((k, i) => [k, i]));
        for (const v of [obj, reversed, prefix, obj]) expectBytes(writer.bytes(v), utf8(canonicalJson(v)));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('law: objects of a few key lists that share prefixes, in any interleaving, each keep their own order', () => {
    // The key-order trie remembers each node's last child: shapes that part after a shared prefix
    // ({ m, b } then { m, a } then { m, b }) must not be answered with the other one's order.
    const writer = new CanonicalJsonWriter();
    const keyLists = [['m', 'b'], ['m', 'a'], ['m'], ['m', 'b', 'a'], ['z', 'b'], ['b', 'm']];
    const obj = fc
      .tuple(fc.integer({ min: 0, max: keyLists.length - 1 }), fc.integer())
      .map(([i, n]) => Object.fromEntries((keyLists[i] as string[]).map((k, j) => [k, n + j])));
    fc.assert(
      fc.property(fc.array(obj, { maxLength: 12 }), (objs) => {
        for (const o of objs) expectBytes(writer.bytes(o), utf8(canonicalJson(o)));
        expectBytes(writer.bytes(objs), utf8(canonicalJson(objs)));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('law: bytesWith writes the record with the member set, and start/end bound the member', () => {
    const writer = new CanonicalJsonWriter();
    fc.assert(
      fc.property(fc.dictionary(fc.string(), awkward.value), fc.string(), awkward.value, (record, key, member) => {
        fc.pre(member !== undefined);
        const { bytes, start, end } = writer.bytesWith(record, key, member);
        expectBytes(bytes, utf8(canonicalJson({ ...record, [key]: member })));
        expectBytes(bytes.subarray(start, end), utf8(canonicalJson(member)));
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('writes own members only: an inherited enumerable member, or one added to Object.prototype, is left out as canonicalJson leaves it', () => {
    const writer = new CanonicalJsonWriter();
    const inheriting = Object.assign(Object.create({ inherited: 1 }), { b: 2, a: 1 });
    const plain = { b: 2, a: 1 };
    expectBytes(writer.bytes({ inheriting, plain }), utf8(canonicalJson({ inheriting, plain })));
    // The shape { a, pollution } is known first, so a walk that followed inherited keys would find it.
    expectBytes(writer.bytes({ a: 1, pollution: 2 }), utf8('{"a":1,"pollution":2}'));
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.pollution = 'x';
    try {
      expectBytes(writer.bytes({ b: { d: 1, c: 2 }, a: [{ y: 1 }] }), utf8('{"a":[{"y":1}],"b":{"c":2,"d":1}}'));
      expectBytes(writer.bytes({ a: 1 }), utf8('{"a":1}'));
    } finally {
      delete polluted.pollution;
    }
    expectBytes(writer.bytes(plain), utf8('{"a":1,"b":2}'));
  });

  it('grows past its first buffer, and past the table of remembered text, with the same bytes', () => {
    const writer = new CanonicalJsonWriter();
    // More distinct non-ASCII strings than the writer remembers, and far more bytes than its first buffer.
    const big = Array.from({ length: 3000 }, (_, i) => ({ label: `标签${i}`, n: i / 7, s: 'x'.repeat(i % 50) }));
    expectBytes(writer.bytes(big), utf8(canonicalJson(big)));
    expectBytes(writer.bytes({ again: big.slice(0, 5) }), utf8(canonicalJson({ again: big.slice(0, 5) })));
  });
});
