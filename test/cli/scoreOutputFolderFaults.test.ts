// Task F77 (an outside probe): `score --out` (or `--errors`) in a folder that does not exist, is a
// plain file, or that the user may not write (a read-only mount, another user's folder) failed with
// a raw "error: ENOENT: no such file or directory, open '/abs/nodir/x.ndjson.lock.8414.3bf2....tmp'":
// a temporary file of the run's lock, naming neither the option nor the file the user gave. Now the
// message names the option and the file, and says what to do; the exit stays 1 (the file system's).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-out-folder-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const input = join(work, 'book.ndjson');
writeFileSync(input, `${JSON.stringify(exampleApplicants[0]!.applicant)}\n`);
const aFile = join(work, 'plain.txt');
writeFileSync(aFile, 'not a folder');

describe('score --out or --errors where no file can be made', () => {
  for (const [what, folder, cause] of [
    ['a folder that does not exist', join(work, 'nodir'), 'ENOENT'],
    ['a plain file as its folder', aFile, 'ENOTDIR'],
  ] as const) {
    it(`${what}: exit 1 naming the option, the file and the cause, no lock's temporary file; nothing left behind`, async () => {
      const bad = join(folder, 'x.ndjson');
      const good = join(work, 'ok.ndjson');
      for (const [option, argv] of [
        ['--out', ['--in', input, '--out', bad]],
        ['--errors', ['--in', input, '--out', good, '--errors', bad]],
      ] as const) {
        const c = captureIo();
        expect(await runScoreCommand([...argv], c.io), c.err()).toBe(1);
        expect(c.err()).toContain(`error: ${option} ${bad} could not be written: `);
        expect(c.err()).toContain(cause);
        expect(c.err()).not.toMatch(/\.tmp/);
        expect(readdirSync(work).sort(), option).toEqual(['book.ndjson', 'plain.txt']);
      }
    });
  }

  it('score --queue says the same, before it reaches Redis', async () => {
    const bad = join(work, 'nodir', 'x.ndjson');
    const c = captureIo();
    // Port 1 on loopback: nothing listens, and the run must fail before it tries.
    expect(await runScoreCommand(['--in', input, '--out', bad, '--queue', 'redis://127.0.0.1:1/0', '--job', 'f77'], c.io), c.err()).toBe(1);
    expect(c.err()).toContain(`error: --out ${bad} could not be written: `);
    expect(c.err()).not.toMatch(/\.tmp/);
  });
});
