// Task F77: on a full disk (`--out` on a full tmpfs), writing a lock's temporary file fails after the
// file is created, empty. It was created outside the cleanup, so every run that failed so, and every
// removal of a lock (its takeover marker is created the same way), left a `LOCK.PID.UUID.tmp` or
// `LOCK.takeover-HASH.PID.UUID.tmp` in the output's folder for good: two per run ended by ENOSPC,
// never removed by a later run that succeeded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeLockFile } from '../../src/cli/score/lockFile.js';

const moduleUrl = new URL('../../src/cli/score/lockFile.ts', import.meta.url).href;
const work = mkdtempSync(join(tmpdir(), 'creditlift-lock-full-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('lock files on a full disk', () => {
  // As a disk that fills up mid-write: a file-size limit of 8 KiB (SIGXFSZ ignored, so the write fails
  // EFBIG once the file is created) under lock texts of 20 KiB.
  it.runIf(existsSync('/bin/bash'))('creating or removing a lock fails with the error and leaves no temporary file behind', () => {
    const text = 'x'.repeat(20480);
    const created = join(work, 'created.ndjson.lock');
    const removed = join(work, 'removed.ndjson.lock');
    writeFileSync(removed, text);
    const script = `const { createLockFile, removeLockFile } = await import(${JSON.stringify(moduleUrl)});
      const text = 'x'.repeat(20480);
      const codes = [];
      try { createLockFile(${JSON.stringify(created)}, text); codes.push('created'); } catch (e) { codes.push(e.code); }
      try { codes.push(removeLockFile(${JSON.stringify(removed)}, text)); } catch (e) { codes.push(e.code); }
      console.log(JSON.stringify(codes));`;
    const run = spawnSync('/bin/bash', ['-c', 'trap "" XFSZ; ulimit -f 8; exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], {
      encoding: 'utf8',
    });
    expect(run.stdout.trim(), run.stderr).toBe('["EFBIG","EFBIG"]');
    expect(readdirSync(work)).toEqual(['removed.ndjson.lock']);
    // The lock stays its run's, and its next removal is not taken for a takeover in progress.
    expect(removeLockFile(removed, text)).toBe('removed');
  });
});
