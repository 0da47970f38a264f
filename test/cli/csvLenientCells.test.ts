// findings22-text F2: `score` read CSV number and boolean cells through JavaScript's trim and read `007`
// as 7, all without a word: "650000\u3000", "\u00a0650000", "\ufeff650000", "\u2028650000" were income
// 650000 and " TRUE\u3000" was true, and a book with dependants "007" ended "2 records read ... decisions 2"
// with nothing on stderr or in the summary. `train` counts exactly these readings (`cells_trimmed`,
// `numbers_with_leading_zeros`) so none is silent. The CSV book readers now count them with train's
// code (src/csv/lenientCells.ts) and say so: `score` (in process and --queue) in its summary and on
// stderr, `simulate` and `monitor --applicants` on stderr.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { readCsvCell } from '../../src/cli/score/csvColumns.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { flattenApplicant, rowsToCsv } from '../helpers/applicantCsv.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'csv-lenient-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
};

const row = (id: string, change: Record<string, string> = {}) => ({ ...flattenApplicant(baseApplicantInput({ id })), ...change });
// Line 2 is as written; lines 3 to 7 each read one cell leniently; line 8 two cells.
const book = rowsToCsv([
  row('plain'),
  row('space', { 'income.monthlyNet': '650000 ' }),
  row('tab', { 'income.monthlyNet': '\t650000' }),
  row('spaces', { 'income.monthlyNet': '  650000  ' }),
  row('tabs', { 'income.monthlyNet': '\t650000\t' }),
  row('boolean', { 'bureau.hasFile': ' TRUE\t' }),
  row('zeros', { 'household.dependants': '007', 'residence.cityTier': ' 3' }),
]);

describe('a CSV cell read leniently is counted, as train counts it', () => {
  it('readCsvCell names each reading it made, and none of a cell read as written', () => {
    expect(readCsvCell('integer', '650000\t')).toEqual({ value: 650000, issues: [], lenient: ['cells_trimmed'] });
    expect(readCsvCell('integer', ' 007')).toEqual({ value: 7, issues: [], lenient: ['cells_trimmed', 'numbers_with_leading_zeros'] });
    expect(readCsvCell('integer', '007')).toEqual({ value: 7, issues: [], lenient: ['numbers_with_leading_zeros'] });
    expect(readCsvCell('boolean', ' no\t')).toEqual({ value: false, issues: [], lenient: ['cells_trimmed'] });
    for (const [kind, cell] of [
      ['integer', '650000'],
      ['number', '0.5'],
      ['integer', '0'],
      ['boolean', 'yes'],
    ] as const)
      expect(readCsvCell(kind, cell).lenient, cell).toBeUndefined();
    // A cell not read as its kind is kept as text for validation to refuse: no reading to count.
    expect(readCsvCell('integer', ' 65x ')).toEqual({ value: ' 65x ', issues: [] });
  });

  it('score: the summary counts them and stderr names each column, the first line and the count (train\u2019s words)', async () => {
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('book.csv', book), '--out', join(work, 'out.ndjson'), '--suggestions', '0', '--json-summary'], c.io)).toBe(0);
    const summary = JSON.parse(c.out()) as { decisions: number; lenientCells: unknown };
    expect(summary.decisions).toBe(7);
    expect(summary.lenientCells).toEqual([
      { code: 'cells_trimmed', column: 'income.monthlyNet', count: 4, firstLine: 3 },
      { code: 'cells_trimmed', column: 'bureau.hasFile', count: 1, firstLine: 7 },
      { code: 'cells_trimmed', column: 'residence.cityTier', count: 1, firstLine: 8 },
      { code: 'numbers_with_leading_zeros', column: 'household.dependants', count: 1, firstLine: 8 },
    ]);
    expect(c.err()).toContain('warning (cells_trimmed): "income.monthlyNet": 4 cells have surrounding whitespace, read without it (first on line 3)\n');
    expect(c.err()).toContain(
      'warning (numbers_with_leading_zeros): "household.dependants": 1 number is written with leading zeros (first on line 8), read as a number ("007" is 7)\n',
    );

    const text = captureIo();
    expect(await runScoreCommand(['--in', join(work, 'book.csv'), '--out', join(work, 'out2.ndjson'), '--suggestions', '0'], text.io)).toBe(0);
    expect(text.out()).toContain(
      '  lenient   6 with surrounding whitespace, 1 with leading zeros (cells read as numbers, booleans or JSON; the warnings name the columns)\n',
    );
  });

  it('score: a book read as written says nothing of it', async () => {
    const c = captureIo();
    const plain = file('plain.csv', rowsToCsv([row('a'), row('b')]));
    expect(await runScoreCommand(['--in', plain, '--out', join(work, 'plain.ndjson'), '--suggestions', '0', '--json-summary'], c.io)).toBe(0);
    expect((JSON.parse(c.out()) as { lenientCells: unknown }).lenientCells).toEqual([]);
    expect(c.err()).not.toMatch(/warning/);
    expect(c.err()).not.toMatch(/lenient/);
  });

  it('simulate and monitor --applicants warn of the same readings', async () => {
    const sim = captureIo();
    const simulated = await runSimulateCommand(
      ['--book', join(work, 'book.csv'), '--candidate-policy', file('candidate.json', '{}'), '--out', join(work, 'sim.json')],
      sim.io,
    );
    expect(simulated, sim.err()).toBe(0);
    expect(sim.err()).toContain('warning (cells_trimmed): "income.monthlyNet": 4 cells have surrounding whitespace, read without it (first on line 3)\n');
    expect(sim.err()).toContain('warning (numbers_with_leading_zeros): "household.dependants"');

    const mon = captureIo();
    expect(await runMonitorCommand(['--applicants', join(work, 'book.csv'), '--out', join(work, 'mon.json')], mon.io), mon.err()).toBe(0);
    expect(mon.err()).toContain('warning (cells_trimmed): "bureau.hasFile": 1 cell has surrounding whitespace, read without it (first on line 7)\n');
  });
});
