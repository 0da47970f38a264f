// A fraction written with more digits than a double holds is rounded by JSON.parse / Number() before
// any schema sees it: 999999.99999999999 fen would pass as 1,000,000 integer fen (more than asked for).
// Every file reader refuses such a number at its field's path; fractions a double keeps are read.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'imprecise-numbers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);

const applicant = exampleApplicants[0]!.applicant;
/** The applicant's JSON with net income and requested limit written as fractions a double rounds to integers. */
function withRoundedFen(): string {
  const text = JSON.stringify(applicant)
    .replace(`"monthlyNet":${applicant.income.monthlyNet}`, `"monthlyNet":${applicant.income.monthlyNet}.00000000001`)
    .replace(`"requestedLimit":${applicant.controls?.requestedLimit}`, `"requestedLimit":${applicant.controls!.requestedLimit! - 1}.99999999999`);
  expect(text).toContain('.00000000001');
  expect(text).toContain('.99999999999');
  return text;
}

type OutLine = { line: number; decision?: unknown; error?: { code: string; issues: { path: unknown[]; code: string; message: string }[] } };
const outLines = (path: string): OutLine[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as OutLine);

describe('a number whose written fraction a double rounds to an integer', () => {
  it('decide FILE: refused (data_invalid, exit 3) naming each field, never decided on the rounded value', async () => {
    writeFileSync(file('frac.json'), withRoundedFen());
    const c = captureIo();
    expect(await main(['decide', file('frac.json')], c.io)).toBe(3);
    expect(c.out()).toBe('');
    expect(c.err()).toMatch(/income\.monthlyNet: .*cannot be held exactly/);
    expect(c.err()).toMatch(/controls\.requestedLimit: .*cannot be held exactly/);
  });

  it('score NDJSON: that line is an error line with imprecise_number at each path; the others decide', async () => {
    writeFileSync(file('book.ndjson'), `${JSON.stringify(applicant)}\n${withRoundedFen()}\n`);
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('book.ndjson'), '--out', file('book.out.ndjson'), '--suggestions', '0'], c.io)).toBe(3);
    const out = outLines(file('book.out.ndjson'));
    expect(out.map((r) => [r.line, r.decision !== undefined])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(out[1]?.error?.issues.map((i) => [i.code, i.path])).toEqual([
      ['imprecise_number', ['income', 'monthlyNet']],
      ['imprecise_number', ['controls', 'requestedLimit']],
    ]);
  });

  it('score CSV: an integer or number cell that rounds to an integer is refused at its column; 6.5 and 0.98 are read', async () => {
    const header =
      'id,asOf,birthDate,identity.idHash,employment.type,employment.industry,income.monthlyNet,income.source,socialInsuranceMonths,housingFundMonths,residence.cityTier,residence.region,bureau.hasFile,platform.accountAgeMonths,platform.transactions3m,platform.transactionAmount3m,platform.onTimeRepaymentRate,household.monthlyEssentialSpending,household.dependants';
    const row = (id: string, net: string, tier: string) =>
      `${id},2026-11-24,2003-05-14,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,salaried,information_technology,${net},payroll,14,14,${tier},central,false,20,150,1300000,0.98,350000,0`;
    writeFileSync(file('book.csv'), `${header}\n${row('c1', '650000', '2')}\n${row('c2', '650000.00000000001', '2.0000000000000001')}\n`);
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('book.csv'), '--out', file('csv.out.ndjson'), '--suggestions', '0'], c.io)).toBe(3);
    const out = outLines(file('csv.out.ndjson'));
    expect(out.map((r) => [r.line, r.decision !== undefined])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(out[1]?.error?.issues.map((i) => [i.code, i.path])).toEqual([
      ['imprecise_number', ['income', 'monthlyNet']],
      ['imprecise_number', ['residence', 'cityTier']],
    ]);
  });
});
