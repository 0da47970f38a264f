import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../src/json/parseStrictJson.js';

describe('parseStrictJson', () => {
  it('law: reads any JSON.stringify output as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { seed: 20_261_130, numRuns: 300 },
    );
  });

  it('refuses a repeated key at its path, and text that is not JSON without quoting it; never throws, however deep', () => {
    expect(parseStrictJson('{"a":{"b":1,"b":2}}')).toMatchObject({ ok: false, issues: [{ path: ['a', 'b'], code: 'duplicate_key' }] });
    const bad = parseStrictJson('{"name":"Zhang San",');
    expect(bad).toMatchObject({ ok: false, issues: [{ path: [], code: 'invalid_json' }] });
    expect(JSON.stringify(bad)).not.toContain('Zhang');
    const d = 100_000;
    expect(parseStrictJson(`${'['.repeat(d)}${']'.repeat(d)}`).ok).toBe(true);
  });

  it('names every repeated key, each as its own issue at its own path, in text order', () => {
    const text = '{"income":{"source":"a","source":"b"},"household":{"dependants":0,"dependants":3},"ok":[{"x":1,"x":2,"x":3}]}';
    const read = parseStrictJson(text);
    expect(read).toEqual({
      ok: false,
      // The value as JSON.parse read it goes along, so a reader can also name its schema faults.
      parsed: { value: JSON.parse(text) },
      issues: [
        {
          path: ['income', 'source'],
          code: 'duplicate_key',
          message: expect.stringMatching(/^key "source" appears twice in one object \(at income\.source\)/),
        },
        { path: ['household', 'dependants'], code: 'duplicate_key', message: expect.stringMatching(/^key "dependants" appears twice/) },
        { path: ['ok', 0, 'x'], code: 'duplicate_key', message: expect.stringMatching(/^key "x" appears twice/) },
      ],
    });
  });

  it('law: every key injected as a repeat into a JSON.stringify text is reported once, at its path, and nothing else is', () => {
    // Each object of a random value gets a random subset of its keys written a second time.
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.infiniteStream(fc.boolean()), (value, coins) => {
        const expected: (string | number)[][] = [];
        const write = (v: unknown, at: (string | number)[]): string => {
          if (Array.isArray(v)) return `[${v.map((e, i) => write(e, [...at, i])).join(',')}]`;
          if (typeof v !== 'object' || v === null) return JSON.stringify(v);
          const entries = Object.entries(v).map(([k, e]) => `${JSON.stringify(k)}:${write(e, [...at, k])}`);
          const again = Object.keys(v).filter(() => coins.next().value as boolean);
          for (const k of again) expected.push([...at, k]);
          return `{${[...entries, ...again.map((k) => `${JSON.stringify(k)}:0`)].join(',')}}`;
        };
        const text = write(value, []);
        const read = parseStrictJson(text);
        if (expected.length === 0) expect(read).toEqual({ ok: true, value: JSON.parse(text) });
        else {
          expect(read.ok).toBe(false);
          const paths = read.ok ? [] : read.issues.map((i) => [i.code, i.path]);
          expect(paths.map(([, p]) => JSON.stringify(p)).sort()).toEqual(expected.map((p) => JSON.stringify(p)).sort());
          expect(paths.every(([c]) => c === 'duplicate_key')).toBe(true);
        }
      }),
      { seed: 20_261_202, numRuns: 300 },
    );
  });

  it('echoes at most 64 characters of a repeated key, in the path as in the message', () => {
    const key = 'k'.repeat(10_000);
    const read = parseStrictJson(`{"${key}":1,"${key}":2}`);
    expect(read.ok).toBe(false);
    // The issues (what a message shows); the parsed value is the caller's own input.
    expect(JSON.stringify(read.ok ? null : read.issues).length).toBeLessThan(600);
  });

  it('refuses a number whose written fraction a double rounds to an integer, at its path; keeps fractions and integers as written', () => {
    const read = parseStrictJson('{"income":{"monthlyNet":650000.00000000001},"controls":{"requestedLimit":999999.99999999999},"e":[1,2.0000000000000001e0]}');
    expect(read).toEqual({
      ok: false,
      issues: [
        { path: ['income', 'monthlyNet'], code: 'imprecise_number', message: expect.stringMatching(/cannot be held exactly/) },
        { path: ['controls', 'requestedLimit'], code: 'imprecise_number', message: expect.stringMatching(/cannot be held exactly/) },
        { path: ['e', 1], code: 'imprecise_number', message: expect.stringMatching(/cannot be held exactly/) },
      ],
      parsed: { value: { income: { monthlyNet: 650000 }, controls: { requestedLimit: 1000000 }, e: [1, 2] } },
    });
    // The written digits are never echoed (they may be personal data).
    expect(JSON.stringify(read.ok ? null : read.issues)).not.toContain('99999');
    expect(parseStrictJson('{"score":6.5,"rate":0.98,"fen":650000.0,"big":6.5e5,"tiny":1e-300}')).toEqual({
      ok: true,
      value: { score: 6.5, rate: 0.98, fen: 650000, big: 650000, tiny: 1e-300 },
    });
    expect(parseStrictJson('1.00000000000000001')).toMatchObject({ ok: false, issues: [{ path: [], code: 'imprecise_number' }] });
    expect(parseStrictJson('"1.00000000000000001"')).toEqual({ ok: true, value: '1.00000000000000001' });
    // Number-like text inside a string (behind an escaped quote too) is not a number.
    expect(parseStrictJson('{"k":"x\\":1.00000000000000001,\\\\","n":1}')).toEqual({ ok: true, value: { k: 'x":1.00000000000000001,\\', n: 1 } });
    // Repeats and imprecise numbers come together, in text order.
    expect(parseStrictJson('{"a":1,"a":1.00000000000000001}')).toMatchObject({
      ok: false,
      issues: [
        { path: ['a'], code: 'duplicate_key' },
        { path: ['a'], code: 'imprecise_number' },
      ],
    });
  });

  it('law: every number that rounds to an integer is named at its path, and nothing else, wherever it sits', () => {
    const imprecise = fc.constantFrom('650000.00000000001', '999999.99999999999', '2.0000000000000001', '-1e-400', '0.99999999999999999E0');
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.infiniteStream(fc.option(imprecise, { freq: 3 })), (value, swaps) => {
        const expected: string[] = [];
        const write = (v: unknown, at: (string | number)[]): string => {
          if (Array.isArray(v)) return `[${v.map((e, i) => write(e, [...at, i])).join(',')}]`;
          if (typeof v === 'object' && v !== null)
            return `{${Object.entries(v)
              .map(([k, e]) => `${JSON.stringify(k)}:${write(e, [...at, k])}`)
              .join(',')}}`;
          if (typeof v !== 'number') return JSON.stringify(v);
          const swap = swaps.next().value as string | null;
          if (swap === null) return JSON.stringify(v);
          expected.push(JSON.stringify(at));
          return swap;
        };
        const text = write(value, []);
        const read = parseStrictJson(text);
        if (expected.length === 0) expect(read.ok).toBe(true);
        else {
          expect(read.ok).toBe(false);
          const issues = read.ok ? [] : read.issues;
          expect(issues.map((i) => i.code).every((c) => c === 'imprecise_number')).toBe(true);
          expect(issues.map((i) => JSON.stringify(i.path))).toEqual(expected);
        }
      }),
      { seed: 20_261_204, numRuns: 300 },
    );
  });

  // A lone UTF-16 surrogate is no character: no UTF-8 writer can write it, so any re-encoding
  // replaces it (a replaced byte), and `a\uD800` and `a\uDBFF` become one text.
  describe('a lone surrogate (lone_surrogate)', () => {
    const lone = (t: string) => /\p{Cs}/u.test(t);

    it('is refused at its path, escaped or raw, in a value or a key, and the issue itself is well-formed text', () => {
      expect(parseStrictJson('"\\ud800"')).toMatchObject({ ok: false, issues: [{ path: [], code: 'lone_surrogate' }] });
      expect(parseStrictJson('{"a":["x","y\\uDFFF"]}')).toMatchObject({ ok: false, issues: [{ path: ['a', 1], code: 'lone_surrogate' }] });
      expect(parseStrictJson('{"a":"\ud800"}')).toMatchObject({ ok: false, issues: [{ path: ['a'], code: 'lone_surrogate' }] });
      const key = parseStrictJson('{"ok":1,"n\\udc00":{"b":2}}');
      expect(key).toMatchObject({ ok: false, issues: [{ path: ['n\\udc00'], code: 'lone_surrogate' }], parsed: { value: { ok: 1 } } });
      if (!key.ok) {
        expect(key.issues[0]?.message).toMatch(/^key "n\\udc00" holds a lone UTF-16 surrogate \(\\udc00\)/);
        expect(lone(JSON.stringify(key.issues).replace(/\\\\/g, ''))).toBe(false);
        expect(key.issues.some((i) => i.path.some((p) => typeof p === 'string' && lone(p)))).toBe(false);
      }
    });

    it('a surrogate pair is one character, read as JSON.parse reads it, escaped, raw or half of each', () => {
      for (const text of ['"\\ud83d\\ude00"', '"\ud83d\ude00"', '"\ud83d\\ude00"', '{"\\uD83D\\uDE00":"李"}'])
        expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
    });

    it('law: a lone surrogate put in any string or key of a JSON text is refused there, each once, in text order, and nothing else is', () => {
      // A low surrogate first in a string, or a high one last, is lone whatever the string holds.
      const surrogate = fc.record({
        high: fc.boolean(),
        unit: fc.integer({ min: 0, max: 0x3ff }),
        escaped: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), fc.infiniteStream(fc.option(surrogate, { freq: 4 })), (value, draws) => {
          const expected: (string | number)[][] = [];
          const put = (s: string, at: (string | number)[], isKey: boolean): string => {
            const d = draws.next().value as { high: boolean; unit: number; escaped: boolean } | null;
            if (d === null) return JSON.stringify(s);
            const code = (d.high ? 0xd800 : 0xdc00) + d.unit;
            const written = d.escaped ? `\\u${code.toString(16)}` : String.fromCharCode(code);
            const inner = JSON.stringify(s).slice(1, -1);
            const read = d.high ? `${s}${String.fromCharCode(code)}` : `${String.fromCharCode(code)}${s}`;
            expected.push(isKey ? [...at, read] : at);
            return d.high ? `"${inner}${written}"` : `"${written}${inner}"`;
          };
          const write = (v: unknown, at: (string | number)[]): string => {
            if (Array.isArray(v)) return `[${v.map((e, i) => write(e, [...at, i])).join(',')}]`;
            if (typeof v === 'string') return put(v, at, false);
            if (typeof v !== 'object' || v === null) return JSON.stringify(v);
            return `{${Object.entries(v)
              .map(([k, e]) => {
                const key = put(k, at, true);
                return `${key}:${write(e, [...at, JSON.parse(key) as string])}`;
              })
              .join(',')}}`;
          };
          const text = write(value, []);
          const read = parseStrictJson(text);
          if (expected.length === 0) {
            expect(read).toEqual({ ok: true, value: JSON.parse(text) });
            return;
          }
          expect(read.ok).toBe(false);
          const issues = read.ok ? [] : read.issues;
          expect(issues.map((i) => i.code).every((c) => c === 'lone_surrogate')).toBe(true);
          // Keys in a path show a lone surrogate as its escape: the issue stays writable as UTF-8.
          const shown = (p: string | number) => (typeof p === 'string' ? p.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`) : p);
          expect(issues.map((i) => i.path)).toEqual(expected.map((path) => path.map(shown)));
        }),
        { seed: 20_261_205, numRuns: 300 },
      );
    });
  });
});
