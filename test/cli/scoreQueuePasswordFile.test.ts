// `score --resume` (or --overwrite) without --queue removes the Redis keys of the --queue run it
// continues, but took no password: on a Redis with one it could only say so and leave the keys to
// expire. It now takes --queue-password-file (or CREDITLIFT_QUEUE_PASSWORD); the option anywhere it
// cannot serve is refused or said, never silently ignored. (Against a real password Redis:
// test/deep/queuePassword.test.ts.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-score-pwfile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const input = join(work, 'in.ndjson');
writeFileSync(input, `${Array.from({ length: 3 }, (_, i) => JSON.stringify({ id: `r${i}`, asOf: FAKE_AS_OF })).join('\n')}\n`);
const pwFile = join(work, 'redis.pw');
writeFileSync(pwFile, 'S3cret\n', { mode: 0o600 });
const deps = { openDecider: async () => fakeDecider() };

describe('score --queue-password-file without --queue', () => {
  it('is refused (exit 2) on a run that starts afresh: it talks to no Redis', async () => {
    const io = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', join(work, 'fresh.ndjson'), '--queue-password-file', pwFile], io.io, deps)).toBe(2);
    expect(io.err()).toMatch(/^error: --queue-password-file applies with --queue, or with --resume or --overwrite/);
  });

  it('with --resume of a run that was no --queue job: decided as ever, and a note says the password went unused', async () => {
    const out = join(work, 'plain.ndjson');
    const first = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', out], first.io, deps), first.err()).toBe(0);
    const io = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', out, '--resume', '--queue-password-file', pwFile], io.io, deps), io.err()).toBe(0);
    expect(io.err()).toContain(
      `note: --queue-password-file ${pwFile} was not used: the run that wrote ${out} was no --queue job, so no Redis holds its records\n`,
    );
    expect(io.err()).not.toContain('S3cret');
  });

  // findings26 F6: with --overwrite and no output yet (or --out a device), it passed without a word.
  it('with --overwrite of an output no run wrote yet: decided as ever, and a note says the password went unused', async () => {
    const out = join(work, 'fresh-overwrite.ndjson');
    const io = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', out, '--overwrite', '--queue-password-file', pwFile], io.io, deps), io.err()).toBe(0);
    expect(io.err()).toContain(
      `note: --queue-password-file ${pwFile} was not used: no run manifest names a --queue job beside ${out} (${out}.run.json), so no Redis holds its records\n`,
    );
    expect(
      readFileSync(out, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    ).toHaveLength(3);
  });

  it('with --overwrite of --out /dev/null: decided as ever, and a note says the password went unused', async () => {
    const io = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', '/dev/null', '--overwrite', '--queue-password-file', pwFile], io.io, deps), io.err()).toBe(0);
    expect(io.err()).toContain(
      `note: --queue-password-file ${pwFile} was not used: --out /dev/null is a character device, not a run's output, so no Redis holds its records\n`,
    );
  });

  it('from CREDITLIFT_QUEUE_PASSWORD, set for every command, with --overwrite of a fresh output: no note', async () => {
    const io = captureIo();
    const out = join(work, 'fresh-env.ndjson');
    expect(
      await runScoreCommand(['--in', input, '--out', out, '--overwrite'], { ...io.io, env: { CREDITLIFT_QUEUE_PASSWORD: 'S3cret' } }, deps),
      io.err(),
    ).toBe(0);
    expect(io.err()).not.toMatch(/not used/);
  });

  it('naming the same file as --out is refused before anything is written; an unusable password file is refused (exit 1) before the output is touched', async () => {
    const io = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', pwFile, '--overwrite', '--queue-password-file', pwFile], io.io, deps)).toBe(2);
    expect(io.err()).toMatch(/^error: an output must not be the input file: --out .* is the input --queue-password-file/);
    expect(readFileSync(pwFile, 'utf8')).toBe('S3cret\n');
    const empty = join(work, 'empty.pw');
    writeFileSync(empty, '');
    const out = join(work, 'untouched.ndjson');
    const bad = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', out, '--overwrite', '--queue-password-file', empty], bad.io, deps)).toBe(1);
    expect(bad.err()).toMatch(/--queue-password-file .*empty\.pw: the file holds no password/);
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
  });
});
