// Outside tester findings17-forensics F3: `report` of a run scored with `--errors` apart said
// "0 records rejected" (the rejections chart "no data") while the run manifest beside the output
// recorded 50 rejected and named the errors file; the same run scored without --errors said 50.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-errors-apart-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Four example applicants and two records the scorer refuses (lines 2 and 5): 4 decisions, 2 rejected.
const book = [
  JSON.stringify(exampleApplicants[0]!.applicant),
  JSON.stringify({ id: 'bad-1' }),
  ...exampleApplicants.slice(1, 3).map((e) => JSON.stringify(e.applicant)),
  JSON.stringify({ id: 'bad-2', income: 'lots' }),
  JSON.stringify(exampleApplicants[3]!.applicant),
];

beforeAll(async () => {
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  const score = (...args: string[]) => runScoreCommand(['--in', file('in.ndjson'), '--suggestions', '0', ...args], captureIo().io);
  expect(await score('--out', file('apart.ndjson'), '--errors', file('apart.err.ndjson'))).toBe(3);
  expect(await score('--out', file('together.ndjson'))).toBe(3);
}, 60_000);

async function report(input: string, out: string) {
  const c = captureIo();
  const code = await runReportCommand([input, '--out', out], c.io);
  return { code, out: c.out(), err: c.err(), html: readFileSync(out, 'utf8') };
}

const rejectedKpi = (html: string) => /<b>([0-9,]+)<\/b><span>records rejected<\/span>/.exec(html)?.[1];

describe('report of a run whose rejections went to --errors', () => {
  it('counts the rejected records of the errors file the manifest names, as the same run without --errors: 2, by code', async () => {
    const apart = await report(file('apart.ndjson'), file('apart.html'));
    const together = await report(file('together.ndjson'), file('together.html'));
    expect(together.out).toMatch(/report of 4 decisions \(2 rejected, 0 unreadable lines\)/);
    expect(apart.out).toMatch(/report of 4 decisions \(2 rejected from .*apart\.err\.ndjson, 0 unreadable lines\)/);
    expect(apart.code).toBe(0);
    expect(apart.err).toBe('');
    expect(rejectedKpi(apart.html)).toBe('2');
    expect(rejectedKpi(apart.html)).toBe(rejectedKpi(together.html));
    // The page says where the rejected records were read from.
    expect(apart.html).toContain('apart.err.ndjson');
    const chart = (html: string) => /<figure class="chart" id="chart-rejections">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(chart(apart.html)).toContain('validation_failed');
    expect(chart(apart.html)).toBe(chart(together.html));
  });

  it('an errors file that cannot be read is said, naming it and the rejected count the run recorded', async () => {
    copyFileSync(file('apart.ndjson'), file('gone.ndjson'));
    const manifest = JSON.parse(readFileSync(file('apart.ndjson.run.json'), 'utf8'));
    manifest.options.out = file('gone.ndjson');
    manifest.options.errors = file('gone.err.ndjson');
    writeFileSync(file('gone.ndjson.run.json'), JSON.stringify(manifest));
    const r = await report(file('gone.ndjson'), file('gone.html'));
    expect(r.err).toMatch(
      /warning: .*gone\.err\.ndjson \(--errors\), which could not be read .*the 2 record\(s\) it recorded rejected are not in these figures/,
    );
    expect(r.html).toContain('could not be read');
    // Recheck N4: the headline said "0 rejected from gone.err.ndjson" and the command exited 0.
    expect(r.out).toMatch(/0 rejected from .*gone\.err\.ndjson, not the run's: see the warning/);
    expect(r.code).toBe(3);
  });

  it('an errors file with a rejection removed is said: its count and bytes are not the run’s', async () => {
    copyFileSync(file('apart.ndjson'), file('cut.ndjson'));
    const errors = readFileSync(file('apart.err.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    writeFileSync(file('cut.err.ndjson'), `${errors[0]}\n`);
    const manifest = JSON.parse(readFileSync(file('apart.ndjson.run.json'), 'utf8'));
    manifest.options.out = file('cut.ndjson');
    manifest.options.errors = file('cut.err.ndjson');
    writeFileSync(file('cut.ndjson.run.json'), JSON.stringify(manifest));
    const r = await report(file('cut.ndjson'), file('cut.html'));
    expect(r.out).toMatch(/1 rejected from .*, not the run's: see the warning/);
    expect(r.code).toBe(3);
    // In the words the output's readers use (runFileWarning), one sentence: report had two of its own.
    expect(r.err).toMatch(
      /cut\.err\.ndjson is not the errors file the run wrote \(by the run manifest beside its output, .*cut\.ndjson\.run\.json\): its bytes are not those the run wrote .*; it holds 1 error line\(s\), the run recorded 2; its rejected figures are not the run's/,
    );
    expect(r.err).not.toMatch(/but the run recorded 2 rejected/);
  });

  it('a line of the errors file that is no error line is left out, named, exit 3', async () => {
    copyFileSync(file('apart.ndjson'), file('mixed.ndjson'));
    writeFileSync(file('mixed.err.ndjson'), `${readFileSync(file('apart.err.ndjson'), 'utf8')}not json\n`);
    const manifest = JSON.parse(readFileSync(file('apart.ndjson.run.json'), 'utf8'));
    manifest.options.out = file('mixed.ndjson');
    manifest.options.errors = file('mixed.err.ndjson');
    writeFileSync(file('mixed.ndjson.run.json'), JSON.stringify(manifest));
    const r = await report(file('mixed.ndjson'), file('mixed.html'));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/2 rejected/);
    expect(r.err).toMatch(
      /1 line\(s\) of .*mixed\.err\.ndjson, the run's errors file, are no error line and were left out of every figure: line 3: not valid JSON: .*\(invalid_json\)/,
    );
    unlinkSync(file('mixed.err.ndjson'));
  });
});
