// `decide --summary` wrote the limit tested with one formatter ("¥500.00", formatYuan) and every
// other amount of the same line with another ("capacity ¥0, payment ¥47.28"; "¥5,000" above):
// one summary, two ways of writing yuan. Every amount in it is now written as formatRmb writes it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { exampleApplicants } from '../../src/examples/index.js';
import { formatRmb } from '../../src/report/formatMoney.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { payrollApplicant } from '../helpers/payrollApplicant.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'summary-money-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every amount of yuan in `text`, as written. */
const amounts = (text: string) => text.match(/-?¥[\d,]*\d(?:\.\d+)?/g) ?? [];
/** The fen an amount written as `¥12,345.6` stands for. */
const fenOf = (written: string) => {
  const [whole, cents = ''] = written.replace(/[-¥,]/g, '').split('.');
  return (written.startsWith('-') ? -1 : 1) * (Number(whole) * 100 + Number(cents.padEnd(2, '0')));
};

async function summaryOf(id: string, applicant: ApplicantInput): Promise<string> {
  const path = join(work, `${id}.json`);
  writeFileSync(path, JSON.stringify(applicant));
  const io = captureIo();
  expect(await main(['decide', path, '--summary'], io.io)).toBe(0);
  return io.out();
}

describe('decide --summary writes every amount one way', () => {
  it('a decline below the minimum: the ¥500 tested beside the capacity and payment, all as formatRmb writes them', async () => {
    const summary = await summaryOf('declined', {
      ...payrollApplicant('summary-money', 134_880),
      income: { monthlyNet: 300_000, source: 'payroll' },
      household: { monthlyEssentialSpending: 290_000, dependants: 2 },
    });
    const line = summary.split('\n').find((l) => l.includes('Affordability')) ?? '';
    // Before: "... at the ¥500.00 product minimum that was tested", beside "capacity ¥0".
    expect(line).toContain('at the ¥500 product minimum that was tested');
    for (const a of amounts(summary)) expect(a).toBe(formatRmb(fenOf(a)));
  });

  it('every example applicant: each amount in its summary is formatRmb of its figure', async () => {
    let seen = 0;
    for (const ex of exampleApplicants) {
      const summary = await summaryOf(ex.id, ex.applicant as ApplicantInput);
      for (const a of amounts(summary)) {
        expect(a, `${ex.id}: ${a}`).toBe(formatRmb(fenOf(a)));
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(exampleApplicants.length);
  });
});
