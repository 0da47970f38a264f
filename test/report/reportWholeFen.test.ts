// Outside tester round 11, F4 and F14: a decision line whose limit was not whole fen (1234567.5, a
// file written in yuan with decimals) was counted without a word and its total printed as
// "¥12,345.67.5"; `limit: 1e300` gave a 300-digit total. Unreadable lines (every line of an
// applicants file given by mistake) were noted only in a grey line under the last table.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { accumulateDecisionLine } from '../../src/report/accumulateDecisionLine.js';
import { createReportAccumulator } from '../../src/report/reportData.js';
import { captureIo, fakeDecision } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-fen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('report: money is whole fen', () => {
  it('a limit that is not a safe whole number of fen makes the line unreadable, never a figure', () => {
    const acc = createReportAccumulator();
    const d = fakeDecision({ id: 'a', limit: 300_000 });
    for (const limit of [1_234_567.5, 1e300, 0.01, Number.MAX_SAFE_INTEGER + 1]) accumulateDecisionLine(acc, JSON.stringify({ ...d, limit }));
    accumulateDecisionLine(acc, JSON.stringify(d));
    const r = acc.finish();
    expect([r.decisions, r.unreadable]).toEqual([1, 4]);
    expect(r.limitTotalFen).toBe(300_000);
  });

  it('creditlift report warns about unreadable lines on stderr and among the page warnings, exits 3, and never prints a fraction of a fen', async () => {
    const d = fakeDecision({ id: 'a', limit: 300_000 });
    const input = join(work, 'yuan.ndjson');
    writeFileSync(input, `${JSON.stringify({ line: 1, decision: d })}\n${JSON.stringify({ line: 2, decision: { ...d, limit: 1_234_567.5 } })}\n`);
    const out = join(work, 'yuan.html');
    const c = captureIo();
    expect(await runReportCommand([input, '--out', out], c.io)).toBe(3);
    expect(c.err()).toMatch(/warning: 1 line\(s\) of .*yuan\.ndjson .*left out/);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<p class="note warning" data-warning>1 line\(s\) of/);
    expect(html).not.toMatch(/¥[\d,]+\.\d\d\.\d/);
    expect(html).not.toContain('12,345.67');
  });
});
