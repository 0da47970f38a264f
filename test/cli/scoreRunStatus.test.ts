// Outside tester findings10-scale S4: a run manifest (OUT.run.json) held only configuration, so
// nothing on disk said whether the run finished or which lines it left undecided, and `report` on an
// output with 64 of 600 records undecided said "525 decisions", exit 0, without a word.
// S5: --resume kept a block of NUL bytes in the middle of the output, a repeated decision line and
// re-decided a record whose error line had been deleted, all without a note.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import type { BatchDecider } from '../../src/cli/score/batchDecider.js';
import { captureIo, FAKE_AS_OF, fakeDecider, resealed } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-run-status-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const path = (name: string) => join(work, `${n}-${name}`);
const withDecider = (d: BatchDecider) => ({ openDecider: async () => d });

/** `count` applicants; every 9th (i % 9 === 4) is invalid, so the run has error lines too. */
function book(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(i % 9 === 4 ? { id: i } : { id: `r${i}`, asOf: FAKE_AS_OF, limit: (i % 7) * 150_000 }));
  return `${lines.join('\n')}\n`;
}

const manifestOf = (out: string) => JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));
const withoutStatus = (m: Record<string, unknown>) => {
  const { status, ...rest } = m;
  return rest;
};

/** Input line numbers answered, in every file given, with repeats. */
function answered(...files: string[]): number[] {
  return files
    .flatMap((f) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n') : []))
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { line: number }).line)
    .sort((a, b) => a - b);
}

const report = async (file: string) => {
  const c = captureIo();
  const out = `${file}.html`;
  const code = await runReportCommand([file, '--out', out], c.io);
  return { code, out: c.out(), err: c.err(), html: code === 0 ? readFileSync(out, 'utf8') : '' };
};

describe('score: the run manifest records how the run ended (S4)', () => {
  it('a run that left worker_failed records says incomplete, naming the lines; --resume finishes it, the configuration untouched', async () => {
    n++;
    writeFileSync(path('in.ndjson'), book(30));
    const out = path('out.ndjson');
    const args = ['--in', path('in.ndjson'), '--out', out, '--errors', path('err.ndjson'), '--batch', '4'];
    expect(await runScoreCommand(args, captureIo().io, withDecider(fakeDecider({ workerFailId: 'r7' })))).toBe(4);
    const first = manifestOf(out);
    expect(first.status).toMatchObject({
      state: 'incomplete',
      runs: 1,
      exitCode: 4,
      decidedBy: { mode: 'in-process' },
      reason: expect.stringMatching(/1 records were not decided because a scorer worker failed/),
      decisions: 26,
      rejected: 3,
      workerFailed: 1,
      undecided: { records: 1, lines: [{ first: 8, last: 8 }] },
    });
    expect(first.status.undecided.afterLine).toBeUndefined();

    const c = captureIo();
    expect(await runScoreCommand([...args, '--resume'], c.io, withDecider(fakeDecider()))).toBe(3);
    const second = manifestOf(out);
    // The part --resume compares is the first run's, whole; only the status moved on.
    expect(withoutStatus(second)).toEqual(withoutStatus(first));
    expect(second.status).toMatchObject({ state: 'finished', runs: 2, exitCode: 3, decisions: 27, rejected: 3, workerFailed: 0 });
    expect(second.status.events).toMatchObject({ workerFailedDecidedAgain: 1, missingAnswersDecidedAgain: 0 });
    expect(second.status.undecided).toBeUndefined();
    // The bytes both runs left, output and errors file, as verify --manifest and report compare them.
    expect(second.status.files).toEqual({ output: digestOf(out), errors: digestOf(path('err.ndjson')) });
    expect(first.status.files.output).not.toEqual(second.status.files.output);
    expect(c.err()).toMatch(/deciding again 1 records a failed worker left undecided/);
  });

  it('while a run writes, its manifest says running (so a run killed mid-way leaves that); a runtime failure records incomplete with its error', async () => {
    n++;
    writeFileSync(path('in.ndjson'), book(20));
    const out = path('out.ndjson');
    const d = fakeDecider();
    const decide = d.decide;
    const states: unknown[] = [];
    d.decide = async (records) => {
      states.push(manifestOf(out).status?.state);
      return decide(records);
    };
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', out, '--batch', '5', '--workers', '3'], captureIo().io, withDecider(d))).toBe(3);
    expect(states).toEqual(['running', 'running', 'running', 'running']);
    expect(manifestOf(out).options.workers).toBe(3);
    expect(manifestOf(out).status).toMatchObject({ state: 'finished', decidedBy: { mode: 'pool', workers: 3 } });

    n++;
    writeFileSync(path('in.ndjson'), book(20));
    const failing = captureIo();
    expect(
      await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--batch', '5'], failing.io, withDecider(fakeDecider({ failOnCall: 3 }))),
    ).toBe(1);
    expect(manifestOf(path('out.ndjson')).status).toMatchObject({
      state: 'incomplete',
      exitCode: 1,
      reason: 'failed: runtime exploded',
      decisions: 9,
      undecided: { afterLine: 15 },
    });
  });

  it('an interrupted run records the records in flight and the line after which nothing was read', async () => {
    n++;
    writeFileSync(path('in.ndjson'), book(40));
    const stop = new AbortController();
    const d = fakeDecider();
    const decide = d.decide;
    d.decide = async (records) => {
      const r = await decide(records);
      if (d.calls === 2) stop.abort();
      return r;
    };
    const out = path('out.ndjson');
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', out, '--batch', '5'], captureIo({ signal: stop.signal }).io, withDecider(d))).toBe(130);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 130, reason: expect.stringMatching(/interrupted/) });
    expect(status.undecided.afterLine).toBe(Math.max(...answered(out)));
  });
});

