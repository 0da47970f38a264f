// `creditlift report` and `monitor --decisions` read the output of a score run as `verify` reads it.
// Before: two outputs put together ({"line":N,...} named twice, lower than the line before) drew no
// word from either (verify warned); `cat out out` said "2 rejected" for a run that rejected 1 (an
// error line read twice counted twice, where the repeated decisions counted once), and two runs'
// outputs put together counted each input record twice, silently. A repeated decision was warned of
// without naming a line. And report counted a line longer than 4 MiB as "1 unreadable lines" without
// naming it or why, where monitor names it `line_too_long` (and a byte that is not UTF-8 was read as
// U+FFFD: an error line so changed was counted as a rejection).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultMonitorBaselinePath } from '../../src/monitor/defaultMonitorBaselinePath.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorDecisions } from '../../src/monitor/runMonitor.js';
import { splitLines } from '../../src/cli/score/splitLines.js';
import { createReadStream } from 'node:fs';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-decision-readers-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const linesOf = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

// Six example applicants and, at input line 4, a record the scorer refuses: 6 decisions, 1 error line.
const book = [
  ...exampleApplicants.slice(0, 3).map((e) => JSON.stringify(e.applicant)),
  JSON.stringify({ id: 'bad' }),
  ...exampleApplicants.slice(3, 6).map((e) => JSON.stringify(e.applicant)),
];
let base: string[];
let otherPolicy: string[];

