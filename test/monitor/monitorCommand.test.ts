import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MONITOR_ACT_EXIT_CODE, runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-monitor-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('creditlift monitor', () => {
  it('exits 4 when income drifts into the act band, names it in the JSON and the HTML; the bad line goes to the errors file', async () => {
    const rows = generatePopulation({ size: 600, seed: 5, asOf: '2026-11-01' }).map((r) => ({
      ...r.applicant,
      income: { ...r.applicant.income, monthlyNet: Math.round(r.applicant.income.monthlyNet * 0.7) },
    }));
    writeFileSync(join(work, 'apps.ndjson'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n{oops\n`);
    const c = captureIo();
    const code = await runMonitorCommand(['--applicants', join(work, 'apps.ndjson'), '--out', join(work, 'mon.json'), '--html', join(work, 'mon.html')], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(MONITOR_ACT_EXIT_CODE);
    const json = JSON.parse(readFileSync(join(work, 'mon.json'), 'utf8'));
    expect(json.records).toBe(601);
    expect(json.errors).toBe(1);
    expect(json.observations).toBe(600);
    expect(json.worstBand).toBe('act');
    expect(json.flagged).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'feature', name: 'income_rmb', band: 'act' })]));
    expect(readFileSync(join(work, 'mon.errors.ndjson'), 'utf8')).toMatch(/"line":601/);
    expect(c.out()).toMatch(/act\s+feature income_rmb/);
    const html = readFileSync(join(work, 'mon.html'), 'utf8');
    expect(html).toContain('data-chart="psi-feature-income_rmb"');
    expect(html).not.toMatch(/<script/);
  });

  it('a policy that fails leaves no empty errors file behind', async () => {
    writeFileSync(join(work, 'one.ndjson'), `${JSON.stringify(generatePopulation({ size: 1, seed: 2, asOf: '2026-11-01' })[0]!.applicant)}\n`);
    writeFileSync(join(work, 'typo.json'), JSON.stringify({ pricing: { margn: 0.1 } }));
    const c = captureIo();
    const code = await runMonitorCommand(
      ['--applicants', join(work, 'one.ndjson'), '--policy', join(work, 'typo.json'), '--out', join(work, 'one.json')],
      c.io,
    );
    expect(code).toBe(1);
    expect(c.err()).toMatch(/policy_invalid/);
    expect(existsSync(join(work, 'one.errors.ndjson'))).toBe(false);
    expect(existsSync(join(work, 'one.json'))).toBe(false);
  });

  // findings16 F3: an empty file, blank lines and a CSV header alone each gave "monitored 0 of 0 records ...
  // worst band stable", exit 0, and a monitor.json an alerting job reads as all stable.
  it('a file with no records says so and exits 1, writing no result (as simulate does), for --applicants and --decisions', async () => {
    writeFileSync(join(work, 'empty.ndjson'), '');
    writeFileSync(join(work, 'blank.ndjson'), '\n\n');
    writeFileSync(join(work, 'header.csv'), 'id,asOf,birthDate\n');
    for (const [flag, file] of [
      ['--applicants', 'empty.ndjson'],
      ['--applicants', 'blank.ndjson'],
      ['--applicants', 'header.csv'],
      ['--decisions', 'empty.ndjson'],
      ['--decisions', 'blank.ndjson'],
    ] as const) {
      const c = captureIo();
      const out = join(work, `none-${file}.json`);
      const code = await runMonitorCommand([flag, join(work, file), '--out', out, '--html', join(work, `none-${file}.html`)], c.io);
      expect(code, `${flag} ${file}`).toBe(1);
      expect(c.err()).toMatch(new RegExp(`data_invalid.*${file.replace('.', '\\.')} holds no records: nothing was monitored`));
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(work, `none-${file}.html`))).toBe(false);
      expect(existsSync(join(work, `none-${file}.errors.ndjson`))).toBe(false);
    }
  });

  it('refuses --model without its own --baseline, and both input kinds at once', async () => {
    const c = captureIo();
    expect(await runMonitorCommand(['--applicants', 'a.ndjson', '--decisions', 'b.ndjson', '--out', 'x.json'], c.io)).toBe(2);
    expect(await runMonitorCommand(['--applicants', 'a.ndjson', '--model', 'm.onnx', '--out', 'x.json'], c.io)).toBe(2);
    expect(c.err()).toMatch(/--model needs its own --baseline/);
  });
});

// Outside tester findings17-forensics F7: a decision line longer than the 4 MiB a line may take
// (valid JSON) was named "line 2: not valid JSON"; verify says the line is too long, score line_too_long.
describe('creditlift monitor --decisions: a line too long to read', () => {
  it('is named for its length (line_too_long), not as invalid JSON', async () => {
    const huge = JSON.stringify({ line: 2, decision: { pad: 'x'.repeat(4 * 1024 * 1024 + 10) } });
    writeFileSync(join(work, 'huge.ndjson'), `{"line":1,"error":{"code":"validation_failed","message":"m"}}\n${huge}\n`);
    const c = captureIo();
    await runMonitorCommand(['--decisions', join(work, 'huge.ndjson'), '--out', join(work, 'huge.json')], c.io);
    const errors = readFileSync(join(work, 'huge.errors.ndjson'), 'utf8');
    expect(errors).toMatch(/"line":2.*the line is longer than the 4 MiB a record may take \(line_too_long\)/);
    expect(errors).toMatch(/"code":"line_too_long"/);
    expect(errors).not.toMatch(/line 2: not valid JSON/);
  });
});

// Left by the fix above: a line with a byte that is not UTF-8 was decoded with U+FFFD in its place
// and read on (score names it invalid_utf8). A decision's seal would mostly catch it; one in an
// envelope or a blank-looking line would not.
describe('creditlift monitor --decisions: a byte that is not UTF-8', () => {
  it("is that line's error (invalid_utf8, naming the offset), never read as U+FFFD", async () => {
    const bad = Buffer.concat([Buffer.from('{"line":2,"error":{"code":"validation_failed","message":"m'), Buffer.from([0xff]), Buffer.from('"}}\n')]);
    writeFileSync(join(work, 'bytes.ndjson'), Buffer.concat([Buffer.from('{"line":1,"error":{"code":"validation_failed","message":"m"}}\n'), bad]));
    const c = captureIo();
    await runMonitorCommand(['--decisions', join(work, 'bytes.ndjson'), '--out', join(work, 'bytes.json')], c.io);
    const errors = readFileSync(join(work, 'bytes.errors.ndjson'), 'utf8');
    expect(errors).toMatch(/"line":2.*not UTF-8: invalid byte at offset \d+ of the file \(invalid_utf8\)/);
    expect(errors).toMatch(/"code":"invalid_utf8"/);
  });
});
