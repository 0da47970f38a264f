// Task F12: two steps at the end of a `score` run read whole files and did not look at the signal:
// reading the input again to check it had not changed, and reading the outputs back for the run
// manifest's digests. A SIGTERM then waited for every byte (seconds for some GiB) and the run
// exited 0 as if nothing had come. Now both stop at the signal: exit 130, the manifest saying what
// was left, and the same command with --resume finishes it deciding nothing. In process here, the
// signal aborted at a chosen step; test/deep/runEndSignal.test.ts sends real signals.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchDecider } from '../../src/cli/score/batchDecider.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-run-end-signal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const path = (name: string) => join(work, `${n}-${name}`);
const withDecider = (d: BatchDecider) => ({ openDecider: async () => d });
const manifestOf = (out: string) => JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));
const digestOf = (file: string) => {
  const bytes = readFileSync(file);
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
};

/** Eight applicants, the sixth invalid (an error line); one chunk at the default --batch. */
function book(): string {
  return `${Array.from({ length: 8 }, (_, i) => JSON.stringify(i === 5 ? { id: i } : { id: `r${i}`, asOf: FAKE_AS_OF })).join('\n')}\n`;
}

/** The same command with --resume and no signal: it must finish the run deciding nothing. */
async function resumeFinishes(args: string[], out: string, errors: string): Promise<void> {
  const lines = { out: readFileSync(out, 'utf8'), errors: readFileSync(errors, 'utf8') };
  const d = fakeDecider();
  const io = captureIo();
  expect(await runScoreCommand([...args, '--resume'], io.io, withDecider(d)), io.err()).toBe(3);
  expect(d.decided, 'every record was answered before: none is decided again').toEqual([]);
  expect(readFileSync(out, 'utf8')).toBe(lines.out);
  expect(readFileSync(errors, 'utf8')).toBe(lines.errors);
  const { status } = manifestOf(out);
  expect(status).toMatchObject({ state: 'finished', exitCode: 3, decisions: 7, rejected: 1, lastInputLine: 8 });
  expect(status.reason).toBeUndefined();
  expect(status.files).toEqual({ output: digestOf(out), errors: digestOf(errors) });
}

describe('score: a signal at the end of a run stops the reading of whole files there', () => {
  it('while the input is read again to check it: exit 130, saying so; the manifest incomplete, without digests or a last input line; --resume finishes it', async () => {
    n++;
    writeFileSync(path('in.ndjson'), book());
    const out = path('out.ndjson');
    const errors = path('err.ndjson');
    const args = ['--in', path('in.ndjson'), '--out', out, '--errors', errors];
    const stop = new AbortController();
    const d = fakeDecider();
    const decide = d.decide;
    // The signal comes as the last chunk is decided: every record is answered, the input check is next.
    d.decide = async (records) => {
      const r = await decide(records);
      stop.abort();
      return r;
    };
    const io = captureIo({ signal: stop.signal });
    expect(await runScoreCommand(args, io.io, withDecider(d)), io.err()).toBe(130);
    const size = readFileSync(path('in.ndjson')).length;
    expect(io.err()).toMatch(
      new RegExp(
        `interrupted: every input record has its line, but the run was stopped while it read the input again to check it had not changed \\(0 of ${size.toLocaleString('en-US')} bytes of .*in\\.ndjson hashed\\); run the same command with --resume to check it again and finish`,
      ),
    );
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(7);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({
      state: 'incomplete',
      exitCode: 130,
      reason: expect.stringMatching(/^interrupted \(a signal\) while it read the input again/),
    });
    // The input read is not known to be the run's, so its last line says nothing; nor were the files read back.
    expect(status.lastInputLine).toBeUndefined();
    // Their sizes alone, known without reading them: blank lines added change them (a reader had the count alone).
    expect(status.files).toEqual({ output: { size: readFileSync(out).length }, errors: { size: readFileSync(errors).length } });
    expect(status.reason).toMatch(/its files were not read back for their digests \(a signal stops that too\)$/);
    for (const lock of [`${out}.lock`, `${errors}.lock`]) expect(existsSync(lock), lock).toBe(false);
    await resumeFinishes(args, out, errors);
  });

  it('while the files are read back for their digests: exit 130 (it was 3), saying so; the input checked, so its last line is kept; --resume finishes it', async () => {
    n++;
    writeFileSync(path('in.ndjson'), book());
    const out = path('out.ndjson');
    const errors = path('err.ndjson');
    const args = ['--in', path('in.ndjson'), '--out', out, '--errors', errors];
    const stop = new AbortController();
    // The clock is read as the records start and once the input check is done, just before the
    // digests: the signal comes then.
    let reads = 0;
    const now = () => {
      if (++reads === 2) stop.abort();
      return reads * 1000;
    };
    const io = captureIo({ signal: stop.signal, now });
    expect(await runScoreCommand(args, io.io, withDecider(fakeDecider())), io.err()).toBe(130);
    expect(reads).toBe(2);
    expect(io.err()).toMatch(
      new RegExp(
        `interrupted: every input record has its line, but the run was stopped while it read its files back for the run manifest's digests \\(0 of ${readFileSync(out).length.toLocaleString('en-US')} bytes of .*out\\.ndjson hashed\\); run the same command with --resume to record them and finish\\n$`,
      ),
    );
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 130, decisions: 7, rejected: 1, lastInputLine: 8 });
    expect(status.reason).toMatch(/^interrupted \(a signal\) while it read its files back for the run manifest's digests/);
    expect(status.files).toEqual({ output: { size: readFileSync(out).length }, errors: { size: readFileSync(errors).length } });
    await resumeFinishes(args, out, errors);
  });

  it('a run stopped while it decides does not read its files back either (the signal stops that too), and says so', async () => {
    n++;
    writeFileSync(path('in.ndjson'), book());
    const out = path('out.ndjson');
    const stop = new AbortController();
    const d = fakeDecider();
    const decide = d.decide;
    d.decide = async (records) => {
      const r = await decide(records);
      if (d.calls === 1) stop.abort();
      return r;
    };
    const io = captureIo({ signal: stop.signal });
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', out, '--batch', '3'], io.io, withDecider(d)), io.err()).toBe(130);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 130 });
    expect(status.reason).toBe(
      'interrupted (a signal) before the input was read to its end; its files were not read back for their digests (a signal stops that too)',
    );
    expect(status.files).toEqual({ output: { size: readFileSync(out).length } });
  });
});
