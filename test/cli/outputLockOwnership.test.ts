// A run's release and the exit hook removed its lock path whatever it held, so a
// lock another run held there by then (this run's deleted by hand and taken since; an identity lock
// taken over as naming a file since deleted) was removed under that run, and a third run could write
// its output beside it.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heldLockFiles, removeHeldLocks } from '../../src/cli/score/heldLocks.js';
import { lockOutputs, releaseLocks } from '../../src/cli/score/outputLock.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-lock-owner-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const anotherRun = `${JSON.stringify({ pid: 1, host: hostname(), process: 'start 7', nonce: 'another' })}\n`;

describe('a lock this run no longer holds is never removed by it', () => {
  it("release: a lock replaced by another run's is left to that run, and said so; this run's own are removed", async () => {
    const out = join(work, 'replaced.ndjson');
    const locks = await lockOutputs([out]);
    rmSync(`${out}.lock`);
    writeFileSync(`${out}.lock`, anotherRun);
    const said: string[] = [];
    await releaseLocks(locks, (t) => said.push(t));
    expect(readFileSync(`${out}.lock`, 'utf8')).toBe(anotherRun);
    expect(said.join('')).toMatch(/^warning: the lock file .*replaced\.ndjson\.lock holds another run's lock now, not this run's .*left to that run/);
    expect(said).toHaveLength(1);
    // The identity lock was this run's: gone.
    expect(heldLockFiles().filter((l) => l.path.includes('replaced') || !existsSync(l.path))).toEqual([]);
  });

  it("the exit hook (a second Ctrl-C): a replaced lock is left, this run's own are removed", async () => {
    const out = join(work, 'exiting.ndjson');
    const locks = await lockOutputs([out]);
    rmSync(`${out}.lock`);
    writeFileSync(`${out}.lock`, anotherRun);
    const said: string[] = [];
    removeHeldLocks((t) => said.push(t));
    expect(readFileSync(`${out}.lock`, 'utf8')).toBe(anotherRun);
    expect(existsSync(locks[1]!.path), "the identity lock, still this run's").toBe(false);
    expect(said.join('')).toMatch(/holds another run's lock now/);
    expect(heldLockFiles()).toEqual([]);
  });

  it('a lock another run is taking over right now (its takeover marker exists) is left for that run to remove', async () => {
    const out = join(work, 'taken.ndjson');
    const locks = await lockOutputs([out]);
    const text = readFileSync(`${out}.lock`, 'utf8');
    const marker = `${out}.lock.takeover-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    writeFileSync(marker, anotherRun);
    const said: string[] = [];
    await releaseLocks(locks, (t) => said.push(t));
    expect(readFileSync(`${out}.lock`, 'utf8')).toBe(text);
    expect(readFileSync(marker, 'utf8')).toBe(anotherRun);
    expect(said.join('')).toMatch(/^note: the lock file .*taken\.ndjson\.lock is being taken over by another run/);
  });
});
