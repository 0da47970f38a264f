// `creditlift report` exits 3 when its figures cannot be trusted, run through the real executable
// (node, bin.ts, argv, exit status), while the page and the summary are still written. Before, it
// only warned and exited 0 when the run manifest was damaged (so an --errors file apart went unread:
// "0 rejected" for a run that rejected 1), when a record was counted both as decided and as
// rejected (or answered twice in the output), when the output was not the bytes the run wrote, and
// an errors-file line naming no input line was counted without a word.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from '../cli/fakeDecider.js';
import { commandLineArgv } from '../helpers/commandLineBundle.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-exit-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Three example applicants and one record the scorer refuses (input line 2): 3 decisions, 1 rejected.
const book = [
  JSON.stringify(exampleApplicants[0]!.applicant),
  JSON.stringify({ id: 'bad-1' }),
  ...exampleApplicants.slice(1, 3).map((e) => JSON.stringify(e.applicant)),
];

beforeAll(async () => {
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  const score = (...args: string[]) => runScoreCommand(['--in', file('in.ndjson'), '--suggestions', '0', ...args], captureIo().io);
  expect(await score('--out', file('apart.ndjson'), '--errors', file('apart.err.ndjson'))).toBe(3);
  expect(await score('--out', file('inline.ndjson'))).toBe(3);
}, 60_000);

/**
 * `creditlift report INPUT --out INPUT.html`: its exit status, output, and the page. In process (the
 * status `runReportCommand` returns is the one bin.ts exits with); `shell` runs the real executable as
 * a shell does, for one case, so the status is known to reach the process's exit.
 */
async function report(input: string, shell = false): Promise<{ code: number; out: string; err: string; html: string }> {
  const page = () => (existsSync(`${input}.html`) ? readFileSync(`${input}.html`, 'utf8') : '');
  if (!shell) {
    const captured = captureIo();
    const code = await runReportCommand([input, '--out', `${input}.html`], captured.io);
    return { code, out: captured.out(), err: captured.err(), html: page() };
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [...commandLineArgv([]), 'report', input, '--out', `${input}.html`], { encoding: 'utf8' }, (error, out, err) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, out, err, html: page() }),
    );
  });
}

const linesOf = (name: string) =>
  readFileSync(file(name), 'utf8')
    .split('\n')
    .filter((l) => l !== '');

/** A copy of the run `run` named `name`: its output `output` and errors file `errors` (the run's when not given), its manifest changed by `change`. */
function copyOfRun(
  run: 'apart' | 'inline',
  name: string,
  o: { output?: string; errors?: string; change?: (m: { options: Record<string, unknown>; status: Record<string, unknown> }) => void } = {},
) {
  const input = file(`${name}.ndjson`);
  if (o.output === undefined) copyFileSync(file(`${run}.ndjson`), input);
  else writeFileSync(input, o.output);
  const manifest = JSON.parse(readFileSync(file(`${run}.ndjson.run.json`), 'utf8'));
  manifest.options.out = input;
  manifest.options.errors = input;
  if (run === 'apart') {
    manifest.options.errors = file(`${name}.err.ndjson`);
    writeFileSync(file(`${name}.err.ndjson`), o.errors ?? readFileSync(file('apart.err.ndjson')));
  }
  o.change?.(manifest);
  writeFileSync(`${input}.run.json`, JSON.stringify(manifest, null, 2));
  return input;
}

const rejectedKpi = (html: string) => /<b>([0-9,]+)<\/b><span>records rejected<\/span>/.exec(html)?.[1];

