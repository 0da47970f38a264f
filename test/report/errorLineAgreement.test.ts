// verify and report read a score error line through one check (scoreErrorLineOf). Before, verify held
// an error line to score's exact shape ({"line":N,"error":{code,message}}, nothing else) and report to
// its own looser one, so the same file passed one and was refused by the other:
// `{"line":2,"error":{"code":"x","message":"m"},"note":1}` was a rejection to report (exit 0) and a
// decision that does not verify to verify (exit 3); `{"line":2,"error":{"code":"x"}}` the same;
// `{"error":{...}}` (no input line) was counted by report without a word (exit 0), refused by verify.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { scoreErrorLineOf } from '../../src/report/errorFileLine.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-error-line-agreement-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let decisions: string[];
let error: Record<string, unknown>;

beforeAll(async () => {
  // Two decisions and, on input line 2, a record the scorer refuses.
  const book = [exampleApplicants[0]!.applicant, { id: 'bad' }, exampleApplicants[1]!.applicant].map((a) => JSON.stringify(a));
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  expect(await runScoreCommand(['--in', file('in.ndjson'), '--out', file('run.ndjson'), '--suggestions', '0'], captureIo().io)).toBe(3);
  const lines = readFileSync(file('run.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  decisions = lines.filter((l) => !l.startsWith('{"line":2,'));
  error = JSON.parse(lines.find((l) => l.startsWith('{"line":2,'))!) as Record<string, unknown>;
}, 60_000);

/** How an error line may be damaged: each changes the line score wrote. */
const DAMAGES: Record<string, (e: Record<string, unknown>) => Record<string, unknown>> = {
  noMessage: (e) => ({ ...e, error: { ...(e.error as object), message: undefined } }),
  messageNotText: (e) => ({ ...e, error: { ...(e.error as object), message: 7 } }),
  codeNotText: (e) => ({ ...e, error: { ...(e.error as object), code: 7 } }),
  anotherKey: (e) => ({ ...e, note: 'added' }),
  noLine: ({ line: _line, ...e }) => e,
  lineAsText: (e) => ({ ...e, line: String(e.line) }),
  lineZero: (e) => ({ ...e, line: 0 }),
  lineFraction: (e) => ({ ...e, line: 2.5 }),
  errorNotObject: (e) => ({ ...e, error: 'validation_failed' }),
  errorExtraField: (e) => ({ ...e, error: { ...(e.error as object), retryable: false } }),
};

/** Both commands' exit statuses for the run's output with its error line damaged by `names`, in that order (no manifest beside it: the line alone decides). */
async function exits(names: readonly string[], n: number) {
  const damaged = names.reduce((e, name) => DAMAGES[name]!(e), error);
  const input = file(`damaged-${n}.ndjson`);
  writeFileSync(input, `${[decisions[0], JSON.stringify(damaged), decisions[1]].join('\n')}\n`);
  const [report, verify] = [captureIo(), captureIo()];
  return {
    report: await runReportCommand([input, '--out', `${input}.html`], report.io),
    verify: await runVerifyCommand([input], verify.io),
    line: JSON.stringify(damaged),
    said: `${report.err()}${verify.out()}`,
  };
}

describe('verify and report take the same lines as error lines', () => {
  it('the error line as score wrote it, and with a field inside error added: both accept (exit 0)', async () => {
    expect(await exits([], 0)).toMatchObject({ report: 0, verify: 0 });
    expect(await exits(['errorExtraField'], 1)).toMatchObject({ report: 0, verify: 0 });
  }, 60_000);

  it('an error line naming no input line: both count it, name it, and exit 3', async () => {
    const r = await exits(['noLine'], 2);
    expect(r).toMatchObject({ report: 3, verify: 3 });
    expect(r.said).toMatch(/1 error line\(s\) of .*damaged-2\.ndjson name no input line \(line 2\)/);
  }, 60_000);

  it('law: over damaged error lines, report exits 0 exactly when verify does', async () => {
    let n = 10;
    await fc.assert(
      fc.asyncProperty(fc.subarray(Object.keys(DAMAGES), { minLength: 1, maxLength: 3 }), async (names) => {
        const r = await exits(names, n++);
        expect({ names, report: r.report, line: r.line }).toEqual({ names, report: r.verify, line: r.line });
        // What the shared check makes of the line is what both did: accepted only as score writes it.
        const read = scoreErrorLineOf(JSON.parse(r.line));
        expect(r.report === 0).toBe(read?.inputLine === 2);
      }),
      { seed: 13, numRuns: 20 },
    );
  }, 120_000);
});
