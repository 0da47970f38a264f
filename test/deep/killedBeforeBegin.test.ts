// In `npm run test:deep`: it spawns the CLI and kills it. Task F22: `kill -9` while a run
// fingerprinted its input (before the first decision) left --out and --errors as it created them
// empty to lock them, with its locks; the rerun said only that it took the locks over, and took the
// empty files for outputs like any other. It now names each as the killed run's and starts afresh,
// with or without --resume or --overwrite (test/cli/killedBeforeBegin.test.ts holds each in process).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../distributed/cliProcess.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-killed-before-begin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** 512 records no applicant schema accepts (error lines: no record waits for the model). */
function badBook(path: string): string {
  writeFileSync(path, '{}\n'.repeat(512));
  return path;
}

describe('the creditlift process: kill -9 while it fingerprints its input', () => {
  it("leaves the empty outputs and dead locks; the same command with --resume names them as the killed run's and decides every record", async () => {
    const input = badBook(join(work, 'book.ndjson'));
    const out = join(work, 'out.ndjson');
    const errors = join(work, 'errors.ndjson');
    const args = ['score', '--in', input, '--out', out, '--errors', errors];
    const killed = spawnCli(args, {
      nodeArgs: ['--import', './test/deep/runEndSignal/sigkillAtFingerprint.mjs'],
      env: { CREDITLIFT_TEST_SIGKILL_AT_READ: input, CREDITLIFT_TEST_SIGKILL_WHILE_EMPTY: out },
    });
    expect(await killed.exited, killed.stderr()).toBe(137);
    // What the kill left: nothing removes it (no exit hook runs under SIGKILL).
    for (const path of [out, errors]) expect(readFileSync(path, 'utf8'), path).toBe('');
    for (const path of [`${out}.lock`, `${errors}.lock`]) expect(existsSync(path), path).toBe(true);
    expect(existsSync(`${out}.run.json`)).toBe(false);

    const again = spawnCli([...args, '--resume']);
    expect(await again.exited, again.stderr()).toBe(3);
    const pid = killed.child.pid;
    for (const path of [out, errors])
      expect(again.stderr()).toContain(
        `note: ${path} is empty and has no run manifest: run ${pid} created it to lock it and was killed before it began; it is started afresh\n`,
      );
    expect(readFileSync(errors, 'utf8').trim().split('\n')).toHaveLength(512);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status).toMatchObject({ state: 'finished', runs: 1, exitCode: 3, rejected: 512 });
  }, 120_000);
});
