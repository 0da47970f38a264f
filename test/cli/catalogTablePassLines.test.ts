// `creditlift catalog` showed each numeric kind's main scale alone and no pass line: a lender could
// not see that TOEFL iBT is also read on the 1-6 bands ETS reports since 2026-01-21, nor which result
// is the lowest that counts (a lower one is refused, result_below_useful_level).
import { describe, expect, it } from 'vitest';
import { runCatalogCommand } from '../../src/cli/catalogCommand.js';
import { captureIo } from './fakeDecider.js';

async function tableRow(id: string): Promise<string[]> {
  const io = captureIo();
  expect(await runCatalogCommand([], io.io)).toBe(0);
  // Cells hold single spaces; columns are two or more apart (padded by display width, so CJK names
  // shift the characters, not the cells).
  const line = io
    .out()
    .split('\n')
    .find((l) => l.startsWith(`${id} `));
  if (line === undefined) throw new Error(`no row for ${id}`);
  return line.trim().split(/ {2,}/);
}

describe('the catalog table shows every scale a kind is read on and the lowest result that counts', () => {
  it('TOEFL iBT: both scales, the band scale with its date, and the pass line on each', async () => {
    const row = await tableRow('toefl_ibt');
    expect(row).toContain('0..120 step 1; 1..6 step 0.5 since 2026-01-21');
    expect(row).toContain('42; 3 on 1..6');
  });

  it('a rating with a pass line, a levelled kind by the levels that count, a qualification held', async () => {
    expect(await tableRow('ride_hailing_rating')).toContain('4.5');
    expect(await tableRow('tem8')).toContain('pass/good/excellent');
    expect(await tableRow('cpa')).toContain('held');
  });
});
