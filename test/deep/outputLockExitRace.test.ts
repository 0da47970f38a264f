// In `npm run test:deep`: it spawns a child per exit point, which slowed the suite people run often.
// Task F2 (locks): a lock file was created (link into place) one file-system round trip before it
// was registered for removal at exit (heldLocks.ts), so a second Ctrl-C in that gap left
// ERRORS.lock behind and the next run was refused (seen once as a flaky secondSignal.test.ts).
// Deterministic: a child process takes the locks and exits right after its Nth file-system step,
// for every N until taking them finishes, so every point between two steps is an exit point.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'creditlift-lock-exit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs exitAtStep.ts with TMPDIR `temp` (where its identity locks go); resolves with its output and exit code. */
function exitAtStep(folder: string, temp: string, step: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/cli/lockRace/exitAtStep.ts', join(folder, 'out.ndjson'), join(folder, 'err.ndjson'), String(step)],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: temp } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under `folder`, recursively, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => join(d.parentPath, d.name).slice(folder.length + 1))
    .sort();
}

describe('output locks and an exit at any moment while they are taken', () => {
  it('law: whatever file-system step the process exits after (a second Ctrl-C), no lock, takeover marker, temporary file or output created to lock it is left behind', async () => {
    const left: string[] = [];
    let finished = false;
    // One TMPDIR for all, so tsx compiles once; its identity-lock folder is shared by the children
    // of a batch (their outputs are distinct files) and must be empty after each batch.
    const temp = join(work, 'tmp');
    const identityLocks = join(temp, `creditlift-locks-${process.getuid?.() ?? 'user'}`);
    mkdirSync(temp);
    // Four children at a time: each is mostly Node's start-up.
    for (let first = 1; !finished && first < 400; first += 4) {
      const steps = [first, first + 1, first + 2, first + 3];
      const results = await Promise.all(
        steps.map(async (step) => {
          const folder = join(work, `t${step}`);
          mkdirSync(folder);
          const r = await exitAtStep(folder, temp, step);
          // The outputs too, created empty to hold their inode: no run began, so none is left (task F12:
          // they stayed, and a rerun took them for outputs like any other).
          const files = filesUnder(folder);
          return { step, r, files };
        }),
      );
      for (const { step, r, files } of results) {
        expect(r.code === 0 || r.code === 130, `step ${step}: ${r.stderr}`).toBe(true);
        if (files.length > 0) left.push(`exit at step ${step}: ${files.join(', ')}`);
        if (r.stdout.includes('done')) finished = true;
      }
      const identityLeft = existsSync(identityLocks) ? filesUnder(identityLocks) : [];
      if (identityLeft.length > 0) left.push(`exit at steps ${steps.join(', ')}: ${identityLeft.join(', ')} in the identity lock folder`);
      for (const f of identityLeft) rmSync(join(identityLocks, f));
    }
    expect(finished, 'taking the locks finished within the steps tried').toBe(true);
    expect(left).toEqual([]);
  }, 240_000);
});
