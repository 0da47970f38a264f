// Tester findings19-faults F4: an output folder made read-only mid-run printed raw errno lines
// ("error: EACCES: permission denied, open 'out/o.ndjson.run.json.tmp'") and a Node crash dump from
// the exit hook ("fatal: Error: EACCES ... unlink 'e.ndjson.lock'"), and the manifest failure did not
// say it was the run manifest, that the decisions were on disk, nor that --resume finishes it.
// A directory put where a file must be removed or written fails for root too (EISDIR), as a
// read-only folder fails for any other user.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHeldLockFile, removeHeldLocks } from '../../src/cli/score/heldLocks.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-end-failures-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A book of 600 records (ids `prefix0`...), and a decider whose second chunk runs `fail` (which throws). */
function failingSecondChunk(prefix: string, fail: () => never) {
  const input = join(work, `${prefix}.ndjson`);
  writeFileSync(input, `${Array.from({ length: 600 }, (_, i) => JSON.stringify({ id: `${prefix}${i}`, asOf: FAKE_AS_OF })).join('\n')}\n`);
  const decider = fakeDecider();
  const decide = decider.decide;
  let calls = 0;
  decider.decide = async (...a) => {
    if (++calls === 2) fail();
    return decide(...a);
  };
  return { input, out: join(work, `${prefix}-o.ndjson`), decider };
}

describe('errors at the end of a score run', () => {
  it('the exit hook never throws: a lock it cannot remove is named with what to do', () => {
    const lock = join(work, 'x.ndjson.lock');
    expect(createHeldLockFile(lock, 'this run\n')).toBeDefined();
    // Made a folder with something inside under the run: it can be neither read nor removed.
    rmSync(lock);
    mkdirSync(join(lock, 'inside'), { recursive: true });
    const said: string[] = [];
    expect(() => removeHeldLocks((t) => said.push(t))).not.toThrow();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^warning: the lock file .*x\.ndjson\.lock could not be removed \(.*\): no run holds it now; delete it/);
    // Said once: the lock is not held any more.
    removeHeldLocks((t) => said.push(t));
    expect(said).toHaveLength(1);
  });

  it('a manifest and a lock that cannot be written or removed at the end: one typed error naming the run manifest and --resume, exit 1; --resume then finishes it', async () => {
    const input = join(work, 'in.ndjson');
    writeFileSync(input, `${Array.from({ length: 20 }, (_, i) => JSON.stringify(i === 5 ? { nope: 1 } : { id: `r${i}`, asOf: FAKE_AS_OF })).join('\n')}\n`);
    const out = join(work, 'o.ndjson');
    const errors = join(work, 'e.ndjson');
    const decider = fakeDecider();
    const decide = decider.decide;
    // Mid-run, the end's manifest write and the errors lock's removal are made to fail.
    decider.decide = async (...a) => {
      if (!existsSync(`${out}.run.json.tmp`)) {
        mkdirSync(join(`${out}.run.json.tmp`, 'inside'), { recursive: true });
        rmSync(`${errors}.lock`);
        mkdirSync(join(`${errors}.lock`, 'inside'), { recursive: true });
      }
      return decide(...a);
    };
    const io = captureIo();
    const code = await runScoreCommand(['--in', input, '--out', out, '--errors', errors], io.io, { openDecider: async () => decider });
    expect(code).toBe(1);
    const lines = io.err().trim().split('\n');
    expect(
      lines.filter((l) => l.startsWith('error')),
      io.err(),
    ).toHaveLength(1);
    expect(io.err()).toMatch(
      /^error: the run manifest .*o\.ndjson\.run\.json could not be written \(.*\).*the lines the run wrote are on disk.*--resume to finish it/m,
    );
    expect(io.err()).toMatch(/^warning: the lock file .*e\.ndjson\.lock could not be removed/m);
    expect(io.err()).not.toMatch(/fatal|at /);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status.state).toBe('running');
    expect(existsSync(`${out}.lock`)).toBe(false);

    rmSync(`${out}.run.json.tmp`, { recursive: true });
    rmSync(`${errors}.lock`, { recursive: true });
    const again = captureIo();
    const resumed = fakeDecider();
    expect(await runScoreCommand(['--in', input, '--out', out, '--errors', errors, '--resume'], again.io, { openDecider: async () => resumed })).toBe(3);
    expect(resumed.decided).toHaveLength(0);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status).toMatchObject({ state: 'finished', decisions: 19, rejected: 1 });
  });

  it('a run that fails mid-way and cannot record it (a full disk) says so, with --resume, instead of leaving the manifest "running" without a word', async () => {
    // The second chunk fails as a full disk would (the runtime's own error is any error), and the
    // manifest's end cannot be written either.
    const { input, out, decider } = failingSecondChunk('mid', () => {
      mkdirSync(join(`${join(work, 'mid-o.ndjson')}.run.json.tmp`, 'inside'), { recursive: true });
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const io = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', out], io.io, { openDecider: async () => decider })).toBe(1);
    expect(io.err()).toMatch(/^error: .*ENOSPC/m);
    expect(io.err()).toMatch(
      /^warning: the run manifest .*mid-o\.ndjson\.run\.json could not be written \(.*\).*the lines the run wrote are on disk.*--resume to finish it/m,
    );
    expect(io.err()).not.toMatch(/fatal|at /);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status.state).toBe('running');

    rmSync(`${out}.run.json.tmp`, { recursive: true });
    const resumed = fakeDecider();
    expect(await runScoreCommand(['--in', input, '--out', out, '--resume'], captureIo().io, { openDecider: async () => resumed })).toBe(0);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status).toMatchObject({ state: 'finished', decisions: 600 });
  });

  it('a run that fails mid-way and records it says how to finish it', async () => {
    const { input, out, decider } = failingSecondChunk('mid2', () => {
      throw new Error('the runtime failed');
    });
    const io = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', out], io.io, { openDecider: async () => decider })).toBe(1);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status.state).toBe('incomplete');
    expect(io.err()).toMatch(
      /^note: the lines written before the failure are on disk and .*mid2-o\.ndjson\.run\.json records the run as incomplete: once the cause is fixed, run the same command with --resume to finish it$/m,
    );
  });
});
