// F44: a resume recorded the records it decided again (written after the rest, out of input order)
// only when it ended. One killed part-way (kill -9) left answers out of order and a manifest that did
// not say so, so for any resumed run the readers could not tell score's own order from lines moved,
// and only warned. Now a resume records that it decides records again, durably, before it writes the
// first answer out of order (`status.lineOrder`); a manifest recording neither is as an older
// creditlift wrote it, and stays 'unknown'.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openBatchDecider, runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from '../cli/fakeDecider.js';
import { runReaders } from '../cli/scoreOutputReaderRig.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-resume-order-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const book = join(work, 'book.ndjson');
const applicants = exampleApplicants.slice(0, 8).map((e) => e.applicant);
writeFileSync(book, `${applicants.map((a) => JSON.stringify(a)).join('\n')}\n`);
const hanging = fileURLToPath(new URL('../cli/fixtures/scoreHangingAtRecord.ts', import.meta.url));

const score = (out: string, ...more: string[]) =>
  runScoreCommand(['--in', book, '--out', out, '--errors', out, '--batch', '1', '--suggestions', '0', ...more], captureIo().io);
const linesOf = (path: string) =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
const inputLinesOf = (path: string) => linesOf(path).map((l) => (JSON.parse(l) as { line: number }).line);
const statusOf = (out: string) =>
  (JSON.parse(readFileSync(`${out}.run.json`, 'utf8')) as { status: Record<string, unknown> & { events: Record<string, number> } }).status;

/** `score --resume` of `out` in a child process, killed with -9 once the output holds `lines` lines (the decider never answers `hangAt`). */
async function resumeKilledAt(out: string, hangAt: string, lines: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', hanging, hangAt, '--in', book, '--out', out, '--errors', out, '--batch', '1', '--suggestions', '0', '--resume'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let said = '';
  child.stdout.on('data', (d: Buffer) => (said += d.toString()));
  child.stderr.on('data', (d: Buffer) => (said += d.toString()));
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  const until = Date.now() + 45_000;
  while (!(said.includes(`deciding ${hangAt}`) && linesOf(out).length >= lines)) {
    if (Date.now() > until || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the resume did not reach ${lines} lines deciding ${hangAt}: ${said}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  expect(await ended).toBe('SIGKILL');
}

describe('a resume records that it decides records again before it writes the first of them', () => {
  it('killed (-9) after writing two of three missing answers: the manifest says so, the readers accept, a further resume loses nothing', async () => {
    const out = join(work, 'killed.ndjson');
    expect(await score(out)).toBe(0);
    expect(statusOf(out).lineOrder).toBe('input');
    // Input lines 2 to 4 answered no more: a resume decides them again, after line 8's answer.
    writeFileSync(
      out,
      `${linesOf(out)
        .filter((_, i) => i < 1 || i > 3)
        .join('\n')}\n`,
    );
    await resumeKilledAt(out, applicants[3]!.id, 7);
    expect(inputLinesOf(out)).toEqual([1, 5, 6, 7, 8, 2, 3]);
    const killed = statusOf(out);
    expect(killed).toMatchObject({ state: 'running', runs: 2, lineOrder: 'resumedDecidingAgain' });
    // The count as known when it wrote the first: input line 2 at least.
    expect(killed.events.missingAnswersDecidedAgain).toBeGreaterThanOrEqual(1);

    const readers = await runReaders(out);
    expect(readers.report + readers.verify + readers.monitorWarnings).not.toMatch(/lower input line/);
    // Warned of only as a run that recorded no end.
    expect(readers.exits).toEqual({ report: 0, verify: 0, monitor: 0 });
    expect(readers.report).toMatch(/has not recorded how it ended: it is still running, or it was killed or crashed mid-way \(run 2\)/);

    expect(await score(out, '--resume')).toBe(0);
    expect(inputLinesOf(out)).toEqual([1, 5, 6, 7, 8, 2, 3, 4]);
    const ended = statusOf(out);
    expect(ended).toMatchObject({ state: 'finished', runs: 3, lineOrder: 'resumedDecidingAgain', decisions: 8 });
    expect(ended.events.missingAnswersDecidedAgain).toBeGreaterThanOrEqual(2);
    const after = await runReaders(out);
    expect(after.exits).toEqual({ report: 0, verify: 0, monitor: 0 });
    expect(after.report + after.verify + after.monitorWarnings).not.toMatch(/lower input line/);
  }, 90_000);

  it('a resume deciding nothing again records the input order: its lines then moved exit 3 in all three readers', async () => {
    for (const how of ['finished', 'stopped'] as const) {
      const out = join(work, `${how}.ndjson`);
      if (how === 'finished') expect(await score(out)).toBe(0);
      else {
        // Stopped by a signal after three records: the resume decides the rest, after them, in order.
        const stop = new AbortController();
        let calls = 0;
        const openDecider: typeof openBatchDecider = async (...how) => {
          const decider = await openBatchDecider(...how);
          return {
            ...decider,
            decide: async (records, histories, purpose) => {
              if (++calls === 3) stop.abort();
              return decider.decide(records, histories, purpose);
            },
          };
        };
        const io = captureIo({ signal: stop.signal });
        expect(await runScoreCommand(['--in', book, '--out', out, '--errors', out, '--batch', '1', '--suggestions', '0'], io.io, { openDecider })).toBe(130);
        expect(linesOf(out).length).toBeLessThan(8);
      }
      expect(await score(out, '--resume')).toBe(0);
      expect(inputLinesOf(out)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(statusOf(out)).toMatchObject({ state: 'finished', runs: 2, lineOrder: 'input' });
      expect(statusOf(out).events.missingAnswersDecidedAgain).toBe(0);

      const lines = linesOf(out);
      writeFileSync(out, `${[lines[1], lines[0], ...lines.slice(2)].join('\n')}\n`);
      const status = statusOf(out);
      // Its bytes left out: the moved lines are refused for their order, not for the file's digest.
      delete status.files;
      writeFileSync(`${out}.run.json`, JSON.stringify({ ...JSON.parse(readFileSync(`${out}.run.json`, 'utf8')), status }));
      const r = await runReaders(out);
      expect(r.exits, how).toEqual({ report: 3, verify: 3, monitor: 3 });
      expect(r.verify).toMatch(/name a lower input line than the line before \(line 2 \(input line 1 after 2\)\)/);
    }
  }, 90_000);

  it('a resumed run whose manifest records no order (written before it was recorded): lines moved are only warned of', async () => {
    const out = join(work, 'older.ndjson');
    expect(await score(out)).toBe(0);
    expect(await score(out, '--resume')).toBe(0);
    const lines = linesOf(out);
    writeFileSync(out, `${[lines[1], lines[0], ...lines.slice(2)].join('\n')}\n`);
    const manifest = JSON.parse(readFileSync(`${out}.run.json`, 'utf8')) as { status: Record<string, unknown> };
    delete manifest.status.lineOrder;
    delete manifest.status.files;
    writeFileSync(`${out}.run.json`, JSON.stringify(manifest));
    const r = await runReaders(out);
    expect(r.exits, r.verify).toEqual({ report: 0, verify: 0, monitor: 0 });
    expect(r.verify).toMatch(/lower input line than the line before .*only warned of/);
  }, 60_000);
});
