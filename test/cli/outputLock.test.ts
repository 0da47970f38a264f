import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockOutput, lockOutputs } from '../../src/cli/score/outputLock.js';
import { processMark } from '../../src/cli/score/processMark.js';
import { RunRefusedError } from '../../src/cli/score/runRefusedError.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The pid of a process that has exited: what a run killed with -9 leaves in its lock. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) throw new Error('no child pid');
  return pid;
}

describe('lockOutput', () => {
  it("law: runs taking over a dead run's lock at the same moment: exactly one wins, every other is refused (100 rounds of 6)", async () => {
    const out = join(work, 'race.ndjson');
    const dead = deadPid();
    for (let round = 0; round < 100; round++) {
      writeFileSync(`${out}.lock`, `${JSON.stringify({ pid: dead, host: hostname() })}\n`);
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => lockOutput(out)));
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won, `round ${round}: runs that hold the lock`).toHaveLength(1);
      for (const e of refused) expect(e).toBeInstanceOf(RunRefusedError);
      // The winner removed the stale lock itself, or found it just removed by a run that then lost the race to create it.
      expect([dead, undefined]).toContain(won[0]!.tookOverFrom);
      expect(JSON.parse(readFileSync(`${out}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
      await won[0]!.release();
      expect(
        readdirSync(work).filter((f) => f.startsWith('race.ndjson.lock')),
        'nothing left behind',
      ).toEqual([]);
    }
  });

  it('a run that died in the middle of a takeover (its marker left behind) does not hold the output forever', async () => {
    const out = join(work, 'crashed.ndjson');
    const stale = `${JSON.stringify({ pid: deadPid(), host: hostname() })}\n`;
    writeFileSync(`${out}.lock`, stale);
    const marker = `${out}.lock.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
    writeFileSync(marker, `${JSON.stringify({ pid: deadPid(), host: hostname(), nonce: 'x' })}\n`);
    const lock = await lockOutput(out);
    expect(JSON.parse(readFileSync(`${out}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(existsSync(marker)).toBe(false);
    await lock.release();
  });

  it('a marker held by a live run refuses a second taker, as the lock itself would', async () => {
    const out = join(work, 'taking.ndjson');
    const stale = `${JSON.stringify({ pid: deadPid(), host: hostname() })}\n`;
    writeFileSync(`${out}.lock`, stale);
    const marker = `${out}.lock.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
    writeFileSync(marker, `${JSON.stringify({ pid: process.pid, host: hostname(), process: processMark(), nonce: 'y' })}\n`);
    await expect(lockOutput(out)).rejects.toThrow(RunRefusedError);
    expect(readFileSync(`${out}.lock`, 'utf8')).toBe(stale);
  });

  it('a live lock is never taken; a released one is free again', async () => {
    const out = join(work, 'live.ndjson');
    const lock = await lockOutput(out);
    await expect(lockOutput(out)).rejects.toThrow(/being written by another creditlift score run/);
    await lock.release();
    expect(existsSync(`${out}.lock`)).toBe(false);
    await (await lockOutput(out)).release();
  });

  it("a file named through a link is held under the file's own name: a second run naming it either way is refused", async () => {
    const out = join(work, 'linked-out.ndjson');
    writeFileSync(out, '');
    const link = join(work, 'link-to-out.ndjson');
    symlinkSync(out, link);
    const first = await lockOutputs([join(work, 'other.ndjson'), link]);
    await expect(lockOutputs([out])).rejects.toBeInstanceOf(RunRefusedError);
    await expect(lockOutputs([link])).rejects.toBeInstanceOf(RunRefusedError);
    for (const lock of first) await lock.release();
    // One file named twice in one run is held once: beside its real name, and by its device and inode.
    const both = await lockOutputs([out, link]);
    expect(both.map((l) => l.path)).toEqual([`${out}.lock`, expect.stringMatching(/creditlift-locks-[^/\\]+[/\\]\d+-\d+\.lock$/)]);
    for (const lock of both) await lock.release();
  });

  it('a file named through a hard link is held by what it is (device and inode): a second run naming it by another name is refused', async () => {
    const sub = mkdtempSync(join(work, 'hard-'));
    const out = join(sub, 'a.out');
    writeFileSync(out, '');
    const other = join(sub, 'b.out');
    linkSync(out, other);
    const first = await lockOutputs([out]);
    await expect(lockOutputs([other])).rejects.toThrow(
      new RegExp(`${other.replace(/[.]/g, '\\.')} is .*${out.replace(/[.]/g, '\\.')}.* being written by another creditlift score run`),
    );
    // A file created by the lock (it did not exist) is held by what it is from the start.
    const fresh = join(sub, 'fresh.out');
    const second = await lockOutputs([fresh]);
    linkSync(fresh, join(sub, 'fresh-link.out'));
    await expect(lockOutputs([join(sub, 'fresh-link.out')])).rejects.toBeInstanceOf(RunRefusedError);
    for (const lock of [...first, ...second]) await lock.release();
    // Released, either name may be taken again, and nothing is left behind.
    for (const lock of await lockOutputs([other, join(sub, 'fresh-link.out')])) await lock.release();
    expect(readdirSync(sub).filter((f) => f.includes('.lock'))).toEqual([]);
    // One file named twice in one run (two hard links) is held once.
    const both = await lockOutputs([out, other]);
    expect(both.map((l) => l.path)).toEqual([`${out}.lock`, expect.stringMatching(/creditlift-locks-[^/\\]+[/\\]\d+-\d+\.lock$/)]);
    for (const lock of both) await lock.release();
  });

  // A lock by device and inode whose holder lives on (a service, a test runner) but whose file was
  // deleted: the temporary folder gave the inode to a new file at once, and the new file was
  // refused as "being written by another creditlift score run" (npm test failed now and then).
  it('an identity lock naming a file that is gone, or is now another file, holds nothing, even while its process lives', async () => {
    const sub = mkdtempSync(join(work, 'reused-'));
    const out = join(sub, 'new.out');
    writeFileSync(out, '');
    const other = join(sub, 'other.out');
    writeFileSync(other, '');
    const { dev, ino } = statSync(out, { bigint: true });
    const folder = join(tmpdir(), `creditlift-locks-${process.getuid?.() ?? ''}`);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const lockPath = join(folder, `${dev}-${ino}.lock`);
    for (const gone of [join(sub, 'deleted.out'), other]) {
      writeFileSync(lockPath, `${JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'n', file: gone })}\n`);
      const locks = await lockOutputs([out]);
      expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, file: expect.stringContaining('new.out') });
      for (const lock of locks) await lock.release();
    }
    // A dead run's lock of a file since deleted (its inode now this file's) is no takeover of this
    // file: nothing is said of it, and no empty output of this file is taken for that run's.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockPath, `${JSON.stringify({ pid: dead, host: hostname(), nonce: 'd', file: join(sub, 'deleted.out') })}\n`);
    const afterDead = await lockOutputs([out]);
    expect(afterDead.map((l) => l.tookOverFrom)).toEqual([undefined, undefined]);
    for (const lock of afterDead) await lock.release();
    // Naming the file itself, a live holder still holds it.
    writeFileSync(lockPath, `${JSON.stringify({ pid: process.pid, host: hostname(), process: processMark(), nonce: 'n', file: out })}\n`);
    await expect(lockOutputs([out])).rejects.toThrow(/being written by another creditlift score run/);
    // ...and is not said to name it through a hard link: it names it by its own name.
    await expect(lockOutputs([out])).rejects.toThrow(new RegExp(`^${out.replace(/[.]/g, '\\.')} is being written by`));
    rmSync(lockPath, { force: true });
  });

  // In a container the run is pid 1, and so is the --resume after a kill -9 (a fresh pid namespace):
  // the lock naming pid 1 was taken for a live run, since pid 1 is alive (it is the resuming run).
  it("a lock naming this process's pid but written by another process (an earlier pid 1) is stale: taken over, both locks", async () => {
    const sub = mkdtempSync(join(work, 'pid1-'));
    const out = join(sub, 'out.ndjson');
    writeFileSync(out, '{"line":1}\n');
    const { dev, ino } = statSync(out, { bigint: true });
    const folder = join(tmpdir(), `creditlift-locks-${process.getuid?.() ?? ''}`);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const identityLock = join(folder, `${dev}-${ino}.lock`);
    for (const mark of [{ process: 'start 1' }, {}]) {
      // Written by a process with this pid before this one (another start time), or by an older creditlift.
      writeFileSync(`${out}.lock`, `${JSON.stringify({ pid: process.pid, host: hostname(), ...mark, nonce: 'a' })}\n`);
      writeFileSync(identityLock, `${JSON.stringify({ pid: process.pid, host: hostname(), ...mark, nonce: 'b', file: out })}\n`);
      const locks = await lockOutputs([out]);
      expect(locks.map((l) => l.tookOverFrom)).toEqual([process.pid, process.pid]);
      for (const path of [`${out}.lock`, identityLock])
        expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, process: processMark() });
      // This process's own lock still holds against a second run in it.
      await expect(lockOutputs([out])).rejects.toBeInstanceOf(RunRefusedError);
      for (const lock of locks) await lock.release();
    }
    expect(readFileSync(out, 'utf8')).toBe('{"line":1}\n');
  });

  it("this process's mark is one value for the process, read from its start time on Linux", () => {
    expect(processMark()).toBe(processMark());
    if (process.platform === 'linux') expect(processMark()).toMatch(/^start \d+$/);
  });
});
