// Task F22: a run killed (kill -9) before it began, while it fingerprinted its input, leaves its
// outputs as it created them empty to lock them, with its locks. A rerun took the locks over with a
// note ("that run has ended") and then took the empty files for outputs like any other, saying
// nothing of them; if the rerun did not begin either (a Ctrl-C while it fingerprinted, a refusal),
// it left them behind as its own. Now a rerun names each as the killed run's, starts afresh, and
// removes it as it removes an output it created itself when it does not begin.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-killed-before-begin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const book = join(work, 'book.ndjson');
writeFileSync(book, `${Array.from({ length: 4 }, (_, i) => JSON.stringify({ id: `r${i}`, asOf: FAKE_AS_OF })).join('\n')}\n`);
// A process that has ended: the pid a killed run's locks name.
const deadPid = spawnSync(process.execPath, ['-e', '']).pid as number;

/** What a run killed while it fingerprinted leaves: each output empty, and its lock naming the dead run. */
function killedRunLeft(...outputs: string[]): void {
  for (const path of outputs) {
    writeFileSync(path, '');
    writeFileSync(`${path}.lock`, `${JSON.stringify({ pid: deadPid, host: hostname(), process: 'killed', nonce: randomUUID() })}\n`);
  }
}

const leftNote = (path: string) =>
  `note: ${path} is empty and has no run manifest: run ${deadPid} created it to lock it and was killed before it began; it is started afresh\n`;

describe('outputs a run killed before it began left empty', () => {
  for (const how of [[], ['--resume'], ['--overwrite']]) {
    it(`a rerun ${how.join(' ') || 'as it was'} names them and decides every record`, async () => {
      const out = join(work, `rerun${how.join('')}.ndjson`);
      const errors = join(work, `rerun${how.join('')}.errors.ndjson`);
      killedRunLeft(out, errors);
      const io = captureIo();
      expect(await runScoreCommand(['--in', book, '--out', out, '--errors', errors, ...how], io.io, { openDecider: async () => fakeDecider() }), io.err()).toBe(
        0,
      );
      expect(io.err()).toContain(leftNote(out));
      expect(io.err()).toContain(leftNote(errors));
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(4);
      expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status).toMatchObject({ state: 'finished', runs: 1 });
    });
  }

  it('a rerun stopped before it began too removes them, as outputs it created itself', async () => {
    const out = join(work, 'stopped.ndjson');
    const errors = join(work, 'stopped.errors.ndjson');
    killedRunLeft(out, errors);
    const stop = new AbortController();
    stop.abort();
    const io = captureIo({ signal: stop.signal });
    expect(await runScoreCommand(['--in', book, '--out', out, '--errors', errors], io.io, { openDecider: async () => fakeDecider() }), io.err()).toBe(130);
    for (const path of [out, errors, `${out}.lock`, `${errors}.lock`, `${out}.run.json`]) expect(existsSync(path), path).toBe(false);
  });

  it('score --queue: the same, its rerun stopped before it reaches Redis (none is running on this URL)', async () => {
    const out = join(work, 'queued.ndjson');
    killedRunLeft(out);
    const stop = new AbortController();
    stop.abort();
    const io = captureIo({ signal: stop.signal });
    expect(await runScoreCommand(['--in', book, '--out', out, '--queue', 'redis://127.0.0.1:1/0', '--job', 'left'], io.io), io.err()).toBe(130);
    expect(io.err()).toContain(leftNote(out));
    for (const path of [out, `${out}.lock`, `${out}.run.json`]) expect(existsSync(path), path).toBe(false);
  });

  it("an empty output beside a run manifest is that run's (it began): kept, and not called the killed run's", async () => {
    const out = join(work, 'began.ndjson');
    const first = captureIo();
    expect(await runScoreCommand(['--in', book, '--out', out], first.io, { openDecider: async () => fakeDecider() }), first.err()).toBe(0);
    killedRunLeft(out);
    const stop = new AbortController();
    stop.abort();
    const io = captureIo({ signal: stop.signal });
    expect(await runScoreCommand(['--in', book, '--out', out, '--resume'], io.io, { openDecider: async () => fakeDecider() })).toBe(130);
    expect(io.err()).not.toMatch(/killed before it began/);
    expect(existsSync(out)).toBe(true);
  });

  it("an empty file no dead run locked is the user's: not named, and left when the run does not begin", async () => {
    const out = join(work, 'touched.ndjson');
    writeFileSync(out, '');
    const stop = new AbortController();
    stop.abort();
    const io = captureIo({ signal: stop.signal });
    expect(await runScoreCommand(['--in', book, '--out', out], io.io, { openDecider: async () => fakeDecider() })).toBe(130);
    expect(io.err()).not.toMatch(/killed before it began/);
    expect(existsSync(out)).toBe(true);
  });
});