describe('report exits 3 when its figures cannot be trusted, and still writes what it can (real CLI)', () => {
  it('the runs as score left them: exit 0, no warning', async () => {
    const [apart, inline] = await Promise.all([report(copyOfRun('apart', 'clean-apart')), report(copyOfRun('inline', 'clean-inline'))]);
    for (const r of [apart, inline]) {
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(rejectedKpi(r.html)).toBe('1');
    }
  }, 60_000);

  it('a damaged run manifest: exit 3 (was 0), the page and summary written, the warning naming the manifest', async () => {
    const cut = (name: string, run: 'apart' | 'inline') => {
      const input = copyOfRun(run, name);
      const text = readFileSync(`${input}.run.json`, 'utf8');
      writeFileSync(`${input}.run.json`, text.slice(0, text.indexOf('"format"') + 3));
      return input;
    };
    const [apart, inline] = await Promise.all([report(cut('cut-apart', 'apart'), true), report(cut('cut-inline', 'inline'))]);
    for (const r of [apart, inline]) {
      expect(r.err).toMatch(/warning: .*cut-(apart|inline)\.ndjson\.run\.json could not be read \(not JSON: it ends at line \d+, column \d+/);
      expect(r.out).toMatch(/^report of 3 decisions/);
      expect(r.html).toContain('could not be read');
      expect(r.code).toBe(3);
    }
    // Without its manifest the errors file apart is not found: its 1 rejected record is not in the figures.
    expect(rejectedKpi(apart.html)).toBe('0');
    expect(rejectedKpi(inline.html)).toBe('1');
  }, 60_000);

  it('a record counted both as decided (output) and rejected (errors file), nothing else amiss: exit 3 (was 0)', async () => {
    const [error] = linesOf('apart.err.ndjson');
    const input = copyOfRun('apart', 'both', {
      errors: `${error!.replace('"line":2', '"line":1')}\n`,
      // No digest to catch the change, the count the run recorded kept: the line numbers alone show it.
      change: (m) => delete m.status.files,
    });
    const r = await report(input);
    expect(r.err).toMatch(/1 error line\(s\) of .*both\.err\.ndjson, the run's errors file, answer an input line the output .* answers too/);
    expect(r.out).toMatch(/1 rejected for an input line the output answers too, counted in both/);
    expect(r.code).toBe(3);
  }, 60_000);

  it('an input line answered twice in the output (a decision and an error line): exit 3 (was 0)', async () => {
    const lines = linesOf('inline.ndjson');
    const error = lines.find((l) => l.startsWith('{"line":2,'))!;
    const input = copyOfRun('inline', 'twice', {
      output: `${[...lines, error.replace('"line":2', '"line":4')].join('\n')}\n`,
      change: (m) => {
        delete m.status.files;
        m.status.rejected = 2;
      },
    });
    const r = await report(input);
    expect(r.err).toMatch(/1 line\(s\) of .*twice\.ndjson answer an input line an earlier counted line answers too/);
    expect(r.out).toMatch(/1 answering an input line answered before, counted again/);
    expect(r.code).toBe(3);
  }, 60_000);

  it('an output that is not the bytes its run wrote: exit 3 (was 0)', async () => {
    const lines = linesOf('inline.ndjson');
    // The decisions swapped in order: the same count, other bytes.
    const input = copyOfRun('inline', 'moved', { output: `${[lines[1], lines[0], ...lines.slice(2)].join('\n')}\n` });
    const r = await report(input);
    expect(r.err).toMatch(
      /moved\.ndjson is not the file the run wrote \(by the run manifest beside it, .*moved\.ndjson\.run\.json\): its bytes are not those the run wrote .*; its figures are not the run's/,
    );
    expect(r.code).toBe(3);
  }, 60_000);

  it('an errors-file line naming no input line is counted, said unchecked by its line, and the report exits 3 (was counted without a word, exit 0)', async () => {
    const [error] = linesOf('apart.err.ndjson');
    const { line: _line, ...unnumbered } = JSON.parse(error!) as Record<string, unknown>;
    const input = copyOfRun('apart', 'unnumbered', { errors: `${JSON.stringify(unnumbered)}\n`, change: (m) => delete m.status.files });
    const r = await report(input);
    expect(r.err).toMatch(
      /1 error line\(s\) of .*unnumbered\.err\.ndjson, the run's errors file, name no input line \(line 1\): .*counted as rejected but not checked against the output/,
    );
    expect(r.out).toMatch(/1 rejected naming no input line, not checked/);
    expect(rejectedKpi(r.html)).toBe('1');
    expect(r.code).toBe(3);
  }, 60_000);
});
