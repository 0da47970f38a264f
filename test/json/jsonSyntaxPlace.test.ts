// Where a text stops being JSON, named as an editor shows it: parseStrictJson said "at column N" with N
// the UTF-16 offset into the whole text (every earlier line counted in, an emoji twice) and, for a
// fault JSON.parse names no position for, nothing; jsonSyntaxFault called such a text "cut short".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxFault } from '../../src/json/jsonSyntaxFault.js';
import { jsonSyntaxOffset } from '../../src/json/jsonSyntaxOffset.js';
import { parseStrictJson } from '../../src/json/parseStrictJson.js';
import { lineColumnOf } from '../../src/text/lineColumnOf.js';

const messageOf = (text: string) => {
  const read = parseStrictJson(text);
  return read.ok ? undefined : read.issues[0]?.message;
};

describe('parseStrictJson names the line and column of a fault as an editor counts them', () => {
  it('a CJK line with an emoji before the fault: column in characters (was the UTF-16 offset, the emoji counted twice)', () => {
    // { " 名 前 " : " 李 雷 😀 " , then 1 at column 13 (UTF-16 offset 13, the emoji two units: the old "at column 14").
    expect(messageOf('{"名前":"李雷😀",1}')).toBe('not valid JSON: unexpected text at line 1, column 13');
    // A fault JSON.parse gives no position for ("Unexpected token"): named all the same (was "not valid JSON" alone).
    expect(messageOf('{"名前":"李雷😀","a": x}')).toBe('not valid JSON: unexpected text at line 1, column 18');
  });

  it('a multi-line document: the line, and the column on that line (was the offset into the whole text)', () => {
    const text = '{\n  "名前": "李雷",\n  "emoji": "😀😀" 1\n}';
    // Line 3: two spaces, "emoji": (8), a space, "😀😀" (4 characters), a space, then 1 at column 17; the old "at column 35".
    expect(messageOf(text)).toBe('not valid JSON: unexpected text at line 3, column 17');
    expect(messageOf(text.replace(/\n/g, '\r\n'))).toBe('not valid JSON: unexpected text at line 3, column 17');
    expect(messageOf('{\n  "名前": "李雷",\n')).toBe('not valid JSON: it ends at line 3, column 1 before the JSON does (cut short?)');
    expect(messageOf('  ')).toBe('not valid JSON: it is empty');
  });

  it('jsonSyntaxFault no longer calls a text with a stray token "cut short"', () => {
    expect(jsonSyntaxFault('{\n  "kind": "creditlift-score-run",\n  "a": x\n}')).toBe('unexpected text at line 3, column 8');
    expect(jsonSyntaxFault('{"a":1}')).toBeUndefined();
  });

  it('the message never quotes the text', () => {
    expect(messageOf('{"name":"张三", oops}')).not.toMatch(/张三|oops/);
  });
});

// Texts near JSON: JSON texts (unicode strings, pretty-printed or not) with one character inserted,
// deleted or replaced, or cut short.
const insertable = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\r', '0', '1', '-', '.', 'e', '+', 't', 'n', 'x', '😀', '名', '\u0001', '\uFEFF'];
const nearJson = fc
  .tuple(fc.jsonValue({ maxDepth: 3 }), fc.boolean(), fc.nat(), fc.constantFrom('insert', 'delete', 'replace', 'cut', 'none'), fc.constantFrom(...insertable))
  .map(([v, pretty, at, edit, c]) => {
    const text = JSON.stringify(v, null, pretty ? 2 : undefined) ?? 'null';
    const i = at % (text.length + 1);
    if (edit === 'insert') return text.slice(0, i) + c + text.slice(i);
    if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
    if (edit === 'replace') return text.slice(0, i) + c + text.slice(i + 1);
    if (edit === 'cut') return text.slice(0, i);
    return text;
  });

describe('jsonSyntaxOffset', () => {
  it('law: it finds a fault exactly when JSON.parse refuses, and where JSON.parse stopped', () => {
    fc.assert(
      fc.property(nearJson, (text) => {
        const offset = jsonSyntaxOffset(text);
        let message: string | undefined;
        try {
          JSON.parse(text);
        } catch (e) {
          message = (e as Error).message;
        }
        if (message === undefined) return offset === undefined;
        if (offset === undefined) return false;
        const position = /at position (\d+)/.exec(message)?.[1];
        if (position !== undefined) return offset === Number(position);
        if (/Unexpected end of JSON input/.test(message)) return offset === text.length;
        // "Unexpected token 'x', ... is not valid JSON" (and '"NaN" is not valid JSON'): the token is the character found there.
        // V8 quotes one UTF-16 unit (half of an emoji), so units are compared.
        const token = /^Unexpected token '(.)'/.exec(message)?.[1];
        if (token !== undefined) return text.charCodeAt(offset) === token.charCodeAt(0);
        return offset < text.length;
      }),
      { seed: 20_261_201, numRuns: 2_000 },
    );
  });

  it('reads any depth without recursion', () => {
    const d = 100_000;
    expect(jsonSyntaxOffset(`${'['.repeat(d)}${']'.repeat(d)}`)).toBeUndefined();
    expect(jsonSyntaxOffset(`${'['.repeat(d)}x`)).toBe(d);
  });
});

describe('lineColumnOf', () => {
  it('law: without line breaks, the column counts each code point once', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme-ascii', maxLength: 5 }), (before, after) => {
        const text = (before + after).replace(/[\r\n]/g, ' ');
        const offset = before.replace(/[\r\n]/g, ' ').length;
        expect(lineColumnOf(text, offset)).toEqual({ line: 1, column: [...text.slice(0, offset)].length + 1 });
      }),
      { seed: 20_261_201, numRuns: 300 },
    );
  });

  it('counts lines at \\n, \\r\\n and \\r, and columns from each line start', () => {
    expect(lineColumnOf('a\nb\r\nc\rd', 7)).toEqual({ line: 4, column: 1 });
    expect(lineColumnOf('a\nb\r\nc\rd', 8)).toEqual({ line: 4, column: 2 });
    expect(lineColumnOf('a\r\n😀x', 5)).toEqual({ line: 2, column: 2 });
    expect(lineColumnOf('ab', 99)).toEqual({ line: 1, column: 3 });
  });
});
