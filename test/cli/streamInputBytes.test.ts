import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundLineRuns, openStreamInput } from '../../src/cli/score/streamInputBytes.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-stream-input-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const all: Buffer[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}

describe('boundLineRuns', () => {
  it('an endless run without a line break ends with data_invalid, having pulled only a bounded number of chunks', async () => {
    let pulled = 0;
    const endless = (async function* () {
      for (;;) {
        pulled++;
        yield Buffer.alloc(1000);
      }
    })();
    const e = await collect(boundLineRuns(endless, 'the stream', 10_000)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CreditliftError);
    expect((e as CreditliftError).code).toBe('data_invalid');
    expect((e as Error).message).toMatch(/^the stream: it gave more than 10,000 bytes with no line break/);
    expect(pulled).toBe(11);
  });

  it('lines that end (LF, CR or CRLF, across chunk edges) pass through byte for byte, however the stream is cut', async () => {
    const text = Buffer.from(`${'a'.repeat(9000)}\n${'b'.repeat(9000)}\r${'c'.repeat(4000)}\r\n${'d'.repeat(9999)}`);
    for (const size of [1, 7, 1000, 4096, text.length]) {
      const chunks = (async function* () {
        for (let i = 0; i < text.length; i += size) yield text.subarray(i, i + size);
      })();
      expect((await collect(boundLineRuns(chunks, 's', 10_000))).equals(text), String(size)).toBe(true);
    }
  });
});

describe('openStreamInput', () => {
  it('a regular file is read as it is, unbounded: a line longer than a stream may run is for the reader to skip', async () => {
    const file = join(work, 'one.ndjson');
    writeFileSync(file, 'x');
    const input = openStreamInput(file);
    expect(input.bytes).toBe(input.stream);
    expect((await collect(input.bytes)).toString()).toBe('x');
  });
});