beforeAll(async () => {
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  writeFileSync(file('pol2.json'), JSON.stringify({ pricing: { margin: 0.04 } }));
  const score = (out: string, ...extra: string[]) => runScoreCommand(['--in', file('in.ndjson'), '--out', out, '--suggestions', '0', ...extra], captureIo().io);
  expect(await score(file('base.ndjson'))).toBe(3);
  expect(await score(file('pol2.ndjson'), '--policy', file('pol2.json'))).toBe(3);
  base = linesOf(file('base.ndjson'));
  otherPolicy = linesOf(file('pol2.ndjson'));
  expect(base).toHaveLength(7);
  expect(base[3]).toMatch(/^\{"line":4,"error":/);
}, 90_000);

function write(name: string, lines: readonly (string | Buffer)[]): string {
  const path = file(name);
  writeFileSync(path, Buffer.concat(lines.flatMap((l) => [Buffer.isBuffer(l) ? l : Buffer.from(l), Buffer.from('\n')])));
  return path;
}

async function report(path: string) {
  const c = captureIo();
  const code = await runReportCommand([path, '--out', `${path}.html`], c.io);
  return { code, out: c.out(), err: c.err(), html: readFileSync(`${path}.html`, 'utf8') };
}

async function monitor(path: string) {
  const c = captureIo();
  const code = await runMonitorCommand(['--decisions', path, '--out', `${path}.json`], c.io);
  const json = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { records: number; errors: number; warnings: string[] };
  return { code, out: c.out(), json, warnings: json.warnings.join('\n') };
}

describe('report and monitor --decisions: input line numbers named twice or out of order, as verify warns', () => {
  it("the run's own output: no word of line numbers", async () => {
    const r = await report(file('base.ndjson'));
    expect(r.err).not.toMatch(/input line|more than one line|word for word/);
    expect(r.out).toMatch(/report of 6 decisions \(1 rejected, 0 unreadable lines\)/);
    const m = await monitor(file('base.ndjson'));
    expect(m.warnings).not.toMatch(/input line|more than one line|word for word/);
  });

  it('one output twice (cat out out): warned of by line, each decision and the error line counted once ("1 rejected", was 2)', async () => {
    const path = write('twice.ndjson', [...base, ...base]);
    const r = await report(path);
    expect(r.err).toMatch(
      /warning: 7 line\(s\) of .*twice\.ndjson name an input line an earlier line names too \(line 8 \(input line 1\), line 9 \(input line 2\), line 10 \(input line 3\), line 11 \(input line 4\), line 12 \(input line 5\) and 2 more\)/,
    );
    expect(r.err).toMatch(/warning: 1 line\(s\) of .*twice\.ndjson name a lower input line than the line before \(line 8 \(input line 1 after 7\)\)/);
    expect(r.err).toMatch(
      /warning: 6 decision\(s\) of .*twice\.ndjson appear on more than one line \(the same audit\.decisionId; lines 8, 9, 10, 12, 13, 14\): each is counted once/,
    );
    expect(r.err).toMatch(
      /warning: 1 error line\(s\) of .*twice\.ndjson repeat, word for word, an earlier error line of the same input line \(line 11 \(input line 4\)\): each is counted once/,
    );
    expect(r.err).not.toMatch(/counted twice|more answer/);
    expect(r.out).toMatch(/report of 6 decisions \(1 rejected, 0 unreadable lines, 6 repeated, counted once, 1 error line\(s\) repeated, counted once\)/);
    expect(r.html).toContain('name an input line an earlier line names too');
    // Counted once, but no score run wrote the file: exit 3, as verify and monitor exit (was 0).
    expect(r.code).toBe(3);

    const m = await monitor(path);
    expect(m.warnings).toMatch(/7 line\(s\) of the file name an input line an earlier line names too \(line 8 \(input line 1\), .* and 2 more\)/);
    expect(m.warnings).toMatch(/1 line\(s\) of the file name a lower input line than the line before \(line 8 \(input line 1 after 7\)\)/);
    expect(m.warnings).toMatch(
      /6 decision\(s\) appear on more than one line \(the same audit\.decisionId; line 8, line 9, line 10, line 12, line 13 and 1 more\): each is counted once/,
    );
    expect(m.warnings).toMatch(
      /1 error line\(s\) of the file repeat, word for word, an earlier error line of the same input line \(line 11 \(input line 4\)\): each is counted once/,
    );
    // The error line once: one record not measured, as in the output alone.
    expect(m.json.errors).toBe(1);
    expect(m.json.records).toBe(14);
  });

  it("two runs' outputs put together (another policy): each input record answered twice is counted twice, and said, naming the lines", async () => {
    const path = write('two-runs.ndjson', [...base, ...otherPolicy]);
    const r = await report(path);
    expect(r.err).toMatch(/warning: 7 line\(s\) of .*two-runs\.ndjson name an input line an earlier line names too/);
    expect(r.err).toMatch(
      /warning: 6 line\(s\) of .*two-runs\.ndjson answer an input line an earlier counted line answers too \(line 8 \(input line 1\), line 9 \(input line 2\), line 10 \(input line 3\), line 12 \(input line 5\), line 13 \(input line 6\) and 1 more\): each answer is counted, so the figures count 6 answer\(s\) more than the input records they answer/,
    );
    // The refused record's error line is the same in both runs: a copy, counted once.
    expect(r.out).toMatch(
      /report of 12 decisions \(1 rejected, 0 unreadable lines, 1 error line\(s\) repeated, counted once, 6 answering an input line answered before, counted again\)/,
    );
    const m = await monitor(path);
    expect(m.warnings).toMatch(/6 line\(s\) of the file answer an input line an earlier counted line answers too \(line 8 \(input line 1\), .* and 1 more\)/);
    expect(m.json.errors).toBe(1);
  });

  it('lines moved: warned of as a lower input line, but not when the manifest records a resume that decided records again', async () => {
    const moved = [base[1] as string, base[0] as string, ...base.slice(2)];
    const path = write('moved.ndjson', moved);
    const r = await report(path);
    expect(r.err).toMatch(/warning: 1 line\(s\) of .*moved\.ndjson name a lower input line than the line before \(line 2 \(input line 1 after 2\)\)/);
    expect(r.err).not.toMatch(/earlier line names too/);
    const m = await monitor(path);
    expect(m.warnings).toMatch(/1 line\(s\) of the file name a lower input line than the line before \(line 2 \(input line 1 after 2\)\)/);

    // The same order, written by a resume that decided input line 1 again (after the rest): said by
    // its order as score records it now, or by its counts alone as a creditlift before that did.
    for (const recorded of [true, false]) {
      const resumed = write(`resumed-${recorded}.ndjson`, moved);
      const manifest = JSON.parse(readFileSync(`${file('base.ndjson')}.run.json`, 'utf8')) as {
        status: { runs: number; events: Record<string, number>; files?: unknown; lineOrder?: string };
      };
      manifest.status.runs = 2;
      manifest.status.events.missingAnswersDecidedAgain = 1;
      if (recorded) manifest.status.lineOrder = 'resumedDecidingAgain';
      else delete manifest.status.lineOrder;
      delete manifest.status.files;
      writeFileSync(`${resumed}.run.json`, JSON.stringify(manifest));
      expect((await report(resumed)).err).not.toMatch(/lower input line/);
      expect((await monitor(resumed)).warnings).not.toMatch(/lower input line/);
    }

    // From code: monitorDecisions takes it as an option, a boolean.
    const baseline = parseMonitorBaseline(JSON.parse(readFileSync(defaultMonitorBaselinePath(), 'utf8')));
    const run = (resumedDecidingAgain?: unknown) =>
      monitorDecisions({ lines: splitLines(createReadStream(path)), baseline, period: 'month', resumedDecidingAgain: resumedDecidingAgain as boolean });
    expect((await run()).warnings.join('\n')).toMatch(/1 line\(s\) of the file name a lower input line than the line before/);
    expect((await run(true)).warnings.join('\n')).not.toMatch(/lower input line/);
    await expect(run('yes')).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['resumedDecidingAgain'], code: 'invalid_type' })] });
  });
});

