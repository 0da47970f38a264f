// In `npm run test:deep`: it spawns the CLI. Task F12: the creditlift process and real signals at
// the steps test/cli/scoreRunEndSignal.test.ts stops in process, and the empty output a second
// signal left.
// - A SIGTERM while a run read its input again at its end (to check it had not changed), or read
//   its outputs back for the manifest's digests, waited for every byte, then exited 0 as if none
//   had come: both now stop at the next 64 KiB, exit 130, and the same command with --resume
//   finishes the run deciding nothing.
// - A second signal (process.exit at once) while the input was fingerprinted left --out and
//   --errors behind, created empty to lock them; a rerun took them for outputs like any other.
//   The process's exit now removes them with the locks.
import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../distributed/cliProcess.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-run-end-signal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * 512 records no applicant schema accepts (each an error line of about 1.8 KB, so no record waits
 * for the model), padded to 4 MiB: 64 chunks of the input's hash and about 14 of the output's, so a
 * signal at the first cannot wait for the last.
 */
function badBook(path: string): string {
  const pad = ' '.repeat(8192 - 3);
  writeFileSync(path, Array.from({ length: 512 }, () => `{}${pad}\n`).join(''));
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

/** The same command with --resume: finishes the run (exit 3: every record is an error line), every line kept. */
async function resumeFinishes(args: string[], out: string): Promise<void> {
  const lines = readFileSync(out, 'utf8');
  const again = spawnCli([...args, '--resume']);
  expect(await again.exited, again.stderr()).toBe(3);
  expect(readFileSync(out, 'utf8')).toBe(lines);
  const { status } = manifestOf(out);
  expect(status).toMatchObject({ state: 'finished', exitCode: 3, rejected: 512, lastInputLine: 512 });
  expect(status.files.output.size).toBe(lines.length);
}

describe('the creditlift process: a signal at the end of a run', () => {
  it('SIGTERM as the input is read again to check it: exit 130 with the hash stopped early, the manifest incomplete; --resume finishes it', async () => {
    const input = badBook(join(work, 'check.ndjson'));
    const out = join(work, 'check.out.ndjson');
    const args = ['score', '--in', input, '--out', out];
    const run = spawnCli(args, { nodeArgs: HOOK, env: { CREDITLIFT_TEST_SIGTERM_AT_READ: input, CREDITLIFT_TEST_SIGTERM_ONCE_WRITTEN: out } });
    expect(await run.exited, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(
      /interrupted: every input record has its line, but the run was stopped while it read the input again to check it had not changed/,
    );
    const { read, size } = hashed(run.stderr(), 'check\\.ndjson');
    expect(size).toBe(4 * 1024 * 1024);
    expect(read, 'stopped before the hash could finish').toBeLessThan(size);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 130 });
    // Their sizes alone: known without reading them, so blank lines added since are caught.
    expect(status.files.output).toEqual({ size: statSync(out).size });
    expect(existsSync(`${out}.lock`)).toBe(false);
    await resumeFinishes(args, out);
  }, 120_000);

  it('SIGTERM as the output is read back for its digest: exit 130 (it was 3) with the hash stopped early; --resume finishes it', async () => {
    const input = badBook(join(work, 'digest.ndjson'));
    const out = join(work, 'digest.out.ndjson');
    const args = ['score', '--in', input, '--out', out];
    const run = spawnCli(args, { nodeArgs: HOOK, env: { CREDITLIFT_TEST_SIGTERM_AT_READ: out, CREDITLIFT_TEST_SIGTERM_ONCE_WRITTEN: out } });
    expect(await run.exited, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(
      /interrupted: every input record has its line, but the run was stopped while it read its files back for the run manifest's digests/,
    );
    const { read, size } = hashed(run.stderr(), 'digest\\.out\\.ndjson');
    expect(size).toBe(readFileSync(out).length);
    expect(read, 'stopped before the hash could finish').toBeLessThan(size);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 130, lastInputLine: 512 });
    // Their sizes alone: known without reading them, so blank lines added since are caught.
    expect(status.files.output).toEqual({ size: statSync(out).size });
    await resumeFinishes(args, out);
  }, 120_000);

  it('a second signal while the input is fingerprinted: exit 130 at once, and neither output, created empty to lock it, is left', async () => {
    const input = join(work, 'huge.ndjson');
    const fd = openSync(input, 'w');
    ftruncateSync(fd, 1024 * 1024 * 1024);
    closeSync(fd);
    const out = join(work, 'huge.out.ndjson');
    const errors = join(work, 'huge.errors.ndjson');
    const run = spawnCli(['score', '--in', input, '--out', out, '--errors', errors]);
    // The errors file's locks are the last step before the hash.
    const deadline = Date.now() + 60_000;
    while (!existsSync(`${errors}.lock`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    // Two signals the kernel cannot merge into one: the first stops the hash, the second the process.
    run.child.kill('SIGINT');
    run.child.kill('SIGTERM');
    expect(await run.exited, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(/interrupted again: stopped at once/);
    for (const path of [out, errors, `${out}.run.json`, `${out}.lock`, `${errors}.lock`]) expect(existsSync(path), path).toBe(false);
    rmSync(input);
  }, 120_000);
});
