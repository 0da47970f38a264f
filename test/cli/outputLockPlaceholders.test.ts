// Task F12: an output that did not exist is created empty to lock it (a file has no inode to hold
// before). A second Ctrl-C (process.exit) before the run began left it behind with the locks gone,
// and a rerun took the unexplained empty file for an output like any other. It is now removed at
// exit with the locks, unless the run began (its manifest written), when it is the run's output.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heldLockFiles, heldPlaceholders, removeHeldLocks } from '../../src/cli/score/heldLocks.js';
import { lockOutputs, releaseLocks } from '../../src/cli/score/outputLock.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-lock-placeholders-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const quiet = () => undefined;
// This file's only: the suite's files share a worker's modules, and another's may still be held.
const mine = () => heldPlaceholders().filter((p) => p.startsWith(work));

describe('outputs created to lock them', () => {
  it('the exit removes an output created to lock it that no run began, still empty, before its locks; one that had bytes or existed before stays', async () => {
    const created = join(work, 'created.ndjson');
    const existed = join(work, 'existed.ndjson');
    writeFileSync(existed, '');
    const written = join(work, 'written.ndjson');
    const locks = await lockOutputs([created, existed, written], quiet);
    expect(mine().sort()).toEqual([created, written].sort());
    // Bytes written to it (not by a run that began): someone's, never removed.
    writeFileSync(written, '{"line":1}\n');
    const said: string[] = [];
    removeHeldLocks((t) => said.push(t));
    expect(said).toEqual([]);
    expect(existsSync(created)).toBe(false);
    expect(existsSync(existed)).toBe(true);
    expect(existsSync(written)).toBe(true);
    expect(mine()).toEqual([]);
    expect(heldLockFiles().filter((l) => l.path.startsWith(work))).toEqual([]);
    await releaseLocks(locks, quiet);
  });

  it('kept once the run began: the exit leaves it (its manifest explains it), empty or not', async () => {
    const out = join(work, 'began.ndjson');
    const locks = await lockOutputs([out], quiet);
    for (const lock of locks) lock.keepCreated();
    expect(mine()).toEqual([]);
    removeHeldLocks(quiet);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(`${out}.lock`)).toBe(false);
    await releaseLocks(locks, quiet);
  });

  it("discarded by a run refused before it began: removed, and no longer the exit's to remove", async () => {
    const out = join(work, 'refused.ndjson');
    const locks = await lockOutputs([out], quiet);
    for (const lock of locks) await lock.discardCreated();
    expect(existsSync(out)).toBe(false);
    expect(mine()).toEqual([]);
    // A file of that name made since is another's: the exit does not touch it.
    writeFileSync(out, '');
    await releaseLocks(locks, quiet);
    removeHeldLocks(quiet);
    expect(existsSync(out)).toBe(true);
  });
});
