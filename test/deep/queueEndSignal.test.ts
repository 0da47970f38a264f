// In `npm run test:deep`: it spawns the CLI, a worker and Redis. Task F22: the end of a `score --queue`
// run under a signal, as test/deep/runEndSignal.test.ts holds the in-process run to it. The producer
// read its input again (to check it had not changed) and its outputs back (for the manifest's
// digests) without looking at a signal: a SIGTERM there waited for every byte (2.6 s on a 512 MiB
// input), then exited as if none had come. Both now stop at the next 64 KiB, exit 130, and the same
// command with --resume finishes the run deciding nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, type CliProcess } from '../distributed/cliProcess.js';
import { HAS_REDIS, startTestRedis, type TestRedis } from '../distributed/redisServer.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-queue-end-signal-'));

/** Records no applicant schema accepts (error lines, so no record waits for the model), padded to 16 KiB a line: 32 MiB. */
const RECORDS = 2048;
function badBook(path: string): string {
  const pad = ' '.repeat(16 * 1024 - 3);
  writeFileSync(path, Array.from({ length: RECORDS }, () => `{}${pad}\n`).join(''));
  return path;
}

const HOOK = ['--import', './test/deep/runEndSignal/sigtermAtRead.mjs'];
const manifestOf = (out: string) => JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));

/** How far the hash named in `stderr` got, and of how much. */
function hashed(stderr: string, file: string): { read: number; size: number } {
  const m = new RegExp(`\\(([\\d,]+) of ([\\d,]+) bytes of \\S*${file} hashed\\)`).exec(stderr);
  expect(m, stderr).not.toBeNull();
  const n = (s: string) => Number(s.replace(/,/g, ''));
  return { read: n(m![1]!), size: n(m![2]!) };
}

describe.skipIf(!HAS_REDIS)('the creditlift process: a signal at the end of a score --queue run', () => {
  let redis: TestRedis;
  let worker: CliProcess;
  beforeAll(async () => {
    redis = await startTestRedis();
    worker = spawnCli(['worker', '--queue', redis.url, '--lock-ms', '2000', '--redis-timeout', '60']);
  }, 120_000);
  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await redis?.dispose();
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  /** The same command with --resume: finishes the run (exit 3: every record is an error line), every line kept. */
  async function resumeFinishes(args: string[], out: string): Promise<void> {
    const lines = readFileSync(out, 'utf8');
    const again = spawnCli([...args, '--resume']);
    expect(await again.exited, again.stderr()).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe(lines);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'finished', exitCode: 3, rejected: RECORDS, lastInputLine: RECORDS });
    expect(status.files.output.size).toBe(lines.length);
  }

  it('SIGTERM as the input is read again to check it: exit 130 with the hash stopped early, the manifest incomplete; --resume finishes it', async () => {
    const input = badBook(join(work, 'check.ndjson'));
    const out = join(work, 'check.out.ndjson');
    const args = ['score', '--in', input, '--out', out, '--queue', redis.url, '--job', 'check'];
    const run = spawnCli(args, { nodeArgs: HOOK, env: { CREDITLIFT_TEST_SIGTERM_AT_READ: input, CREDITLIFT_TEST_SIGTERM_ONCE_WRITTEN: out } });
    expect(await run.exited, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(
      /interrupted: every input record has its line, but the run was stopped while it read the input again to check it had not changed/,
    );
    const { read, size } = hashed(run.stderr(), 'check\\.ndjson');
    expect(size).toBe(RECORDS * 16 * 1024);
    expect(read, 'stopped before the hash could finish').toBeLessThan(size);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 130 });
    expect(status.reason).toMatch(/while it read the input again/);
    // Nothing known of the input: no last line read is claimed, nor the files' digests (their sizes are).
    expect(status.lastInputLine).toBeUndefined();
    // Their sizes alone: known without reading them, so blank lines added since are caught.
    expect(status.files.output).toEqual({ size: statSync(out).size });
    await resumeFinishes(args, out);
  }, 300_000);

  it('SIGTERM as the output is read back for its digest: exit 130 (it was 3) with the hash stopped early; --resume finishes it', async () => {
    const input = badBook(join(work, 'digest.ndjson'));
    const out = join(work, 'digest.out.ndjson');
    const args = ['score', '--in', input, '--out', out, '--queue', redis.url, '--job', 'digest'];
    const run = spawnCli(args, { nodeArgs: HOOK, env: { CREDITLIFT_TEST_SIGTERM_AT_READ: out, CREDITLIFT_TEST_SIGTERM_ONCE_WRITTEN: out } });
    expect(await run.exited, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(
      /interrupted: every input record has its line, but the run was stopped while it read its files back for the run manifest's digests/,
    );
    const { read, size } = hashed(run.stderr(), 'digest\\.out\\.ndjson');
    expect(size).toBe(readFileSync(out).length);
    expect(read, 'stopped before the hash could finish').toBeLessThan(size);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 130, lastInputLine: RECORDS });
    // Their sizes alone: known without reading them, so blank lines added since are caught.
    expect(status.files.output).toEqual({ size: statSync(out).size });
    await resumeFinishes(args, out);
  }, 300_000);
});
