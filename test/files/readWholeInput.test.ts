// A whole-input read of a stream is bounded at the one cap a piece of a stream has (12 MiB, what a
// line of a stream may take); a file is read whole whatever its size; nothing is cut short in silence.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH } from '../../src/cli/score/splitLines.js';
import { MAX_STREAM_LINE_BYTES } from '../../src/cli/score/streamInputBytes.js';
import { collectStream, MAX_STREAM_PIECE_BYTES, readWholeInput, readWholeInputSync } from '../../src/files/readWholeInput.js';
import { StreamTooLongError } from '../../src/files/streamTooLongError.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-whole-input-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('reading an input whole', () => {
  it('the cap is the one bound on a piece of a stream: 12 MiB, three times the 4 MiB a record may take', () => {
    expect(MAX_STREAM_PIECE_BYTES).toBe(12 * 1024 * 1024);
    expect(MAX_STREAM_PIECE_BYTES).toBe(3 * MAX_LINE_LENGTH);
    expect(MAX_STREAM_LINE_BYTES).toBe(MAX_STREAM_PIECE_BYTES);
  });

  it('a regular file past the cap is read whole, byte for byte (the cap is for streams only)', async () => {
    const path = join(work, 'big.bin');
    const bytes = Buffer.alloc(MAX_STREAM_PIECE_BYTES + 3, 7);
    bytes[bytes.length - 1] = 9;
    writeFileSync(path, bytes);
    expect((await readWholeInput(path)).equals(bytes)).toBe(true);
    expect(readWholeInputSync(path).equals(bytes)).toBe(true);
    rmSync(path);
  });

  it('an endless stream stops just past the cap with a StreamTooLongError naming the subject, what it is and the cap', async () => {
    let pulled = 0;
    const endless = (async function* () {
      for (;;) {
        pulled++;
        yield new Uint8Array(1000);
      }
    })();
    const e = await collectStream(endless, '--policy -', 'a pipe', 10_000).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StreamTooLongError);
    expect((e as StreamTooLongError).code).toBe('data_invalid');
    expect((e as StreamTooLongError).limit).toBe(10_000);
    expect((e as Error).message).toMatch(/^--policy - is a pipe that gave more than 10,000 bytes .*the most creditlift reads whole from a stream/);
    expect(pulled).toBe(11);
  });

  it('a stream of exactly the cap is kept whole; one byte more is refused', async () => {
    const of = (sizes: number[]) =>
      (async function* () {
        for (const n of sizes) yield new Uint8Array(n).fill(1);
      })();
    expect((await collectStream(of([4000, 6000]), 's', 'a pipe', 10_000)).length).toBe(10_000);
    await expect(collectStream(of([4000, 6001]), 's', 'a pipe', 10_000)).rejects.toBeInstanceOf(StreamTooLongError);
  });

  describe.runIf(process.platform === 'linux' && existsSync('/dev/zero'))('devices and pipes', () => {
    it('/dev/zero is refused at the cap, async and sync, never read without end', async () => {
      for (const read of [() => readWholeInput('/dev/zero', '--catalog /dev/zero'), async () => readWholeInputSync('/dev/zero', '--catalog /dev/zero')]) {
        const e = await read().catch((x: unknown) => x);
        expect(e).toBeInstanceOf(StreamTooLongError);
        expect((e as Error).message).toMatch(/^--catalog \/dev\/zero is a character device that gave more than 12,582,912 bytes \(12 MiB\)/);
      }
    });

    it('a pipe under the cap is read whole, once', async () => {
      const fifo = join(work, 'in.fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const sent = Buffer.from('{"a":1}\n'.repeat(50_000));
      const writer = createWriteStream(fifo);
      writer.end(sent);
      expect((await readWholeInput(fifo)).equals(sent)).toBe(true);
    });
  });
});
