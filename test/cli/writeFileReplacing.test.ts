import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const moduleUrl = new URL('../../src/cli/writeFileReplacing.ts', import.meta.url).href;
import { writeFileReplacing } from '../../src/cli/writeFileReplacing.js';

describe('writeFileReplacing', () => {
  it('replaces a file whole, keeping its mode, through a link, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-replace-'));
    const page = join(dir, 'r.html');
    writeFileSync(page, 'yesterday', { mode: 0o640 });
    const link = join(dir, 'latest.html');
    symlinkSync(page, link);
    await writeFileReplacing(link, 'today');
    expect(readFileSync(page, 'utf8')).toBe('today');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(page).mode & 0o777).toBe(0o640);
    await writeFileReplacing(join(dir, 'new.html'), 'fresh');
    expect(readFileSync(join(dir, 'new.html'), 'utf8')).toBe('fresh');
    expect(readdirSync(dir).sort()).toEqual(['latest.html', 'new.html', 'r.html']);
  });

  // As a disk that fills up mid-write: a file-size limit of 8 KiB (SIGXFSZ ignored, so the write fails
  // EFBIG) under a 20 KiB page. report --out and monitor --html left a cut page over the good one.
  it.runIf(existsSync('/bin/bash'))('a write that fails midway leaves the earlier file as it was and no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-replace-'));
    const page = join(dir, 'r.html');
    writeFileSync(page, 'the good page');
    const script = `const { writeFileReplacing } = await import(${JSON.stringify(moduleUrl)}); await writeFileReplacing(${JSON.stringify(page)}, 'x'.repeat(20480));`;
    const run = spawnSync('/bin/bash', ['-c', 'trap "" XFSZ; ulimit -f 8; exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], {
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${page} could not be written: EFBIG`);
    expect(readFileSync(page, 'utf8')).toBe('the good page');
    expect(readdirSync(dir)).toEqual(['r.html']);
  });

  it.runIf(existsSync('/dev/null'))('a device is written as it is, never replaced', async () => {
    await writeFileReplacing('/dev/null', 'nothing');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
