// Blank lines added to a score run's files where its manifest records no digest to vouch for the bytes
// (a run a signal stopped before it read its files back; a manifest of an older creditlift). Before,
// a run that wrote decisions was held to its decision count alone, which blank lines leave as it was:
// `verify`, `report` and `monitor --decisions` all exited 0 for "line, blank, line, blank, line" where
// the run wrote three lines, and said nothing. Now a run stopped before its digests records its files'
// sizes (read without reading the files), and the readers hold the file to them; with neither digest
// nor size, they name the blank lines (score writes none). All three exit 3, in one sentence.
// `report` holds the run's --errors file to the run in the same words (it had its own).
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';
import { runReaders, scoredExamples, type ScoredExamples } from './scoreOutputReaderRig.js';

let rig: ScoredExamples;
let file: (name: string) => string;
let base: readonly string[];
/** The base run's manifest, as JSON. */
let manifest: { status: Record<string, unknown> & { files?: unknown } };
beforeAll(async () => {
  rig = await scoredExamples('readers-blank', 3);
  ({ file, base } = rig);
  manifest = JSON.parse(readFileSync(`${file('base.ndjson')}.run.json`, 'utf8'));
}, 90_000);
afterAll(() => rig?.remove());

/** The base run's lines with a blank line after the first and a line of spaces after the second. */
const withBlankLines = () => `${base[0]}\n\n${base[1]}\n  \t\n${base[2]}\n`;

/** `text` written to `name`, beside the base run's manifest with `files` in place of its digests (none when undefined). */
function beside(name: string, text: string, files: unknown): string {
  const path = file(name);
  writeFileSync(path, text);
  const { files: _digests, ...status } = manifest.status;
  writeFileSync(`${path}.run.json`, JSON.stringify({ ...manifest, status: files === undefined ? status : { ...status, files } }));
  return path;
}

describe('blank lines added to the output of a run whose manifest records no digest', () => {
  it('no digest and no size (an older creditlift): exit 3 in verify, report and monitor (all were 0), each naming the blank lines in one sentence', async () => {
    const path = beside('old.ndjson', withBlankLines(), undefined);
    const r = await runReaders(path);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    const said =
      /old\.ndjson is not the file the run wrote \(by the run manifest beside it, .*old\.ndjson\.run\.json\): it holds 2 blank line\(s\) \(line 2, line 4\), which score does not write, and the run recorded neither the size nor the digest of the bytes it left to vouch for them; its figures are not the run's/;
    expect(r.verify).toMatch(said);
    expect(r.report).toMatch(said);
    expect(r.monitorWarnings).toMatch(said);
    // verify --manifest holds the file to the same rule.
    const v = captureIo();
    expect(await runVerifyCommand([path, '--manifest', `${path}.run.json`], v.io)).toBe(3);
    expect(v.out()).toMatch(/does not match the run manifest .*: it holds 2 blank line\(s\) \(line 2, line 4\), which score does not write/);
    // The same lines without the blank ones, beside the same manifest: all three take them (the blank lines made the 3).
    writeFileSync(path, `${base.join('\n')}\n`);
    const clean = await runReaders(path);
    expect(clean.exits.verify).toBe(0);
    expect(clean.exits.report).toBe(0);
    expect(clean.exits.monitor).not.toBe(3);
  }, 60_000);

  it('the size alone (a run a signal stopped before its digests): the byte count that no longer matches, exit 3 in all three', async () => {
    const size = readFileSync(file('base.ndjson')).length;
    const path = beside('sized.ndjson', withBlankLines(), { output: { size } });
    const r = await runReaders(path);
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    const said = new RegExp(
      `sized\\.ndjson is not the file the run wrote \\(by the run manifest beside it, .*sized\\.ndjson\\.run\\.json\\): it holds ${(size + 5).toLocaleString('en-US')} byte\\(s\\), the run left ${size.toLocaleString('en-US')} \\(its manifest records their size, not their digest\\); its figures are not the run's`,
    );
    expect(r.verify).toMatch(said);
    expect(r.report).toMatch(said);
    expect(r.monitorWarnings).toMatch(said);
    writeFileSync(path, readFileSync(file('base.ndjson')));
    const v = captureIo();
    expect(await runVerifyCommand([path, '--manifest', `${path}.run.json`], v.io)).toBe(0);
    expect(v.out()).toMatch(/matches the run manifest .*: the size of the bytes the run wrote, 3 decision\(s\)/);
    expect(v.out()).toMatch(/note: the manifest records the sizes of the run's files, not their digests \(a signal stopped the run/);
    const clean = await runReaders(path);
    expect(clean.exits.verify).toBe(0);
    expect(clean.exits.report).toBe(0);
    expect(clean.exits.monitor).not.toBe(3);
  }, 60_000);
});

describe("report holds a run's --errors file to the run in the words of the output's readers", () => {
  it('an error line removed, and blank lines where the run recorded no digest: the same sentence as for the output, exit 3', async () => {
    const bad = { ...exampleApplicants[0]!.applicant, income: 'lots' };
    const input = [exampleApplicants[0]!.applicant, bad, bad].map((a) => JSON.stringify(a)).join('\n');
    writeFileSync(file('mixed.in.ndjson'), `${input}\n`);
    const out = file('mixed.ndjson');
    const errors = file('mixed.err.ndjson');
    expect(await runScoreCommand(['--in', file('mixed.in.ndjson'), '--out', out, '--errors', errors, '--suggestions', '0'], captureIo().io)).toBe(3);
    const [first, second] = readFileSync(errors, 'utf8').split('\n');
    const report = async () => {
      const io = captureIo();
      const code = await runReportCommand([out, '--out', `${out}.html`], io.io);
      return { code, said: io.err() + io.out() };
    };
    expect((await report()).code).toBe(0);
    writeFileSync(errors, `${first}\n`);
    const removed = await report();
    expect(removed.code).toBe(3);
    expect(removed.said).toMatch(
      /mixed\.err\.ndjson is not the errors file the run wrote \(by the run manifest beside its output, .*mixed\.ndjson\.run\.json\): its bytes are not those the run wrote .*; it holds 1 error line\(s\), the run recorded 2; its rejected figures are not the run's/,
    );
    expect(removed.said).not.toMatch(/the file changed since the run/);
    // Both error lines, a blank line between them, the manifest's digests gone (an older creditlift).
    writeFileSync(errors, `${first}\n\n${second}\n`);
    const m = JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));
    delete m.status.files;
    writeFileSync(`${out}.run.json`, JSON.stringify(m));
    const blank = await report();
    expect(blank.code).toBe(3);
    expect(blank.said).toMatch(
      /mixed\.err\.ndjson is not the errors file the run wrote \(by the run manifest beside its output, .*\): it holds 1 blank line\(s\) \(line 2\), which score does not write, and the run recorded neither the size nor the digest of the bytes it left to vouch for them; its rejected figures are not the run's/,
    );
  }, 90_000);
});
