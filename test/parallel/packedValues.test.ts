import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { createValuePacker, createValueUnpacker, type PackedValues } from '../../src/parallel/packedValues.js';

/** Through the pool's IPC as it is: V8 structured serialisation of the message. */
const overIpc = (packed: PackedValues): PackedValues => (deserialize(serialize({ type: 'packed_results', id: 1, packed })) as { packed: PackedValues }).packed;

// Plain data as a decision holds it, plus the edges a JSON transport would lose: undefined, -0, NaN,
// odd keys (`__proto__`, integer-like, empty, quotes) and lone surrogates.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', '0', '10', '', '"', 'a\u0000b', 'constructor', '\ud800'));
const plain = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.double(),
    fc.integer(),
    fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, null, undefined, true, false),
    fc.string({ unit: 'grapheme-composite', maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('packed values: what a worker packs, the pool rebuilds equal', () => {
  it('round trip: any plain data comes back as structured cloning (the transport it replaces) gives it: same keys in the same order, undefined, -0 and NaN kept', () => {
    const pack = createValuePacker();
    const unpack = createValueUnpacker();
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 6 }), (values) => {
        const packed = pack(values);
        expect(packed).toBeDefined();
        const back = unpack(overIpc(packed as PackedValues));
        // Structured cloning gives a null-prototype object Object.prototype; so does the unpacker.
        // node's deep-strict equality (vitest's reads an own `constructor` key as the type).
        expect(isDeepStrictEqual(back, structuredClone(values))).toBe(true);
        back.forEach((v, i) => expect(JSON.stringify(v)).toBe(JSON.stringify(values[i])));
        // Key order is kept too (toStrictEqual does not check it).
        const keysOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? [Object.keys(v), Object.values(v).map(keysOf)] : null);
        expect(back.map(keysOf)).toStrictEqual(values.map(keysOf));
      }),
      { numRuns: 200 },
    );
  });

  it('arrays of every length, short (rebuilt by literal) and long, come back whole and dense', () => {
    const values = Array.from({ length: 40 }, (_, n) => Array.from({ length: n }, (_, k) => (k % 3 === 0 ? { k } : k % 3 === 1 ? `s${k}` : [k])));
    const back = createValueUnpacker()(overIpc(createValuePacker()(values) as PackedValues));
    expect(back).toStrictEqual(values);
    for (const a of back as unknown[][]) expect(Object.keys(a)).toHaveLength(a.length);
  });

  it('an own `__proto__` key stays an own key, not the prototype', () => {
    const value = JSON.parse('{"a":1,"__proto__":{"b":2}}') as unknown;
    const [back] = createValueUnpacker()(createValuePacker()([value]) as PackedValues);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back as object)).toEqual(['a', '__proto__']);
    expect(back).toStrictEqual(value);
  });

  it('what it cannot rebuild exactly it refuses (the worker then sends by structured cloning): Dates, bigints, class instances, holes, Maps, cycles', () => {
    const pack = createValuePacker();
    const sparse: unknown[] = [1, 2];
    delete sparse[0];
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    class Box {
      readonly v = 1;
    }
    for (const odd of [
      new Date(0),
      10n,
      new Box(),
      sparse,
      new Map(),
      cycle,
      new Uint8Array(2),
      Symbol('s'),
      () => 1,
      Object.assign(Object.create({ p: 1 }) as object, { a: 1 }),
    ]) {
      expect(pack([{ ok: true, nested: [odd] }])).toBeUndefined();
    }
    // The packer is still good after a refusal.
    expect(createValueUnpacker()(pack([{ a: [1, 'x'] }]) as PackedValues)).toStrictEqual([{ a: [1, 'x'] }]);
  });

  it('where code generation is disallowed, the unpacker defines properties one by one and rebuilds the same values', () => {
    const out = execFileSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', fileURLToPath(new URL('./fixtures/unpackWithoutCodegen.ts', import.meta.url))],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ codegen: false, compared: 2, differing: 0 });
  });

  it('a malformed message throws rather than yield wrong values', () => {
    const packed = createValuePacker()([{ a: 1 }, 'x']) as PackedValues;
    const unpack = createValueUnpacker();
    expect(() => unpack({ ...packed, tags: packed.tags.subarray(0, 1) })).toThrow();
    expect(() => unpack({ ...packed, count: 1 })).toThrow(/end/);
    expect(() => unpack({ ...packed, tags: Uint8Array.from([9, 9]) })).toThrow(/bad tag/);
  });

  it("the scorer's own batch results (decisions and errors) pack and come back deep-equal and byte-equal JSON", async () => {
    const scorer = await createScorer({ suggestionsPerDecision: 1 });
    try {
      const results = await scorer.safeDecideBatch([...exampleApplicants.map((e) => e.applicant), null, { asOf: 'x' }]);
      const pack = createValuePacker();
      const unpack = createValueUnpacker();
      // Twice: the second message reuses the shapes the first taught the packer and the unpacker.
      for (let round = 0; round < 2; round++) {
        const packed = pack(results);
        expect(packed).toBeDefined();
        const back = unpack(overIpc(packed as PackedValues));
        expect(back).toStrictEqual(results);
        expect(JSON.stringify(back)).toBe(JSON.stringify(results));
      }
    } finally {
      await scorer.close();
    }
  });
});
