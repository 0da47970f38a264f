// findings22-text F3: a line was "blank" when `line.trim() === ''`, JavaScript's trim, which takes NBSP,
// U+3000, a BOM and U+2028 for whitespace. Of a 12-line NDJSON book, lines 2 (U+3000), 3 (a BOM),
// 4 (NBSP) and 9 (U+2028) vanished with no count, while line 5 (a zero-width space) was an error line.
// A line is now blank only if it holds nothing but spaces, tabs and line ends (JSON's whitespace; for
// CSV, a person's empty line); every other line is answered, in score (NDJSON and CSV), simulate's
// and monitor's reader (the same), report, monitor --decisions and verify.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { isBlankLine } from '../../src/text/blankLine.js';
import { flattenApplicant, rowsToCsv } from '../helpers/applicantCsv.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'blank-lines-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, text?: string) => {
  const p = join(work, name);
  if (text !== undefined) writeFileSync(p, text);
  return p;
};
const answers = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { line: number; decision?: unknown; error?: { issues: { code: string }[] } });

const record = (id: string) => JSON.stringify(baseApplicantInput({ id }));
// The tester's book (findings22-text F3), line by line.
const BOOK = [
  `\ufeff${record('r1')}`,
  '\u3000',
  '\ufeff',
  '\u00a0',
  '\u200b',
  `\ufeff${record('r6')}`,
  `${record('r7')}\u3000`,
  record('r8').replace('{', '{\u00a0'),
  '\u2028',
  record('r10'),
  '  \t ',
  record('r12'),
];

describe('a blank line is empty or spaces and tabs only; any other line is answered', () => {
  it('law: blank is exactly JSON whitespace', () => {
    for (const t of ['', ' ', '\t', ' \t \r', '\n']) expect(isBlankLine(t), JSON.stringify(t)).toBe(true);
    for (const t of ['\u3000', '\u00a0', '\ufeff', '\u2028', '\u2029', '\u200b', '\u000b', '\u000c', '\u0085', 'x'])
      expect(isBlankLine(t), JSON.stringify(t)).toBe(false);
  });

  let outPath: string;
  beforeAll(async () => {
    outPath = file('book.out.ndjson');
    await runScoreCommand(['--in', file('book.ndjson', `${BOOK.join('\n')}\n`), '--out', outPath, '--suggestions', '0'], captureIo().io);
  });

  it('score (NDJSON): every line but the spaces-and-tab one is answered, the four that vanished as invalid_json', () => {
    const got = answers(outPath);
    expect(got.filter((a) => a.decision !== undefined).map((a) => a.line)).toEqual([1, 10, 12]);
    expect(got.filter((a) => a.error !== undefined).map((a) => [a.line, a.error?.issues[0]?.code])).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9].map((l) => [l, 'invalid_json']),
    );
  });

  it('the message of a line of U+3000 names what it holds, not "it is empty"', () => {
    const line2 = answers(outPath).find((a) => a.line === 2) as { error?: { message?: string; issues: { message?: string }[] } };
    expect(line2.error?.issues[0]?.message).toMatch(/U\+3000/);
    expect(line2.error?.issues[0]?.message).not.toMatch(/empty/);
  });

  it('score (CSV): a line of U+3000 or U+2028 is its error line; a line of spaces is blank', async () => {
    const csv = rowsToCsv([flattenApplicant(baseApplicantInput({ id: 'c2' }))]).replace(/\n$/, '');
    const text = `${csv}\n\u3000\n   \n\u2028\n\u00a0\n`;
    const out = file('csv.out.ndjson');
    expect(await runScoreCommand(['--in', file('book.csv', text), '--out', out, '--suggestions', '0'], captureIo().io)).toBe(3);
    expect(answers(out).map((a) => [a.line, a.decision === undefined ? a.error?.issues[0]?.code : 'decision'])).toEqual([
      [2, 'decision'],
      [3, 'wrong_field_count'],
      [5, 'wrong_field_count'],
      [6, 'wrong_field_count'],
    ]);
  });

  it('report, monitor --decisions and verify count a line of U+3000 in a decisions file as unreadable, not blank', async () => {
    const decisions = readFileSync(outPath, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"decision"'));
    const path = file('decisions.ndjson', `${decisions[0]}\n\u3000\n  \n${decisions[1]}\n\u2028\n`);
    const r = captureIo();
    expect(await runReportCommand([path, '--out', file('decisions.html')], r.io)).toBe(3);
    expect(r.out()).toMatch(/2 unreadable lines/);
    expect(r.err()).toMatch(/2 line\(s\) of .* were not read as a decision or an error line/);

    const m = captureIo();
    expect(await runMonitorCommand(['--decisions', path, '--out', file('mon.json')], m.io)).not.toBe(0);
    expect(
      readFileSync(file('mon.errors.ndjson'), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => (JSON.parse(l) as { line: number }).line),
    ).toEqual([2, 5]);

    const v = captureIo();
    expect(await runVerifyCommand([path], v.io)).not.toBe(0);
    expect(v.out() + v.err()).toMatch(/line 2/);
  });
});
