import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scorerWorkerEntry } from '../../src/parallel/scorerWorkerEntry.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-orphan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a scorer worker whose pool is gone', () => {
  it('answering on the dead channel, it exits quietly (it printed an unhandled EPIPE stack trace)', async () => {
    const entry = scorerWorkerEntry(new URL('../parallel/fixtures/orphanedWorker.ts', import.meta.url));
    const stderrFile = join(work, 'worker.stderr');
    const parent = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../parallel/fixtures/orphanParent.mjs', import.meta.url)), entry.script, JSON.stringify(entry.execArgv), stderrFile],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(parent.signal, 'the pool process was killed with -9').toBe('SIGKILL');
    const pid = Number(parent.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    const deadline = Date.now() + 20_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(pid), 'the orphaned worker is gone').toBe(false);
    expect(readFileSync(stderrFile, 'utf8')).toBe('');
  }, 60_000);
});
