import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockOutputs } from '../../src/cli/score/outputLock.js';
import { LockFolderUnsafeError } from '../../src/cli/score/lockFolderUnsafeError.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo } from './fakeDecider.js';

// The identity locks sat in one folder shared by every user, `<tmp>/creditlift-locks` (mode 1777). Anyone
// could make that name a plain file, and every `score` run on the host then exited 1 with a raw EEXIST and
// left an empty output behind; anyone could plant a lock for a victim's output that the victim could not
// delete, and the lock files (0644) named every user's output paths. The folder is now each user's own,
// `<tmp>/creditlift-locks-<uid>`, mode 0700, its lock files 0600, and a folder by that name that is not a
// folder of this user's closed to others refuses the run by name.
const work = mkdtempSync(join(tmpdir(), 'creditlift-lockdir-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const posix = process.getuid !== undefined;
const folderName = `creditlift-locks-${process.getuid?.() ?? ''}`;

/** Runs `f` with the system's temporary folder at `tmp` (os.tmpdir reads TMPDIR at every call). */
async function withTmp<T>(tmp: string, f: () => Promise<T>): Promise<T> {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

/** True when a folder cannot be made in `parent` (a read-only or special file system). */
function cannotMakeFolderIn(parent: string): boolean {
  const probe = join(parent, `creditlift-probe-${process.pid}`);
  try {
    mkdirSync(probe);
    rmSync(probe, { recursive: true });
    return false;
  } catch (e) {
    return existsSync(parent) && (e as NodeJS.ErrnoException).code !== 'EEXIST';
  }
}

let n = 0;
function fresh(): { tmp: string; dir: string } {
  const base = join(work, String(n++));
  const tmp = join(base, 'tmp');
  const dir = join(base, 'runs');
  mkdirSync(tmp, { recursive: true });
  mkdirSync(dir);
  return { tmp, dir };
}

describe.runIf(posix)('the identity-lock folder is the user’s own', () => {
  it('is <tmp>/creditlift-locks-<uid>, mode 0700, its lock files 0600; two runs on one output still exclude each other', async () => {
    const { tmp, dir } = fresh();
    await withTmp(tmp, async () => {
      const out = join(dir, 'out.ndjson');
      const first = await lockOutputs([out]);
      const folder = join(tmp, folderName);
      expect(statSync(folder).mode & 0o7777).toBe(0o700);
      const locks = readdirSync(folder);
      expect(locks).toHaveLength(1);
      expect(statSync(join(folder, locks[0] as string)).mode & 0o777).toBe(0o600);
      expect(statSync(`${out}.lock`).mode & 0o777).toBe(0o600);
      await expect(lockOutputs([out])).rejects.toThrow(/being written by another creditlift score run/);
      for (const lock of first) await lock.release();
    });
  });

  for (const [what, plant] of [
    ['a plain file', (p: string) => writeFileSync(p, '')],
    ['a symbolic link to a folder', (p: string) => symlinkSync(work, p)],
    [
      'a folder open to other users (mode 1777)',
      (p: string) => {
        mkdirSync(p);
        chmodSync(p, 0o1777);
      },
    ],
  ] as const) {
    it(`a folder by that name that is ${what} refuses the run by name (exit 2), and no empty output is left behind`, async () => {
      const { tmp, dir } = fresh();
      plant(join(tmp, folderName));
      await withTmp(tmp, async () => {
        const out = join(dir, 'out.ndjson');
        await expect(lockOutputs([out])).rejects.toBeInstanceOf(LockFolderUnsafeError);
        expect(existsSync(out), 'output created to hold its inode').toBe(false);
        expect(existsSync(`${out}.lock`), 'lock beside the output').toBe(false);

        const input = join(dir, 'in.ndjson');
        writeFileSync(input, '{}\n');
        const io = captureIo();
        expect(await runScoreCommand(['--in', input, '--out', out], io.io)).toBe(2);
        expect(io.err()).toContain(join(tmp, folderName));
        expect(io.err()).not.toMatch(/EEXIST/);
        expect(readdirSync(dir).sort()).toEqual(['in.ndjson']);
      });
    });
  }

  // An outside recheck: TMPDIR naming a folder that does not exist, or a file, failed every run
  // with a raw ENOENT or ENOTDIR (exit 1); the previous package created the path without a word.
  for (const [what, tmpOf] of [
    ['a folder that does not exist', (base: string) => join(base, 'missing', 'tmp')],
    [
      'a plain file',
      (base: string) => {
        writeFileSync(join(base, 'file'), '');
        return join(base, 'file');
      },
    ],
  ] as const) {
    it(`TMPDIR naming ${what} refuses the run by name (exit 2), creating nothing`, async () => {
      const { tmp, dir } = fresh();
      const bad = tmpOf(tmp);
      await withTmp(bad, async () => {
        const out = join(dir, 'out.ndjson');
        await expect(lockOutputs([out])).rejects.toThrow(/TMPDIR/);
        const input = join(dir, 'in.ndjson');
        writeFileSync(input, '{}\n');
        const io = captureIo();
        expect(await runScoreCommand(['--in', input, '--out', out], io.io)).toBe(2);
        expect(io.err()).toContain(bad);
        expect(io.err()).not.toMatch(/ENOENT|ENOTDIR/);
        expect(readdirSync(dir).sort()).toEqual(['in.ndjson']);
      });
      expect(existsSync(join(tmp, 'missing')), 'the missing folder is not created').toBe(false);
    });
  }

  // An outside recheck: a full or read-only TMPDIR failed with a bare "ENOSPC: no space left on device,
  // write" (or EROFS), naming neither TMPDIR nor the folder. /sys stands for one here: nothing may be made in it.
  it.runIf(cannotMakeFolderIn('/sys'))(
    'a temporary folder the lock folder cannot be made or written in fails the run (exit 1) naming it and TMPDIR',
    async () => {
      const { dir } = fresh();
      await withTmp('/sys', async () => {
        const input = join(dir, 'in.ndjson');
        writeFileSync(input, '{}\n');
        const io = captureIo();
        expect(await runScoreCommand(['--in', input, '--out', join(dir, 'out.ndjson')], io.io)).toBe(1);
        expect(io.err()).toMatch(
          /^error: the temporary folder \/sys \(TMPDIR, or the system's default\) cannot hold this run's output locks \(\/sys\/creditlift-locks-/,
        );
        expect(readdirSync(dir).sort()).toEqual(['in.ndjson']);
      });
    },
  );

  it('an existing output is left as it was when the folder refuses the run', async () => {
    const { tmp, dir } = fresh();
    writeFileSync(join(tmp, folderName), '');
    await withTmp(tmp, async () => {
      const out = join(dir, 'out.ndjson');
      writeFileSync(out, '');
      await expect(lockOutputs([out])).rejects.toBeInstanceOf(LockFolderUnsafeError);
      expect(existsSync(out), 'an empty output the user made is theirs').toBe(true);
    });
  });
});
