// `report` and `monitor --decisions` tell an error line from other JSON with one schema
// (src/report/errorFileLine.ts). Before, monitor kept its own, requiring `error.message`, and report's
// did not look at it: `{"line":2,"error":{"code":"validation_failed"}}` was a rejection to report and
// "neither a decision nor an error line" to monitor; `"message":7` was a rejection to report too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-error-line-readers-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each line of the errors file, and whether it is an error line (its code) or not. */
const lines: [string, string | undefined][] = [
  [JSON.stringify({ line: 1, error: { code: 'validation_failed', message: 'Invalid Applicant: 1 problem(s) at income' } }), 'validation_failed'],
  // No message: score writes one, but the code is what is counted, so it is an error line to both.
  [JSON.stringify({ line: 2, error: { code: 'validation_failed' } }), 'validation_failed'],
  // A message that is not text: malformed, no error line to either.
  [JSON.stringify({ line: 3, error: { code: 'too_deep', message: 7 } }), undefined],
  [JSON.stringify({ line: 4, error: { message: 'no code' } }), undefined],
  [JSON.stringify({ line: 5, error: 'validation_failed' }), undefined],
  ['not json', undefined],
  [JSON.stringify({ line: 7, error: { code: 'worker_failed', message: 'x', issues: [] } }), 'worker_failed'],
];
const errorLines = lines.flatMap(([, code], i) => (code === undefined ? [] : [i + 1]));
const notErrorLines = lines.flatMap(([, code], i) => (code === undefined ? [i + 1] : []));

beforeAll(async () => {
  // A run whose every record was rejected to its errors file, then that file replaced by the lines above.
  writeFileSync(file('in.ndjson'), `${JSON.stringify({ id: 'bad' })}\n`);
  expect(await runScoreCommand(['--in', file('in.ndjson'), '--out', file('run.ndjson'), '--errors', file('run.err.ndjson')], captureIo().io)).toBe(3);
  writeFileSync(file('run.err.ndjson'), `${lines.map(([text]) => text).join('\n')}\n`);
  const manifest = JSON.parse(readFileSync(file('run.ndjson.run.json'), 'utf8'));
  delete manifest.status.files;
  manifest.status.rejected = errorLines.length;
  writeFileSync(file('run.ndjson.run.json'), JSON.stringify(manifest));
}, 60_000);

/** The lines named in a warning, in `line N: ...` form. */
const namedLines = (warning: string | undefined) => [...(warning ?? '').matchAll(/line (\d+): /g)].map((m) => Number(m[1])).sort((a, b) => a - b);

const rejectedKpi = (html: string) => Number(/<b>([0-9,]+)<\/b><span>records rejected<\/span>/.exec(html)?.[1]);

describe('report and monitor read the same errors file alike', () => {
  it('report (the run’s errors file, and the file given alone) and monitor --decisions take the same lines as error lines, and leave out the same', async () => {
    const apart = captureIo();
    expect(await runReportCommand([file('run.ndjson'), '--out', file('apart.html')], apart.io)).toBe(3);
    const apartLeftOut = apart
      .err()
      .split('\n')
      .find((w) => /are no error line/.test(w));

    const alone = captureIo();
    expect(await runReportCommand([file('run.err.ndjson'), '--out', file('alone.html')], alone.io)).toBe(3);
    const aloneLeftOut = alone
      .err()
      .split('\n')
      .find((w) => /were not read as a decision or an error line/.test(w));

    const m = captureIo();
    expect(await runMonitorCommand(['--decisions', file('run.err.ndjson'), '--out', file('m.json')], m.io)).toBe(3);
    const monitorErrors = readFileSync(file('m.errors.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { line: number; error: { message: string } });
    const monitorCodes = new Map(
      monitorErrors.flatMap((e) => {
        const code = /an error line \(([a-z_]+)\), not a decision/.exec(e.error.message)?.[1];
        return code === undefined ? [] : [[e.line, code] as const];
      }),
    );
    const monitorLeftOut = monitorErrors.filter((e) => !monitorCodes.has(e.line)).map((e) => e.line);

    expect([...monitorCodes.keys()]).toEqual(errorLines);
    expect([...monitorCodes.values()]).toEqual(lines.flatMap(([, code]) => (code === undefined ? [] : [code])));
    expect(monitorLeftOut).toEqual(notErrorLines);
    expect(namedLines(apartLeftOut)).toEqual(notErrorLines);
    expect(namedLines(aloneLeftOut)).toEqual(notErrorLines);
    expect(rejectedKpi(readFileSync(file('apart.html'), 'utf8'))).toBe(errorLines.length);
    expect(rejectedKpi(readFileSync(file('alone.html'), 'utf8'))).toBe(errorLines.length);
    // The malformed line is named as JSON that is no error line by both.
    expect(apartLeftOut).toMatch(/line 3: not an error line.*\(data_invalid\)/);
    expect(monitorErrors.find((e) => e.line === 3)?.error.message).toMatch(/^line 3: an error line not as score writes it \(.*\): error\.message: /);
  }, 60_000);
});