describe('report: warns of a run that did not finish (S4)', () => {
  it('an incomplete run: a warning on stderr and in the page naming the undecided records and their lines; none once resumed to the end', async () => {
    n++;
    writeFileSync(path('in.ndjson'), book(30));
    const out = path('out.ndjson');
    const args = ['--in', path('in.ndjson'), '--out', out, '--errors', path('err.ndjson'), '--batch', '4'];
    expect(await runScoreCommand(args, captureIo().io, withDecider(fakeDecider({ workerFailId: 'r7' })))).toBe(4);
    const r = await report(out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: .*out\.ndjson is incomplete \(exit 4\): .*1 input record has no answer \(line 8\).*--resume/m);
    expect(r.html).toMatch(/data-warning>[^<]*is incomplete \(exit 4\)[^<]*line 8/);
    expect(await runScoreCommand([...args, '--resume'], captureIo().io, withDecider(fakeDecider()))).toBe(3);
    const done = await report(out);
    expect(done.err).toBe('');
    expect(done.html).not.toContain('data-warning');
  });

  it('a run still running or killed, a manifest without a status, or an output changed since its run: each warned of', async () => {
    n++;
    writeFileSync(path('in.ndjson'), book(12));
    const out = path('out.ndjson');
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', out], captureIo().io, withDecider(fakeDecider()))).toBe(3);
    const m = manifestOf(out);
    writeFileSync(`${out}.run.json`, JSON.stringify({ ...m, status: { ...m.status, state: 'running' } }));
    expect((await report(out)).err).toMatch(/warning: .*has not recorded how it ended: it is still running, or it was killed or crashed/);
    writeFileSync(`${out}.run.json`, JSON.stringify(withoutStatus(m)));
    expect((await report(out)).err).toMatch(/warning: .*records no outcome/);
    writeFileSync(`${out}.run.json`, JSON.stringify(m));
    expect((await report(out)).err).toBe('');
    writeFileSync(out, readFileSync(out, 'utf8').split('\n').slice(2).join('\n'));
    const cut = await report(out);
    expect(cut.err).toMatch(
      /warning: .*out\.ndjson is not the file the run wrote \(by the run manifest beside it, .*\): .*; it holds 9 decision\(s\), the run recorded 11; its figures are not the run's/,
    );
    expect(cut.err).not.toMatch(/but the run that wrote it recorded/);
  });
});

