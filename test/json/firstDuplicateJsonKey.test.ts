import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateJsonKeys, duplicateKeyOfParsed, firstDuplicateJsonKey } from '../../src/json/firstDuplicateJsonKey.js';

describe('firstDuplicateJsonKey', () => {
  it('finds a repeated key at its path, in nested objects and arrays; none in distinct keys', () => {
    expect(firstDuplicateJsonKey('{"a":1,"b":2}')).toBeUndefined();
    expect(firstDuplicateJsonKey('{"a":1,"a":2}')).toEqual(['a']);
    expect(firstDuplicateJsonKey('{"controls":{"selfSetCap":100000,"selfSetCap":null}}')).toEqual(['controls', 'selfSetCap']);
    expect(firstDuplicateJsonKey('{"a":[{"b":1},{"c":1,"b":2,"c":3}]}')).toEqual(['a', 1, 'c']);
    expect(firstDuplicateJsonKey('[1,[2,3],{"x":{"y":1},"x":0}]')).toEqual([2, 'x']);
    // The same key in sibling or nested objects is not a repeat.
    expect(firstDuplicateJsonKey('{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}')).toBeUndefined();
  });

  it('compares keys as decoded, and is not fooled by quotes, braces or commas inside strings', () => {
    expect(firstDuplicateJsonKey('{"a":1,"\\u0061":2}')).toEqual(['a']);
    expect(firstDuplicateJsonKey('{"a\\"b":1,"a\\"b":2}')).toEqual(['a"b']);
    expect(firstDuplicateJsonKey('{"k":"{\\"k\\":1,\\"k\\":2}","j":",\\\\"}')).toBeUndefined();
    expect(firstDuplicateJsonKey('{"\\\\":1,"\\\\":2}')).toEqual(['\\']);
    expect(firstDuplicateJsonKey('{"":1,"":2}')).toEqual(['']);
    expect(firstDuplicateJsonKey('"just a string"')).toBeUndefined();
  });

  it('law: JSON.stringify output never has a repeat; one key written twice anywhere is found at its path', () => {
    const json = fc.jsonValue();
    fc.assert(
      fc.property(json, (v) => {
        expect(firstDuplicateJsonKey(JSON.stringify(v))).toBeUndefined();
      }),
      { seed: 20_261_129, numRuns: 500 },
    );
    // A repeated key spliced into a random object at a random depth.
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.nat(), fc.jsonValue(), (obj, pick, extra) => {
        const keys = Object.keys(obj);
        const key = keys[pick % keys.length] as string;
        const text = `{"wrap":[0,${JSON.stringify(obj).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(extra) ?? 'null'}}]}`;
        expect(() => JSON.parse(text)).not.toThrow();
        expect(firstDuplicateJsonKey(text)).toEqual(['wrap', 1, key]);
      }),
      { seed: 20_261_129, numRuns: 500 },
    );
  });

  it('law: the count-first check of a parsed text answers as the full scan, repeats or not (a __proto__ key included)', () => {
    const text = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.tuple(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.nat(), fc.jsonValue()).map(([obj, pick, extra]) => {
        const keys = Object.keys(obj);
        const key = keys[pick % keys.length] as string;
        return `[${JSON.stringify(obj).slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(extra) ?? 'null'}}]`;
      }),
      fc.constantFrom('{"__proto__":1,"__proto__":2}', '{"__proto__":{"a":1}}', '{"1":1,"01":2}', '[{"a":1},{"a":1}]'),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(duplicateKeyOfParsed(t, JSON.parse(t))).toEqual(firstDuplicateJsonKey(t));
      }),
      { seed: 20_261_129, numRuns: 1_000 },
    );
  });

  it('answers for a value nested far deeper than the call stack (no recursion): 200,000 levels, with and without a repeat', () => {
    const d = 200_000;
    const deep = `{"id":${'['.repeat(d)}${']'.repeat(d)}}`;
    expect(duplicateKeyOfParsed(deep, JSON.parse(deep))).toBeUndefined();
    const repeated = `{"a":${'['.repeat(d)}{"k":1,"k":2}${']'.repeat(d)}}`;
    expect(duplicateKeyOfParsed(repeated, JSON.parse(repeated))?.slice(-2)).toEqual([0, 'k']);
  });
});

describe('duplicateJsonKeys', () => {
  it('names every repeated key at its path, once per object however often it repeats, in text order', () => {
    expect(duplicateJsonKeys('{"a":1,"b":2}')).toEqual([]);
    expect(duplicateJsonKeys('{"a":1,"a":2,"a":3,"b":{"c":1,"c":2},"d":[{"e":1,"e":2}]}')).toEqual([['a'], ['b', 'c'], ['d', 0, 'e']]);
    expect(duplicateJsonKeys('{"pricing":{"aprCap":0.18,"margin":0.2,"aprCap":0.24}}')).toEqual([['pricing', 'aprCap']]);
  });

  it('law: its first path is firstDuplicateJsonKey', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.nat(), (obj, pick) => {
        const keys = Object.keys(obj);
        const key = keys[pick % keys.length] as string;
        const text = `${JSON.stringify(obj).slice(0, -1)},${JSON.stringify(key)}:0}`;
        expect(duplicateJsonKeys(text)[0]).toEqual(firstDuplicateJsonKey(text));
        expect(duplicateJsonKeys(text)[0]).toEqual([key]);
      }),
      { seed: 20_261_201, numRuns: 200 },
    );
  });
});
