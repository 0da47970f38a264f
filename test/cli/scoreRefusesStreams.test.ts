// An outside recheck (findings13-recheck N2): `score --in /dev/stdin` from a pipe (or a process
// substitution) read 0 records and exited 1 "changed while it was being read ... run again with
// --overwrite", which could not help, since a run reads its input more than once; `--out
// /dev/stdout` to a pipe failed with a raw ENOENT on a lock under /proc. Both are now refused by
// name before anything is written (exit 2); /dev/null stays a fine --errors.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-streams-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fifo = (name: string): string => {
  const path = join(work, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
};

describe.runIf(process.platform !== 'win32')('score refuses a pipe as its input or output, by name', () => {
  it('--in a pipe: exit 2 naming --in, nothing written', async () => {
    const input = fifo('in.fifo');
    const out = join(work, 'a.ndjson');
    const io = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', out], io.io)).toBe(2);
    expect(io.err()).toMatch(/--in .*in\.fifo is a pipe, not a file/);
    expect(readdirSync(work).filter((f) => f.startsWith('a.'))).toEqual([]);
  });

  it('--out or --errors a pipe: exit 2 naming the option, no raw ENOENT', async () => {
    const input = join(work, 'book.ndjson');
    writeFileSync(input, `${JSON.stringify(exampleApplicants[0]!.applicant)}\n`);
    const pipe = fifo('out.fifo');
    for (const argv of [
      ['--in', input, '--out', pipe],
      ['--in', input, '--out', join(work, 'b.ndjson'), '--errors', pipe],
    ]) {
      const io = captureIo();
      expect(await runScoreCommand(argv, io.io)).toBe(2);
      expect(io.err()).toMatch(/--(out|errors) .*out\.fifo is a pipe, not a file/);
      expect(io.err()).not.toMatch(/ENOENT/);
    }
    expect(readdirSync(work).filter((f) => f.startsWith('b.'))).toEqual([]);
    // Refused before any lock: no OUT.lock, manifest or temporary file beside the pipe.
    expect(readdirSync(work).filter((f) => f.startsWith('out.fifo.'))).toEqual([]);
  });

  it('a folder as --in is named too', async () => {
    const io = captureIo();
    expect(await runScoreCommand(['--in', work, '--out', join(work, 'c.ndjson')], io.io)).toBe(2);
    expect(io.err()).toMatch(/is a folder, not a file/);
  });
});
