// Outside tester findings17-forensics F5: `report` of an empty (or blank-only) decisions file wrote a
// "0 decisions" page and exited 0 with no word, where `verify` exits 3 ("no decision found ...
// nothing was verified") and `monitor --decisions` exits 1: a file truncated to nothing by a failed
// copy gave a clean report.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-report-empty-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function report(name: string) {
  const c = captureIo();
  const code = await runReportCommand([file(name), '--out', file(`${name}.html`)], c.io);
  return { code, out: c.out(), err: c.err(), html: readFileSync(file(`${name}.html`), 'utf8') };
}

describe('report of a file with nothing in it', () => {
  it.each([
    ['empty', ''],
    ['blank lines only', '\n  \n\r\n\t\n'],
  ])('%s: warned on stderr and in the page, exit 3 (the page still written)', async (_what, text) => {
    const name = `${_what.replace(/ /g, '-')}.ndjson`;
    writeFileSync(file(name), text);
    const r = await report(name);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(new RegExp(`warning: .*${name} holds no decision and no error line \\(it is empty, or blank lines only\\): nothing was reported`));
    expect(r.html).toContain('holds no decision and no error line');
    expect(r.out).toMatch(/report of 0 decisions/);
  });

  it('the empty output of a run that recorded no decision (every record rejected, to --errors) is that run: its rejections counted, no warning of emptiness', async () => {
    writeFileSync(file('bad.ndjson'), `${JSON.stringify({ id: 'a' })}\n${JSON.stringify({ id: 'b' })}\n`);
    expect(await runScoreCommand(['--in', file('bad.ndjson'), '--out', file('none.ndjson'), '--errors', file('none.err.ndjson')], captureIo().io)).toBe(3);
    expect(readFileSync(file('none.ndjson'), 'utf8')).toBe('');
    const r = await report('none.ndjson');
    expect(r.err).not.toMatch(/holds no decision/);
    expect(r.out).toMatch(/report of 0 decisions \(2 rejected from/);
    expect(r.code).toBe(0);
  }, 60_000);
});
