// `report` reading a run's `--errors` file (see reportRunErrorsApart.test.ts): the errors file was
// decoded as text, so a byte that is not UTF-8 read as U+FFFD and its line was counted as a
// rejection; and its lines' input line numbers were not followed, so a record both decided in the
// output and rejected in the errors file was counted both ways without a word.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-errors-lines-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Four example applicants and two records the scorer refuses (input lines 2 and 5): 4 decisions, 2 rejected.
const book = [
  JSON.stringify(exampleApplicants[0]!.applicant),
  JSON.stringify({ id: 'bad-1' }),
  ...exampleApplicants.slice(1, 3).map((e) => JSON.stringify(e.applicant)),
  JSON.stringify({ id: 'bad-2', income: 'lots' }),
  JSON.stringify(exampleApplicants[3]!.applicant),
];

const score = (...args: string[]) => runScoreCommand(['--in', file('in.ndjson'), '--suggestions', '0', ...args], captureIo().io);

beforeAll(async () => {
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  expect(await score('--out', file('run.ndjson'), '--errors', file('run.err.ndjson'))).toBe(3);
}, 60_000);

/** The run's error lines, as it wrote them (input lines 2 and 5). */
const errorLines = () =>
  readFileSync(file('run.err.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');

/** A copy of the run named `name`, its output as the run wrote it and its errors file `errors` (bytes). */
function copyOfRun(name: string, errors: string | Buffer): string {
  copyFileSync(file('run.ndjson'), file(`${name}.ndjson`));
  writeFileSync(file(`${name}.err.ndjson`), errors);
  const manifest = JSON.parse(readFileSync(file('run.ndjson.run.json'), 'utf8'));
  manifest.options.out = file(`${name}.ndjson`);
  manifest.options.errors = file(`${name}.err.ndjson`);
  writeFileSync(file(`${name}.ndjson.run.json`), JSON.stringify(manifest));
  return file(`${name}.ndjson`);
}

async function report(input: string) {
  const c = captureIo();
  const out = `${input}.html`;
  const code = await runReportCommand([input, '--out', out], c.io);
  return { code, out: c.out(), err: c.err(), html: readFileSync(out, 'utf8') };
}

const rejectedKpi = (html: string) => /<b>([0-9,]+)<\/b><span>records rejected<\/span>/.exec(html)?.[1];

describe('report reads the errors file as bytes, as it reads the output', () => {
  it('an error line holding a byte that is not UTF-8 is named by its line and reason and left out, never read with U+FFFD', async () => {
    const [first, second] = errorLines();
    // A byte inside the error's message: decoded as text the line was still JSON, and counted.
    const at = first!.indexOf('"message":"') + '"message":"'.length + 2;
    const bytes = Buffer.from(`${first}\n${second}\n`, 'utf8');
    bytes[at] = 0xff;
    const r = await report(copyOfRun('utf8', bytes));
    expect(r.err).toMatch(/utf8\.err\.ndjson, the run's errors file.*line 1: not UTF-8: invalid byte at offset \d+ of the file \(invalid_utf8\)/);
    // Left out of every figure: the one readable error line is the only rejection (was 2).
    expect(rejectedKpi(r.html)).toBe('1');
    expect(r.out).toMatch(/\(1 rejected from .*utf8\.err\.ndjson/);
    expect(r.html).not.toContain('\uFFFD');
    expect(r.html).toContain('invalid_utf8');
    expect(r.code).toBe(3);
  });

  it('each line left out of the errors file is named with its reason (invalid_json, data_invalid)', async () => {
    const [first, second] = errorLines();
    const decision = readFileSync(file('run.ndjson'), 'utf8').split('\n')[0]!;
    const r = await report(copyOfRun('reasons', `${first}\nnot json\n${decision}\n${second}\n`));
    expect(r.err).toMatch(/2 line\(s\) of .*reasons\.err\.ndjson, the run's errors file, are no error line and were left out of every figure/);
    expect(r.err).toMatch(/line 2: not valid JSON: unexpected text at line 1, column 2 \(invalid_json\)/);
    expect(r.err).toMatch(/line 3: not an error line \(data_invalid\)/);
    expect(rejectedKpi(r.html)).toBe('2');
    expect(r.code).toBe(3);
  });
});

describe("report follows the errors file's input line numbers, and against the output's", () => {
  it('a run read as written says nothing of its line numbers', async () => {
    const r = await report(copyOfRun('clean', `${errorLines().join('\n')}\n`));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('an error line naming an input line the output decided is said: the record counts both as decided and as rejected', async () => {
    const [first, second] = errorLines();
    // Input line 1 is decided in the output; an error line for it put beside the run's (another run's file, say).
    const other = first!.replace('"line":2', '"line":1');
    expect(other).not.toBe(first);
    const r = await report(copyOfRun('both', `${other}\n${first}\n${second}\n`));
    expect(r.err).toMatch(
      /1 error line\(s\) of .*both\.err\.ndjson, the run's errors file, answer an input line the output .*both\.ndjson answers too \(line 1 \(input line 1\)\)/,
    );
    expect(r.err).toMatch(/counted both as decided and as rejected/);
    expect(r.html).toContain('answer an input line the output');
    expect(r.out).toMatch(/1 rejected for an input line the output answers too, counted in both/);
    // Counted, and said: the figures are the file's (3 rejected), not silently the run's.
    expect(rejectedKpi(r.html)).toBe('3');
  });

  it('with no digest recorded to catch it (the count the run recorded kept), a record both decided and rejected is still said', async () => {
    const [first, second] = errorLines();
    const input = copyOfRun('nodigest', `${first!.replace('"line":2', '"line":1')}\n${second}\n`);
    const manifest = JSON.parse(readFileSync(`${input}.run.json`, 'utf8'));
    delete manifest.status.files;
    writeFileSync(`${input}.run.json`, JSON.stringify(manifest));
    const r = await report(input);
    // Before: "report of 4 decisions (2 rejected from nodigest.err.ndjson, ...)", nothing on stderr, exit 0.
    expect(r.err).toMatch(/1 error line\(s\) of .*nodigest\.err\.ndjson, the run's errors file, answer an input line the output .* answers too/);
    expect(r.html).toContain('counted both as decided and as rejected');
    expect(rejectedKpi(r.html)).toBe('2');
  });

  it('an input line named twice in the errors file is said, and a word-for-word copy counts once', async () => {
    const [first, second] = errorLines();
    const r = await report(copyOfRun('twice', `${first}\n${second}\n${second}\n`));
    expect(r.err).toMatch(/1 line\(s\) of .*twice\.err\.ndjson name an input line an earlier line names too \(line 3 \(input line 5\)\)/);
    expect(r.err).toMatch(
      /1 error line\(s\) of .*twice\.err\.ndjson repeat, word for word, an earlier error line of the same input line \(line 3 \(input line 5\)\)/,
    );
    expect(rejectedKpi(r.html)).toBe('2');
    expect(r.out).toMatch(/1 error line\(s\) repeated, counted once/);
  });

  it('another answer to an input line the errors file answered is counted and said', async () => {
    const [first, second] = errorLines();
    const again = second!.replace(/"code":"[a-z_]+"/, '"code":"data_invalid"');
    expect(again).not.toBe(second);
    const r = await report(copyOfRun('again', `${first}\n${second}\n${again}\n`));
    expect(r.err).toMatch(/1 line\(s\) of .*again\.err\.ndjson answer an input line an earlier counted line answers too \(line 3 \(input line 5\)\)/);
    expect(rejectedKpi(r.html)).toBe('3');
    expect(r.out).toMatch(/1 answering an input line answered before, counted again/);
  });

  it('error lines out of input order are said', async () => {
    const [first, second] = errorLines();
    const r = await report(copyOfRun('order', `${second}\n${first}\n`));
    expect(r.err).toMatch(/1 line\(s\) of .*order\.err\.ndjson name a lower input line than the line before \(line 2 \(input line 2 after 5\)\)/);
    expect(rejectedKpi(r.html)).toBe('2');
  });

  it('a resume that decided a record again appends its error line after the rest: not said of the run it records', async () => {
    // The run's own files, resumed after the error line of input line 2 was removed: score decides
    // that record again and writes its error line after input line 5's.
    copyFileSync(file('run.ndjson'), file('resumed.ndjson'));
    writeFileSync(file('resumed.err.ndjson'), `${errorLines()[1]}\n`);
    const manifest = JSON.parse(readFileSync(file('run.ndjson.run.json'), 'utf8'));
    manifest.options.out = file('resumed.ndjson');
    manifest.options.errors = file('resumed.err.ndjson');
    writeFileSync(file('resumed.ndjson.run.json'), JSON.stringify(manifest));
    expect(await score('--out', file('resumed.ndjson'), '--errors', file('resumed.err.ndjson'), '--resume')).toBe(3);
    const lines = readFileSync(file('resumed.err.ndjson'), 'utf8').split('\n');
    expect(lines[0]).toMatch(/^\{"line":5,/);
    expect(lines[1]).toMatch(/^\{"line":2,/);
    const r = await report(file('resumed.ndjson'));
    expect(r.err).not.toMatch(/lower input line/);
    expect(rejectedKpi(r.html)).toBe('2');
  }, 60_000);
});
