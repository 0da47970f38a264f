// CSV number and boolean cells were still read through JavaScript's trim: "650000\u3000",
// "\u00a0650000", "\ufeff650000" and "\u2028650000" were the income 650000 and " TRUE\u3000" was true,
// each only counted as cells_trimmed and warned of, while a JSON cell padded the same way refused its
// record, naming the column and the code point. A number cell now follows the JSON cells' rule:
// spaces and tabs around it are read off and counted, any other whitespace refuses the record
// (invalid_cell_padding, naming the column and each code point).
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliExitCode } from '../../src/cli/cliExitCode.js';
import { readCsvCell } from '../../src/cli/score/csvColumns.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { flattenApplicant, rowsToCsv } from '../helpers/applicantCsv.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'csv-number-padding-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The whitespace JavaScript's trim takes besides spaces and tabs (line ends, NBSP, U+1680, U+2000-U+200A,
// U+2028/U+2029, U+202F, U+205F, U+3000, a BOM).
const OTHER_WHITESPACE = ['\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const label = (c: string) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;

describe('a CSV number or boolean cell: spaces and tabs around it are read off and counted, other whitespace refuses it, as around a JSON cell', () => {
  it('readCsvCell: NBSP, U+3000, a BOM or U+2028 around a number or boolean refuses the cell, naming the column and the code point', () => {
    for (const [kind, cell, point] of [
      ['integer', '650000\u3000', 'U+3000'],
      ['integer', '\u00a0650000', 'U+00A0'],
      ['number', '\ufeff0.5', 'U+FEFF'],
      ['integer', '\u2028650000', 'U+2028'],
      ['boolean', ' TRUE\u3000', 'U+3000'],
    ] as const) {
      const read = readCsvCell(kind, cell, 'income.monthlyNet');
      expect(read, cell).toEqual({
        value: cell,
        issues: [{ path: [], code: 'invalid_cell_padding', message: expect.stringContaining(point) as unknown }],
      });
      expect(read.issues[0]?.message).toContain('"income.monthlyNet"');
    }
    expect(readCsvCell('integer', '\u3000650000\u00a0', 'income.monthlyNet').issues[0]?.message).toMatch(/U\+3000, U\+00A0/);
  });

  it('law: whatever surrounds it, a number cell is read as the same number with spaces and tabs only (counted), and refused with any other whitespace naming each', () => {
    const pad = (chars: readonly string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 3 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), pad([' ', '\t', ...OTHER_WHITESPACE]), pad([' ', '\t', ...OTHER_WHITESPACE]), (n, lead, trail) => {
        const cell = `${lead}${n}${trail}`;
        const read = readCsvCell('integer', cell, 'income.monthlyNet');
        const odd = [...new Set(`${lead}${trail}`.replace(/[ \t]/g, ''))];
        if (odd.length === 0) {
          expect(read.value).toBe(n);
          expect(read.issues).toEqual([]);
          expect(read.lenient).toEqual(lead + trail === '' ? undefined : ['cells_trimmed']);
        } else {
          expect(read.value).toBe(cell);
          expect(read.issues.map((i) => i.code)).toEqual(['invalid_cell_padding']);
          for (const c of odd) expect(read.issues[0]?.message).toContain(label(c));
        }
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it('score: a number padded with U+3000 is its record\u2019s error line naming the column (exit 3); one padded with spaces is decided and counted', async () => {
    const row = (id: string, change: Record<string, string> = {}) => ({ ...flattenApplicant(baseApplicantInput({ id })), ...change });
    const book = join(work, 'book.csv');
    writeFileSync(book, rowsToCsv([row('spaces', { 'income.monthlyNet': ' 650000 ' }), row('ideographic', { 'income.monthlyNet': '650000\u3000' })]));
    const errors = join(work, 'errors.ndjson');
    const c = captureIo();
    expect(await runScoreCommand(['--in', book, '--out', join(work, 'out.ndjson'), '--errors', errors, '--suggestions', '0', '--json-summary'], c.io)).toBe(
      CliExitCode.rejected,
    );
    const lines = readFileSync(errors, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { line: number; error: { issues: { path: string[]; code: string; message: string }[] } });
    expect(lines.map((l) => l.line)).toEqual([3]);
    expect(lines[0]?.error.issues).toEqual([
      { path: ['income', 'monthlyNet'], code: 'invalid_cell_padding', message: expect.stringMatching(/"income\.monthlyNet".*U\+3000/) as unknown },
    ]);
    const summary = JSON.parse(c.out()) as { decisions: number; rejected: number; lenientCells: unknown };
    expect([summary.decisions, summary.rejected]).toEqual([1, 1]);
    expect(summary.lenientCells).toEqual([{ code: 'cells_trimmed', column: 'income.monthlyNet', count: 1, firstLine: 2 }]);
  });
});
