// A run reads its files back whole for their SHA-256 (the input before and after the run, each output
// at its end: 6.9 GB of output over a million decisions). Read through a stream, every 64 KiB chunk was
// a new Buffer outside V8's heap that lived until the next collection: a run's last seconds (nothing
// else allocating, so nothing collecting) piled up tens of MiB of them, which glibc's heap kept resident
// after they were freed (the peak RSS of `creditlift score` was set there; bench/RESULTS.md). The hash
// now reads into one buffer.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintInput } from '../../src/cli/score/runManifest.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-fingerprint-memory-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MiB = 2 ** 20;

describe('fingerprintInput', () => {
  it('reads a 48 MiB file with no buffer per chunk: the memory outside the heap stays flat, and the digest is the file\u2019s', async () => {
    const path = join(work, 'big.bin');
    const block = Buffer.alloc(MiB);
    for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) & 0xff;
    const whole = createHash('sha256');
    const fd = openSync(path, 'w');
    for (let i = 0; i < 48; i++) {
      block[0] = i;
      writeSync(fd, block);
      whole.update(block);
    }
    closeSync(fd);

    const before = process.memoryUsage().arrayBuffers;
    let most = before;
    const sampler = setInterval(() => {
      most = Math.max(most, process.memoryUsage().arrayBuffers);
    }, 1);
    let print;
    try {
      print = await fingerprintInput(path);
    } finally {
      clearInterval(sampler);
    }
    most = Math.max(most, process.memoryUsage().arrayBuffers);
    expect(print.size).toBe(48 * MiB);
    expect(print.sha256).toBe(whole.digest('hex'));
    // A stream's chunks would show as up to 48 MiB here (collected only when V8 next runs a GC).
    expect((most - before) / MiB).toBeLessThan(4);
  });
});