describe('score --resume: says what it found in the middle of the output (S5)', () => {
  const setUp = async (count = 60) => {
    n++;
    writeFileSync(path('in.ndjson'), book(count));
    const out = path('out.ndjson');
    const err = path('err.ndjson');
    const args = ['--in', path('in.ndjson'), '--out', out, '--errors', err, '--batch', '8'];
    expect(await runScoreCommand(args, captureIo().io, withDecider(fakeDecider()))).toBe(3);
    return { out, err, args, outText: readFileSync(out, 'utf8'), errText: readFileSync(err, 'utf8') };
  };
  const lines = (text: string) => text.split('\n').filter((l) => l !== '');

  it('a block of NUL bytes over the middle of a decision line: the line is taken out with a note, its records decided again and named', async () => {
    const { out, err, args, outText } = await setUp();
    const buf = Buffer.from(outText);
    const at = Buffer.byteLength(lines(outText).slice(0, 20).join('\n')) + 1 + 30;
    buf.fill(0, at, at + 600);
    writeFileSync(out, buf);
    const d = fakeDecider();
    const c = captureIo();
    expect(await runScoreCommand([...args, '--resume'], c.io, withDecider(d))).toBe(3);
    expect(c.err()).toMatch(/note: took 1 line out of .*out\.ndjson that is no output line \(line 21 of the file; a crash's NUL bytes, or damaged\)/);
    const redecided = d.decided.map((r) => Number((r as { id: string }).id.slice(1)) + 1);
    expect(redecided.length).toBeGreaterThan(0);
    expect(c.err()).toMatch(new RegExp(`note: decided again ${redecided.length} records? whose answer line was missing`));
    // Every output line reads, and every input line is answered once.
    expect(answered(out, err)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(manifestOf(out).status.events).toMatchObject({ unreadableLinesRemoved: 1, missingAnswersDecidedAgain: redecided.length });
  });

  it('a decision line repeated byte for byte: taken out with a note; repeated with another answer: refused, files untouched', async () => {
    const { out, args, outText } = await setUp();
    writeFileSync(out, `${outText}${lines(outText)[9]}\n`);
    const c = captureIo();
    const d = fakeDecider();
    expect(await runScoreCommand([...args, '--resume'], c.io, withDecider(d))).toBe(3);
    expect(c.err()).toMatch(/note: took 1 line out of .*out\.ndjson repeating, byte for byte, an answer already in the output \(line 54 of the file\)/);
    expect(d.decided).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe(outText);
    expect(manifestOf(out).status.events).toMatchObject({ repeatedLinesRemoved: 1 });

    // Another answer, sealed as a decision of the run would be (a line changed by hand breaks the seal and is taken out instead).
    const repeated = JSON.parse(lines(outText)[9]!);
    const other = JSON.stringify({ line: repeated.line, decision: resealed({ ...repeated.decision, limit: 1 }) });
    writeFileSync(out, `${outText}${other}\n`);
    const refused = captureIo();
    expect(await runScoreCommand([...args, '--resume'], refused.io, withDecider(fakeDecider()))).toBe(2);
    expect(refused.err()).toMatch(/answers an input line twice, with different answers.*input line 11 \(.*out\.ndjson line 10, .*out\.ndjson line 54\)/);
    expect(readFileSync(out, 'utf8')).toBe(`${outText}${other}\n`);
  });

  it('an error line deleted from the middle of --errors: its record decided again, and the note names it', async () => {
    const { out, err, args, errText } = await setUp();
    const kept = lines(errText);
    const gone = JSON.parse(kept[2]!).line as number;
    writeFileSync(err, `${kept.filter((_, i) => i !== 2).join('\n')}\n`);
    const c = captureIo();
    const d = fakeDecider();
    expect(await runScoreCommand([...args, '--resume'], c.io, withDecider(d))).toBe(3);
    expect(d.decided).toEqual([{ id: gone - 1 }]);
    expect(c.err()).toMatch(
      new RegExp(`note: decided again 1 record whose answer line was missing from the output though later lines were answered \\(line ${gone}\\)`),
    );
    expect(answered(out, err)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('law: whatever lines are deleted, repeated or damaged, --resume answers every input line once and names every record it decides again below the last answered line', async () => {
    const { out, err, args, outText, errText } = await setUp(40);
    const edit = fc.record({ file: fc.constantFrom('out', 'err'), kind: fc.constantFrom('delete', 'repeat', 'nul'), at: fc.nat() });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const files = { out: lines(outText), err: lines(errText) };
        for (const e of edits) {
          const f = files[e.file as 'out' | 'err'];
          if (f.length === 0) continue;
          const i = e.at % f.length;
          if (e.kind === 'delete') f.splice(i, 1);
          else if (e.kind === 'repeat') f.push(f[i]!);
          else f[i] = `${f[i]!.slice(0, 10)}${'\u0000'.repeat(50)}${f[i]!.slice(60)}`;
        }
        writeFileSync(out, files.out.map((l) => `${l}\n`).join(''));
        writeFileSync(err, files.err.map((l) => `${l}\n`).join(''));
        const readable = [...files.out, ...files.err].flatMap((l) => {
          try {
            return [(JSON.parse(l) as { line: number }).line];
          } catch {
            return [];
          }
        });
        const highest = Math.max(0, ...readable);
        const d = fakeDecider();
        const c = captureIo();
        expect(await runScoreCommand([...args, '--resume'], c.io, withDecider(d))).toBe(3);
        expect(answered(out, err)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        const decidedLines = d.decided.map((r) => {
          const id = (r as { id: unknown }).id;
          return typeof id === 'number' ? id + 1 : Number(String(id).slice(1)) + 1;
        });
        // Every record decided again below the highest line still answered is named as missing, and no other.
        const named = Number(/note: decided again (\d+) records? whose answer line was missing/.exec(c.err())?.[1] ?? 0);
        expect(named).toBe(decidedLines.filter((l) => l < highest).length);
        expect(manifestOf(out).status).toMatchObject({ state: 'finished' });
      }),
      { numRuns: 30 },
    );
  });
});

function digestOf(file: string): { size: number; sha256: string } {
  const bytes = readFileSync(file);
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