describe('report: a line it cannot read is named for why, as monitor names it', () => {
  it('a line longer than 4 MiB is line_too_long, naming the limit; a byte that is not UTF-8 is invalid_utf8, never read as U+FFFD', async () => {
    const huge = JSON.stringify({ line: 8, decision: { pad: 'x'.repeat(4 * 1024 * 1024 + 10) } });
    const badByte = Buffer.concat([Buffer.from('{"line":9,"error":{"code":"validation_failed","message":"m'), Buffer.from([0xff]), Buffer.from('"}}')]);
    const path = write('unreadable.ndjson', [...base, huge, badByte, '{oops']);
    const r = await report(path);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(
      /warning: 3 line\(s\) of .*unreadable\.ndjson were not read as a decision or an error line and were left out of every figure, each for its reason/,
    );
    expect(r.err).toMatch(/line 8: the line is longer than the 4 MiB a record may take \(line_too_long\)/);
    expect(r.err).toMatch(/line 9: not UTF-8: invalid byte at offset \d+ of the file \(invalid_utf8\)/);
    expect(r.err).toMatch(/line 10: not valid JSON: unexpected text at line 1, column 2 \(invalid_json\)/);
    // The error line with the bad byte is not a rejection.
    expect(r.out).toMatch(/report of 6 decisions \(1 rejected, 3 unreadable lines \(1 line_too_long, 1 invalid_utf8, 1 invalid_json\)\)/);
    expect(r.html).toContain('line_too_long');
    // Monitor names the same lines in the same words.
    const c = captureIo();
    await runMonitorCommand(['--decisions', path, '--out', `${path}.json`], c.io);
    const errors = readFileSync(`${path}.errors.ndjson`, 'utf8');
    expect(errors).toMatch(/"line":8.*the line is longer than the 4 MiB a record may take \(line_too_long\)/);
    expect(errors).toMatch(/"line":9.*not UTF-8: invalid byte at offset \d+ of the file \(invalid_utf8\)/);
    expect(errors).toMatch(/"line":10.*not valid JSON/);
  });
});
