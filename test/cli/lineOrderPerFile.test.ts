// `status.lineOrder` said one order for a run's output and its --errors file together: a resume that
// wrote error lines out of input order but decisions in order marked the decisions out of order too
// (and `report` warned of the output only where it could refuse it). Each file's order is now recorded
// on its own (`status.errorsLineOrder` beside `lineOrder`, the output's); a manifest recording one
// order (an older creditlift's) is read as before, that order for both files.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { readRunManifest } from '../../src/cli/score/runManifest.js';
import { lineOrderOf } from '../../src/cli/scoreLineNumbers.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';
import { scoredExamples, type ScoredExamples } from './scoreOutputReaderRig.js';

let rig: ScoredExamples;
let out: string;
let errors: string;
let manifest: { status: Record<string, unknown> };
let errorLines: string[];
beforeAll(async () => {
  rig = await scoredExamples('line-order-files', 1);
  const bad = { ...exampleApplicants[0]!.applicant, income: 'lots' };
  const input = [exampleApplicants[0]!.applicant, bad, bad, bad].map((a) => JSON.stringify(a)).join('\n');
  writeFileSync(rig.file('in4.ndjson'), `${input}\n`);
  out = rig.file('out.ndjson');
  errors = rig.file('err.ndjson');
  expect(await runScoreCommand(['--in', rig.file('in4.ndjson'), '--out', out, '--errors', errors, '--suggestions', '0'], captureIo().io)).toBe(3);
  manifest = JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));
  errorLines = readFileSync(errors, 'utf8').trim().split('\n');
}, 90_000);
afterAll(() => rig?.remove());

/** The errors file with its lines swapped (input lines 3, 2, 4), beside a resumed run's manifest recording `orders`. */
async function report(orders: { lineOrder?: string; errorsLineOrder?: string }): Promise<{ code: number; said: string }> {
  writeFileSync(errors, `${[errorLines[1], errorLines[0], errorLines[2]].join('\n')}\n`);
  const { files: _f, lineOrder: _o, errorsLineOrder: _e, ...status } = manifest.status;
  writeFileSync(`${out}.run.json`, JSON.stringify({ ...manifest, status: { ...status, runs: 2, ...orders } }));
  const io = captureIo();
  const code = await runReportCommand([out, '--out', `${out}.html`], io.io);
  return { code, said: io.err() + io.out() };
}

describe("each of a run's files keeps its own line order", () => {
  it('a first run records both files in input order', async () => {
    expect(manifest.status).toMatchObject({ lineOrder: 'input', errorsLineOrder: 'input' });
    const m = await readRunManifest(`${out}.run.json`);
    expect(lineOrderOf(m, 'errors')).toBe('input');
  });

  it('errors written out of order by a resume, decisions in order: report reads the errors file by its own order, warned of (exit 0), the output still held to input order', async () => {
    const r = await report({ lineOrder: 'input', errorsLineOrder: 'resumedDecidingAgain' });
    expect(r.said).not.toMatch(/run's manifest records them in input order/);
    expect(r.code).toBe(0);
    const m = await readRunManifest(`${out}.run.json`);
    expect(lineOrderOf(m)).toBe('input');
    expect(lineOrderOf(m, 'errors')).toBe('resumedDecidingAgain');
  }, 60_000);

  it('decisions written out of order by a resume, errors in order: the errors file out of order is refused (exit 3), as its own order says input', async () => {
    const r = await report({ lineOrder: 'resumedDecidingAgain', errorsLineOrder: 'input' });
    expect(r.code).toBe(3);
    expect(r.said).toMatch(/err\.ndjson name a lower input line than the line before .*the run's manifest records them in input order/);
  }, 60_000);

  it('an older manifest recording one order reads it for both files, as before', async () => {
    const r = await report({ lineOrder: 'input' });
    expect(r.code).toBe(3);
    const older = await report({ lineOrder: 'resumedDecidingAgain' });
    expect(older.code, older.said).toBe(0);
  }, 60_000);
});
