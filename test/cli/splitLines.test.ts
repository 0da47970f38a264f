import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/cli/score/splitLines.js';

/** `bytes` handed over in pieces cut at `cuts` (any order, past the end allowed), as a stream delivers them. */
async function* cutAt(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const k = Math.min(bytes.length, c);
    yield bytes.subarray(at, Math.max(at, k));
    at = Math.max(at, k);
  }
  yield bytes.subarray(at);
}

async function* chunked(text: string, cuts: number[]): AsyncGenerator<string> {
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const k = Math.min(text.length, c);
    yield text.slice(at, k);
    at = Math.max(at, k);
  }
  yield text.slice(at);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('splitLines', () => {
  it('law: lines end at LF, CRLF or a lone CR (as the CSV tokenizer reads them), whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '\r\n', ',', '"', '中'), maxLength: 60 }),
        fc.array(fc.nat(60), { maxLength: 6 }),
        async (text, cuts) => {
          const lines = await collect(splitLines(chunked(text, cuts)));
          const expected = text.split(/\r\n|\n|\r/);
          if (expected[expected.length - 1] === '') expected.pop();
          expect(lines.map((l) => l.text)).toEqual(expected);
          expect(lines.map((l) => l.line)).toEqual(expected.map((_, i) => i + 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('numbers CR-only lines as CSV does, and a CRLF cut between two chunks is one line break', async () => {
    expect((await collect(splitLines(chunked('a\rb\r\rc\r', [])))).map((l) => [l.line, l.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
    expect((await collect(splitLines(chunked('a\r\nb', [2])))).map((l) => [l.line, l.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('law: the byte offset of an invalid byte is the same with LF, CRLF or CR line ends, and names the right line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.nat(80), { maxLength: 5 }),
        async (eol, badLine, cuts) => {
          const parts = ['{"id":"a"}', '{"id":"中"}', '{"id":"c"}', '{"id":"d"}', '{"id":"e"}'].map((l) => Buffer.from(l));
          const bytes = Buffer.concat(parts.flatMap((p, i) => [i === badLine ? Buffer.concat([p, Buffer.from([0xff])]) : p, Buffer.from(eol)]));
          const offset = parts.slice(0, badLine + 1).reduce((n, p) => n + p.length, 0) + badLine * Buffer.byteLength(eol);
          expect(bytes[offset]).toBe(0xff);
          const lines = await collect(splitLines(cutAt(bytes, cuts)));
          expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
          expect(lines.map((l) => l.invalidByteOffset)).toEqual([0, 1, 2, 3, 4].map((i) => (i === badLine ? offset : undefined)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('law: Buffer chunks cut inside a multi-byte character decode as the whole text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', '\n', '中', '¥', '😀'), maxLength: 30 }),
        fc.array(fc.nat(120), { maxLength: 6 }),
        async (text, cuts) => {
          const bytes = Buffer.from(text, 'utf8');
          const lines = await collect(splitLines(cutAt(bytes, cuts)));
          const expected = text.split('\n');
          if (expected[expected.length - 1] === '') expected.pop();
          expect(lines.map((l) => l.text)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('strips a UTF-8 byte-order mark from the first line only', async () => {
    const lines = await collect(splitLines(chunked('\uFEFFa\n\uFEFFb', [])));
    expect(lines.map((l) => l.text)).toEqual(['a', '\uFEFFb']);
  });

  it('law: a line longer than the maximum is reported truncated and never held whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 100 }), fc.array(fc.nat(120), { maxLength: 5 }), async (max, len, cuts) => {
        const text = `ok\n${'x'.repeat(len)}\nafter\n`;
        const lines = await collect(splitLines(chunked(text, cuts), max));
        expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
        expect(lines[1]!.truncated).toBe(len > max);
        expect(lines[1]!.text).toBe('x'.repeat(Math.min(len, max)));
        expect(lines[2]!.truncated).toBe(max < 5);
        for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 200 },
    );
  });
});
