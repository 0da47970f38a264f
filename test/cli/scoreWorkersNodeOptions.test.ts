// `NODE_OPTIONS=--inspect-brk creditlift score --workers 2` never finished once the command line
// itself was let go by its debugger: the pool's workers read the same NODE_OPTIONS and each waited
// for a debugger of its own, forever. The pool now starts them without it (src/parallel/workerNodeOptions.ts);
// here through the command line's own path, with NODE_OPTIONS set in this process as the shell sets it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-cli-nodeoptions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('score --workers 2 under NODE_OPTIONS=--inspect-brk decides every record', async () => {
  const input = join(work, 'book.ndjson');
  const output = join(work, 'out.ndjson');
  writeFileSync(input, exampleApplicants.map((ex) => JSON.stringify(ex.applicant)).join('\n'));
  const before = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = '--inspect-brk=0';
  let code: number;
  try {
    code = await runScoreCommand(['--in', input, '--out', output, '--workers', '2'], captureIo().io);
  } finally {
    if (before === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = before;
  }
  expect(code).toBe(0);
  const lines = readFileSync(output, 'utf8').split('\n').filter(Boolean);
  expect(lines).toHaveLength(exampleApplicants.length);
  for (const line of lines) expect(JSON.parse(line)).toHaveProperty('decision');
}, 60_000);
