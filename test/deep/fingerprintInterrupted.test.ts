// In `npm run test:deep`: it spawns the CLI over a 1 GiB sparse file, which slowed the suite people run often.
// A SIGTERM while `score` fingerprinted its input (its SHA-256, read whole before
// the run begins) waited for the whole hash before the run stopped: seconds for a file of some GiB.
// The hash now stops between two 64 KiB chunks. The in-process tests here abort the signal at a
// chosen chunk; the child-process one sends SIGTERM to a real run over a 1 GiB sparse input.
import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FingerprintInterruptedError } from '../../src/cli/score/fingerprintInterruptedError.js';
import { fingerprintInput } from '../../src/cli/score/runManifest.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { spawnCli } from '../distributed/cliProcess.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-fingerprint-stop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const book = join(work, 'book.ndjson');
writeFileSync(book, `${Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: `r${i}`, asOf: FAKE_AS_OF })).join('\n')}\n`);

/** A sparse file of `bytes` zero bytes: no disk space, all of it read by a hash. */
function sparseFile(path: string, bytes: number): string {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

describe('fingerprinting the input stops at a signal', () => {
  it('fingerprintInput: a signal aborted while it reads stops it at the next chunk, saying how far it got', async () => {
    const big = sparseFile(join(work, 'big.bin'), 64 * 1024 * 1024);
    const stop = new AbortController();
    // Aborted from a timer, as the bin's signal handler aborts it: between two reads.
    setImmediate(() => stop.abort());
    const e = await fingerprintInput(big, { signal: stop.signal }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(FingerprintInterruptedError);
    const { bytesRead, size } = e as FingerprintInterruptedError;
    expect(size).toBe(64 * 1024 * 1024);
    expect(bytesRead).toBeLessThan(size);
    // Without a signal it reads to the end, as before.
    expect((await fingerprintInput(book)).size).toBe(readFileSync(book).length);
  });

  it('score: a signal before the hash ends the run with 130 before it begins: no decider opened, no manifest, no output or lock left; the same command with --resume then decides every record', async () => {
    const out = join(work, 'fresh.ndjson');
    const errors = join(work, 'fresh.errors.ndjson');
    const stop = new AbortController();
    stop.abort();
    let opened = 0;
    const io = captureIo({ signal: stop.signal });
    const code = await runScoreCommand(['--in', book, '--out', out, '--errors', errors], io.io, {
      openDecider: async () => {
        opened++;
        return fakeDecider();
      },
    });
    expect(code, io.err()).toBe(130);
    expect(io.err()).toMatch(
      /^interrupted: interrupted while fingerprinting .*book\.ndjson \(0 of \d+ bytes hashed\), before the run began: nothing was decided or written; the same command, with or without --resume, starts it\n$/,
    );
    expect(opened, 'the model is not loaded for a run that has stopped').toBe(0);
    for (const path of [out, errors, `${out}.run.json`, `${out}.lock`, `${errors}.lock`]) expect(existsSync(path), path).toBe(false);
    const again = captureIo();
    expect(
      await runScoreCommand(['--in', book, '--out', out, '--errors', errors, '--resume'], again.io, { openDecider: async () => fakeDecider() }),
      again.err(),
    ).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(8);
  });

  it('score --resume stopped while it fingerprints leaves the manifest as the run it continues left it', async () => {
    const out = join(work, 'resumed.ndjson');
    const first = captureIo();
    expect(await runScoreCommand(['--in', book, '--out', out], first.io, { openDecider: async () => fakeDecider() }), first.err()).toBe(0);
    const manifest = readFileSync(`${out}.run.json`, 'utf8');
    const lines = readFileSync(out, 'utf8');
    const stop = new AbortController();
    stop.abort();
    const io = captureIo({ signal: stop.signal });
    expect(await runScoreCommand(['--in', book, '--out', out, '--resume'], io.io, { openDecider: async () => fakeDecider() }), io.err()).toBe(130);
    expect(io.err()).toMatch(/before the run began: nothing was decided or written; run the same command again to continue\n$/);
    expect(readFileSync(`${out}.run.json`, 'utf8')).toBe(manifest);
    expect(readFileSync(out, 'utf8')).toBe(lines);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('score --queue: the same, before it reaches Redis (none is running on this URL)', async () => {
    const out = join(work, 'queued.ndjson');
    const stop = new AbortController();
    stop.abort();
    const io = captureIo({ signal: stop.signal });
    const code = await runScoreCommand(['--in', book, '--out', out, '--queue', 'redis://127.0.0.1:1/0', '--job', 'stopped'], io.io);
    expect(code, io.err()).toBe(130);
    expect(io.err()).toMatch(/^interrupted: interrupted while fingerprinting .*book\.ndjson \(0 of \d+ bytes hashed\), before the run began/);
    expect(io.err()).not.toMatch(/Redis/);
    for (const path of [out, `${out}.run.json`, `${out}.lock`]) expect(existsSync(path), path).toBe(false);
  });

  it('the creditlift process: SIGTERM while it hashes a 1 GiB input exits 130 before the hash could finish, with no manifest and no lock left', async () => {
    const input = sparseFile(join(work, 'huge.ndjson'), 1024 * 1024 * 1024);
    const out = join(work, 'huge.out.ndjson');
    const errors = join(work, 'huge.errors.ndjson');
    const run = spawnCli(['score', '--in', input, '--out', out, '--errors', errors]);
    // The errors file's locks are the last step before the hash.
    const deadline = Date.now() + 60_000;
    while (!existsSync(`${errors}.lock`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    run.child.kill('SIGTERM');
    expect(await run.exited, run.stderr()).toBe(130);
    const said = /interrupted while fingerprinting .*huge\.ndjson \(([\d,]+) of 1,073,741,824 bytes hashed\), before the run began/.exec(run.stderr());
    expect(said, run.stderr()).not.toBeNull();
    expect(Number(said![1]!.replace(/,/g, ''))).toBeLessThan(1024 * 1024 * 1024);
    for (const path of [out, errors, `${out}.run.json`, `${out}.lock`, `${errors}.lock`]) expect(existsSync(path), path).toBe(false);
    rmSync(input);
  }, 120_000);
});
