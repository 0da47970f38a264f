// An error line of a run's output naming no input line (`{"error":{...}}`: no `line`, or one that is
// no whole number from 1) was counted as rejected without a word and the report exited 0, while the
// same line in the run's --errors file was named as unchecked and exited 3. Both files now alike.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-unnumbered-output-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let lines: string[];

beforeAll(async () => {
  const book = [exampleApplicants[0]!.applicant, { id: 'bad' }, { id: 'worse' }].map((a) => JSON.stringify(a));
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  expect(await runScoreCommand(['--in', file('in.ndjson'), '--out', file('run.ndjson'), '--suggestions', '0'], captureIo().io)).toBe(3);
  lines = readFileSync(file('run.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}, 60_000);

async function report(name: string, output: string[]) {
  const input = file(name);
  writeFileSync(input, `${output.join('\n')}\n`);
  const c = captureIo();
  const code = await runReportCommand([input, '--out', `${input}.html`], c.io);
  return { code, out: c.out(), err: c.err(), html: readFileSync(`${input}.html`, 'utf8') };
}

describe('report: an output error line naming no input line', () => {
  it('as score wrote them: no warning, exit 0', async () => {
    const r = await report('clean.ndjson', lines);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 60_000);

  it('is counted, named by its line and how many in a warning (stderr and page), said in the summary, and exits 3', async () => {
    const output = lines.map((l) => (l.startsWith('{"line":2,') ? l.replace('"line":2,', '') : l.replace('"line":3,', '"line":"3",')));
    const r = await report('unnumbered.ndjson', output);
    expect(r.err).toMatch(
      /warning: 2 error line\(s\) of .*unnumbered\.ndjson name no input line \(line 2, line 3\): score writes \{"line":N,\.\.\.\} on each, so these are counted as rejected but not checked/,
    );
    expect(r.html).toContain('name no input line (line 2, line 3)');
    expect(r.out).toMatch(/2 rejected, .*2 rejected naming no input line, not checked/);
    expect(r.code).toBe(3);
  }, 60_000);
});
