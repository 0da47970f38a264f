import { closeSync, linkSync, mkdtempSync, openSync, writeSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runScoreCommand, SCORE_USAGE } from '../../src/cli/scoreCommand.js';
import { MAX_LINE_LENGTH } from '../../src/cli/score/splitLines.js';
import { DEFAULT_MAX_RECORD_CHARS } from '../../src/csv/csvTokenizer.js';
import type { BatchDecider } from '../../src/cli/score/batchDecider.js';
import { captureIo, FAKE_AS_OF, FAKE_POLICY_HASH, fakeDecider } from './fakeDecider.js';

/** A fake decider that holds every call until `release()`: a run stays mid-write while another starts. */
function gatedDecider(): { readonly decider: ReturnType<typeof fakeDecider>; readonly release: () => void } {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const decider = fakeDecider();
  const decide = decider.decide;
  decider.decide = async (records) => {
    await gate;
    return decide(records);
  };
  return { decider, release: () => release() };
}

const work = mkdtempSync(join(tmpdir(), 'creditlift-score-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const path = (name: string) => join(work, `${n}-${name}`);

function ndjson(count: number, bad: (i: number) => 'json' | 'invalid' | null = () => null): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = bad(i);
    lines.push(
      kind === 'json'
        ? '{not json'
        : kind === 'invalid'
          ? JSON.stringify({ id: i })
          : JSON.stringify({ id: `r${i}`, asOf: FAKE_AS_OF, limit: (i % 7) * 150_000 }),
    );
  }
  return `${lines.join('\n')}\n`;
}

function readLines(file: string): { line: number; decision?: { applicantId: string }; error?: { code: string; issues?: { path: unknown[] }[] } }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

const withDecider = (d: BatchDecider) => ({ openDecider: async () => d });

describe('creditlift score (fake decider)', () => {
  it('writes one decision line per record with its input line number; exit 0 when none is rejected', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(25));
    const c = captureIo();
    const code = await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--batch', '4'], c.io, withDecider(fakeDecider()));
    expect(code).toBe(0);
    const out = readLines(path('out.ndjson'));
    expect(out.map((o) => o.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(out[4]!.decision!.applicantId).toBe('r4');
    expect(c.out()).toMatch(/25 records read/);
    expect(c.out()).toMatch(/outcomes\s+approve/);
    expect(c.err()).toBe('');
  });

  it('bad JSON and invalid records become error lines naming the line and the fields at fault; exit 3', async () => {
    n++;
    writeFileSync(
      path('in.ndjson'),
      ndjson(10, (i) => (i === 2 ? 'json' : i === 5 ? 'invalid' : null)),
    );
    const c = captureIo();
    const code = await runScoreCommand(
      ['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--errors', path('err.ndjson'), '--json-summary'],
      c.io,
      withDecider(fakeDecider()),
    );
    expect(code).toBe(3);
    const errors = readLines(path('err.ndjson'));
    expect(errors.map((e) => [e.line, e.error!.code])).toEqual([
      [3, 'data_invalid'],
      [6, 'validation_failed'],
    ]);
    expect(errors[1]!.error!.issues![0]!.path).toEqual(['id']);
    expect(readLines(path('out.ndjson')).map((o) => o.line)).toEqual([1, 2, 4, 5, 7, 8, 9, 10]);
    expect(JSON.parse(c.out())).toMatchObject({ recordsIn: 10, decisions: 8, rejected: 2, errorCodes: { data_invalid: 1, validation_failed: 1 } });
  });

  it('without --errors, error lines go into --out, still one line per record', async () => {
    n++;
    writeFileSync(
      path('in.ndjson'),
      ndjson(6, (i) => (i === 1 ? 'json' : null)),
    );
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson')], captureIo().io, withDecider(fakeDecider()))).toBe(3);
    expect(readLines(path('out.ndjson')).map((o) => [o.line, o.error === undefined])).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, true],
      [5, true],
      [6, true],
    ]);
  });

  it('NDJSON with CR-only line ends (old Mac): one record per line, each answered once, and --resume after a stop finishes it', async () => {
    n++;
    // Line 3 is not JSON and line 6 invalid: their error lines name those lines, not line 1.
    writeFileSync(path('in.ndjson'), ndjson(12, (i) => (i === 2 ? 'json' : i === 5 ? 'invalid' : null)).replaceAll('\n', '\r'));
    const stop = new AbortController();
    const first = fakeDecider();
    const decide = first.decide;
    first.decide = async (records) => {
      const r = await decide(records);
      if (first.calls === 1) stop.abort();
      return r;
    };
    const args = ['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--errors', path('err.ndjson'), '--batch', '4'];
    expect(await runScoreCommand(args, captureIo({ signal: stop.signal }).io, withDecider(first))).toBe(130);
    const second = fakeDecider();
    const c = captureIo();
    expect(await runScoreCommand([...args, '--resume', '--json-summary'], c.io, withDecider(second))).toBe(3);
    expect(readLines(path('err.ndjson')).map((e) => [e.line, e.error!.code])).toEqual([
      [3, 'data_invalid'],
      [6, 'validation_failed'],
    ]);
    const lines = [...readLines(path('out.ndjson')), ...readLines(path('err.ndjson'))].map((o) => o.line).sort((a, b) => a - b);
    expect(lines).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(first.decided.length + second.decided.length).toBe(11);
    expect(readLines(path('out.ndjson')).find((o) => o.line === 12)?.decision?.applicantId).toBe('r11');
  });

  it('reads CSV with dotted headers, numbering records by their first physical line', async () => {
    n++;
    writeFileSync(path('in.csv'), 'id,limit\nr1,100000\n"r\n2",200000\nr3\n');
    const code = await runScoreCommand(
      ['--in', path('in.csv'), '--out', path('out.ndjson'), '--errors', path('err.ndjson')],
      captureIo().io,
      withDecider(fakeDecider()),
    );
    expect(code).toBe(3);
    expect(readLines(path('out.ndjson')).map((o) => [o.line, o.decision!.applicantId])).toEqual([
      [2, 'r1'],
      [3, 'r\n2'],
    ]);
    expect(readLines(path('err.ndjson')).map((o) => o.line)).toEqual([5]);
  });

  it('refuses to overwrite finished work unless told, and exits 2 on a bad command line', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(3));
    writeFileSync(path('out.ndjson'), '{"line":1,"decision":{}}\n');
    const c = captureIo();
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson')], c.io, withDecider(fakeDecider()))).toBe(2);
    expect(c.err()).toMatch(/--resume .* --overwrite/);
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--overwrite'], captureIo().io, withDecider(fakeDecider()))).toBe(0);
    expect(readLines(path('out.ndjson'))).toHaveLength(3);
    for (const argv of [
      ['--out', 'x'],
      ['--in', path('in.ndjson')],
      ['--in', path('in.ndjson'), '--out', path('in.ndjson')],
      ['--in', 'a', '--out', 'b', '--workers', '0'],
      ['--in', 'a', '--out', 'b', '--format', 'xml'],
      ['--bogus'],
    ]) {
      expect(await runScoreCommand(argv, captureIo().io, withDecider(fakeDecider())), argv.join(' ')).toBe(2);
    }
  });

  it('exits 1, naming the problem, when the input cannot be read or the runtime fails; what finished is kept', async () => {
    n++;
    const c = captureIo();
    expect(await runScoreCommand(['--in', path('missing.ndjson'), '--out', path('out.ndjson')], c.io, withDecider(fakeDecider()))).toBe(1);
    expect(c.err()).toMatch(/ENOENT|no such file/);
    writeFileSync(path('in.ndjson'), ndjson(30));
    const c2 = captureIo();
    expect(
      await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--batch', '10'], c2.io, withDecider(fakeDecider({ failOnCall: 2 }))),
    ).toBe(1);
    expect(c2.err()).toMatch(/runtime exploded/);
    expect(readLines(path('out.ndjson')).map((o) => o.line)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(
      await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--batch', '10', '--resume'], captureIo().io, withDecider(fakeDecider())),
    ).toBe(0);
    expect(
      readLines(path('out.ndjson'))
        .map((o) => o.line)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('a valid line nested 5,000 deep is its own error line; the lines around it are decided (exit 3), and --resume has nothing left', async () => {
    n++;
    const deep = `{"id":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    writeFileSync(path('in.ndjson'), `${JSON.stringify({ id: 'a', asOf: FAKE_AS_OF })}\n${deep}\n${JSON.stringify({ id: 'b', asOf: FAKE_AS_OF })}\n`);
    const args = ['--in', path('in.ndjson'), '--out', path('out.ndjson')];
    const c = captureIo();
    expect(await runScoreCommand(args, c.io, withDecider(fakeDecider())), c.err()).toBe(3);
    expect(readLines(path('out.ndjson')).map((o) => [o.line, o.error?.code ?? o.decision?.applicantId])).toEqual([
      [1, 'a'],
      [2, 'data_invalid'],
      [3, 'b'],
    ]);
    const again = fakeDecider();
    expect(await runScoreCommand([...args, '--resume'], captureIo().io, withDecider(again))).toBe(3);
    expect(again.decided).toEqual([]);
    expect(readLines(path('out.ndjson'))).toHaveLength(3);
  });

  it('an interrupted run (signal) exits 130 and --resume finishes it without deciding anything twice', async () => {
    n++;
    writeFileSync(
      path('in.ndjson'),
      ndjson(40, (i) => (i % 9 === 4 ? 'invalid' : null)),
    );
    const stop = new AbortController();
    const first = fakeDecider();
    const decide = first.decide;
    first.decide = async (records) => {
      const r = await decide(records);
      if (first.calls === 2) stop.abort();
      return r;
    };
    const args = ['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--errors', path('err.ndjson'), '--batch', '5'];
    const c = captureIo({ signal: stop.signal });
    expect(await runScoreCommand(args, c.io, withDecider(first))).toBe(130);
    expect(c.err()).toMatch(/--resume/);
    const second = fakeDecider();
    const c2 = captureIo();
    expect(await runScoreCommand([...args, '--resume', '--json-summary'], c2.io, withDecider(second))).toBe(3);
    const lines = [...readLines(path('out.ndjson')), ...readLines(path('err.ndjson'))].map((o) => o.line).sort((a, b) => a - b);
    expect(lines).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(first.decided.length + second.decided.length).toBe(40);
    expect(JSON.parse(c2.out()).skipped).toBe(first.decided.length);
  });

  it('law: however the output files were cut (a run killed mid-write), --resume leaves every input line answered exactly once', async () => {
    n++;
    const input = path('in.ndjson');
    writeFileSync(
      input,
      ndjson(30, (i) => (i % 7 === 3 ? 'json' : i % 11 === 5 ? 'invalid' : null)),
    );
    const out = path('out.ndjson');
    const err = path('err.ndjson');
    const args = ['--in', input, '--out', out, '--errors', err, '--batch', '4'];
    expect(await runScoreCommand([...args, '--overwrite'], captureIo().io, withDecider(fakeDecider()))).toBe(3);
    const fullOut = readFileSync(out);
    const fullErr = readFileSync(err);
    await fc.assert(
      fc.asyncProperty(fc.nat(fullOut.length), fc.nat(fullErr.length), async (cutOut, cutErr) => {
        writeFileSync(out, fullOut.subarray(0, cutOut));
        writeFileSync(err, fullErr.subarray(0, cutErr));
        const d = fakeDecider();
        expect(await runScoreCommand([...args, '--resume'], captureIo().io, withDecider(d))).toBe(3);
        const lines = [...readLines(out), ...readLines(err)].map((o) => o.line).sort((a, b) => a - b);
        expect(lines).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      }),
      { numRuns: 25 },
    );
  });

  it('the resume note names the file a cut line was taken from (it said "from the output" for the --errors file too)', async () => {
    n++;
    writeFileSync(
      path('in.ndjson'),
      ndjson(12, (i) => (i % 3 === 1 ? 'invalid' : null)),
    );
    const args = ['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--errors', path('err.ndjson')];
    expect(await runScoreCommand(args, captureIo().io, withDecider(fakeDecider()))).toBe(3);
    const err = readFileSync(path('err.ndjson'));
    writeFileSync(path('err.ndjson'), err.subarray(0, err.length - 7));
    const c = captureIo();
    expect(await runScoreCommand([...args, '--resume'], c.io, withDecider(fakeDecider()))).toBe(3);
    const notes = c
      .err()
      .split('\n')
      .filter((l) => l.startsWith('note: cut'));
    expect(notes).toEqual([expect.stringMatching(/bytes\) from .*err\.ndjson before resuming$/)]);
    const out = readFileSync(path('out.ndjson'));
    writeFileSync(path('out.ndjson'), out.subarray(0, out.length - 3));
    writeFileSync(path('err.ndjson'), readFileSync(path('err.ndjson')).subarray(0, err.length - 2));
    const both = captureIo();
    expect(await runScoreCommand([...args, '--resume'], both.io, withDecider(fakeDecider()))).toBe(3);
    expect(
      both
        .err()
        .split('\n')
        .filter((l) => l.startsWith('note: cut')),
    ).toEqual([expect.stringMatching(/\(\d+ bytes\) from .*out\.ndjson before/), expect.stringMatching(/\(\d+ bytes\) from .*err\.ndjson before/)]);
  });

  it('--help and the README state the limit a record is held to, the one both readers hold (it was documented nowhere)', () => {
    expect(DEFAULT_MAX_RECORD_CHARS).toBe(MAX_LINE_LENGTH);
    expect(SCORE_USAGE).toMatch(/A record may\s+take 4,194,304 characters.*\n?.*line_too_long[\s\S]*record_too_long/);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toMatch(/A record may take 4,194,304 characters[\s\S]{0,200}`line_too_long`[\s\S]{0,80}`record_too_long`/);
    expect(MAX_LINE_LENGTH).toBe(4_194_304);
  });

  it('draws a progress bar on stderr only when it is a terminal', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(20));
    let t = 0;
    const tty = captureIo({ stderrIsTty: true, stderrColumns: 100, now: () => (t += 150) });
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', path('tty.ndjson'), '--batch', '5'], tty.io, withDecider(fakeDecider()))).toBe(0);
    expect(tty.err()).toMatch(/\r\[#+-*\]\s+\d+%\s+\d+ records/);
    expect(tty.out()).toMatch(/records read in [\d.]+ s \(\d+ records\/s\)/);
    const pipe = captureIo({ stderrIsTty: false, now: () => (t += 150) });
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', path('pipe.ndjson'), '--batch', '5'], pipe.io, withDecider(fakeDecider()))).toBe(0);
    expect(pipe.err()).toBe('');
  });

  it('--workers N reaches the decider opener, which sets how many chunks are in flight', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(3));
    const c = captureIo();
    expect(
      await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--workers', '4'], c.io, {
        openDecider: async (_v, workers) => ({ ...fakeDecider(), inFlight: workers }),
      }),
    ).toBe(0);
    expect(statSync(path('out.ndjson')).size).toBeGreaterThan(0);
  });

  it("the bin's worker flags (its heap policy) reach the decider opener, for the worker processes it starts", async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(3));
    const seen: unknown[] = [];
    const open = (io: Record<string, unknown>) =>
      runScoreCommand(['--in', path('in.ndjson'), '--out', path('flags.ndjson'), '--workers', '2', '--overwrite'], captureIo(io).io, {
        openDecider: async (_v, workers, options) => {
          seen.push(options);
          return { ...fakeDecider(), inFlight: workers };
        },
      });
    expect(await open({ workerExecArgv: ['--heap-growing-percent=100'] })).toBe(0);
    expect(await open({})).toBe(0);
    expect(seen).toEqual([{ workerExecArgv: ['--heap-growing-percent=100'] }, {}]);
  });
});

describe('creditlift score: one run per output (manifest, lock, resume)', () => {
  const manifestOf = (out: string) => JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));

  it('writes a run manifest beside the output: input path, size and SHA-256, model SHA-256, policy hash, options', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(5));
    expect(
      await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--suggestions', '0'], captureIo().io, withDecider(fakeDecider())),
    ).toBe(0);
    const m = manifestOf(path('out.ndjson'));
    expect(m.input).toEqual({
      path: path('in.ndjson'),
      size: statSync(path('in.ndjson')).size,
      sha256: createHash('sha256')
        .update(readFileSync(path('in.ndjson')))
        .digest('hex'),
    });
    expect(m.model).toEqual({ id: 'fake@1', sha256: 'f'.repeat(64) });
    expect(m.policyHash).toBe(FAKE_POLICY_HASH);
    expect(m.engineVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.keys).toEqual({ signing: null, personalData: null });
    expect(m.options).toMatchObject({ suggestions: 0, errors: path('out.ndjson') });
    expect(existsSync(path('out.ndjson.lock'))).toBe(false);
  });

  it('--resume refuses a different input, model or options with a message naming each difference, and leaves the output alone', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(10));
    writeFileSync(path('other.ndjson'), ndjson(12));
    writeFileSync(path('key'), `${'k'.repeat(40)}\n`);
    const args = ['--in', path('in.ndjson'), '--out', path('out.ndjson')];
    expect(await runScoreCommand(args, captureIo().io, withDecider(fakeDecider()))).toBe(0);
    const before = readFileSync(path('out.ndjson'), 'utf8');
    const cases: [string[], ReturnType<typeof fakeDecider>, RegExp][] = [
      [['--in', path('other.ndjson'), '--out', path('out.ndjson'), '--resume'], fakeDecider(), /the input differs/],
      [[...args, '--resume'], fakeDecider({ modelSha256: 'a'.repeat(64) }), /the model differs/],
      [[...args, '--resume', '--suggestions', '1'], fakeDecider(), /--suggestions differs/],
      // Decisions signed (or keyed) under another key, or none, would mix in one output.
      [[...args, '--resume', '--signing-key-file', path('key')], fakeDecider(), /the signing key differs: the run used none, now key [0-9a-f]{12}\.\.\./],
      [[...args, '--resume', '--personal-data-key-file', path('key')], fakeDecider(), /the personal-data key differs/],
    ];
    for (const [argv, d, message] of cases) {
      const c = captureIo();
      expect(await runScoreCommand(argv, c.io, withDecider(d))).toBe(2);
      expect(c.err()).toMatch(message);
      expect(d.decided).toEqual([]);
    }
    // A run made by another creditlift version (an upgrade between the crash and the resume), or
    // by one that did not record its version: refused, as a distributed worker of another version is.
    const manifest = manifestOf(path('out.ndjson'));
    for (const [engineVersion, message] of [
      ['0.0.9', /the engine differs: the run was made by creditlift 0\.0\.9, now \d+\.\d+\.\d+/],
      [undefined, /the engine differs: the run was made by creditlift \(version not recorded\)/],
    ] as const) {
      writeFileSync(path('out.ndjson.run.json'), JSON.stringify({ ...manifest, engineVersion }));
      const e = captureIo();
      expect(await runScoreCommand([...args, '--resume'], e.io, withDecider(fakeDecider()))).toBe(2);
      expect(e.err()).toMatch(message);
    }
    writeFileSync(path('out.ndjson.run.json'), JSON.stringify(manifest));
    // The input file itself changed since the run: refused too.
    writeFileSync(path('in.ndjson'), ndjson(11));
    const c = captureIo();
    expect(await runScoreCommand([...args, '--resume'], c.io, withDecider(fakeDecider()))).toBe(2);
    expect(c.err()).toMatch(/the input differs/);
    expect(readFileSync(path('out.ndjson'), 'utf8')).toBe(before);
  });

  it('--resume refuses output with no manifest to check it against', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(3));
    writeFileSync(path('out.ndjson'), '{"line":1,"error":{"code":"validation_failed","message":"x"}}\n');
    const c = captureIo();
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--resume'], c.io, withDecider(fakeDecider()))).toBe(2);
    expect(c.err()).toMatch(/no run manifest/);
  });

  it('a run refused or failed before it writes leaves no output file behind (taking the lock creates the file, to hold its inode)', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(3));
    writeFileSync(path('done.ndjson'), 'finished work\n');
    const c = captureIo();
    expect(
      await runScoreCommand(['--in', path('in.ndjson'), '--out', path('done.ndjson'), '--errors', path('new-err.ndjson')], c.io, withDecider(fakeDecider())),
    ).toBe(2);
    expect(c.err()).toMatch(/exists and is not empty/);
    expect(await runScoreCommand(['--in', path('missing.ndjson'), '--out', path('new.ndjson')], captureIo().io, withDecider(fakeDecider()))).toBe(1);
    expect([existsSync(path('new.ndjson')), existsSync(path('new-err.ndjson'))]).toEqual([false, false]);
    expect(readFileSync(path('done.ndjson'), 'utf8')).toBe('finished work\n');
  });

  it('a second run on the same output while the first is writing is refused; a lock left by a dead run is taken over', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(20));
    const { decider: slow, release } = gatedDecider();
    const first = runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--batch', '5'], captureIo().io, withDecider(slow));
    while (!existsSync(path('out.ndjson.lock'))) await new Promise((r) => setTimeout(r, 5));
    for (const extra of [[], ['--resume'], ['--overwrite']]) {
      const c = captureIo();
      const second = fakeDecider();
      expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), ...extra], c.io, withDecider(second))).toBe(2);
      expect(c.err()).toMatch(new RegExp(`being written by another creditlift score run \\(pid ${process.pid}`));
      expect(second.decided).toEqual([]);
    }
    release();
    expect(await first).toBe(0);
    expect(readLines(path('out.ndjson')).map((o) => o.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // A run killed with -9 leaves its lock; the next run takes it over (no such process).
    writeFileSync(path('out.ndjson.lock'), JSON.stringify({ pid: 2 ** 22 + 17, host: hostname() }));
    const c = captureIo();
    expect(await runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--resume'], c.io, withDecider(fakeDecider()))).toBe(0);
    expect(c.err()).toMatch(/took over the lock/);
  });

  it('a second run writing the same --errors file (another --out) is refused while the first writes; no error line is lost', async () => {
    n++;
    writeFileSync(
      path('in.ndjson'),
      ndjson(20, (i) => (i % 4 === 1 ? 'invalid' : null)),
    );
    const { decider: slow, release } = gatedDecider();
    const first = runScoreCommand(
      ['--in', path('in.ndjson'), '--out', path('a.ndjson'), '--errors', path('err.ndjson'), '--batch', '5'],
      captureIo().io,
      withDecider(slow),
    );
    // The first run holds its output (and so, by then, its errors file: both are taken before anything is read).
    while (!existsSync(path('a.ndjson.lock'))) await new Promise((r) => setTimeout(r, 5));
    // Its --errors as another run's --errors, and as another run's --out.
    for (const argv of [
      ['--out', path('b.ndjson'), '--errors', path('err.ndjson')],
      ['--out', path('err.ndjson'), '--errors', path('c.ndjson')],
    ]) {
      const c = captureIo();
      expect(await runScoreCommand(['--in', path('in.ndjson'), ...argv], c.io, withDecider(fakeDecider())), argv.join(' ')).toBe(2);
      expect(c.err()).toMatch(new RegExp(`err\\.ndjson is being written by another creditlift score run \\(pid ${process.pid}`));
    }
    release();
    expect(await first).toBe(3);
    expect(readLines(path('err.ndjson')).map((o) => o.line)).toEqual([2, 6, 10, 14, 18]);
    expect(existsSync(path('err.ndjson.lock'))).toBe(false);
  });

  it('two runs whose --out files are hard links of one file: the second is refused while the first writes (both ran and mixed their lines)', async () => {
    n++;
    writeFileSync(path('in.ndjson'), ndjson(20));
    writeFileSync(path('a.out'), '');
    linkSync(path('a.out'), path('b.out'));
    const { decider: slow, release } = gatedDecider();
    const first = runScoreCommand(['--in', path('in.ndjson'), '--out', path('a.out'), '--batch', '5', '--overwrite'], captureIo().io, withDecider(slow));
    // The manifest is written once the first run holds everything it holds.
    while (!existsSync(path('a.out.run.json'))) await new Promise((r) => setTimeout(r, 5));
    for (const argv of [
      ['--out', path('b.out'), '--overwrite'],
      ['--out', path('c.out'), '--errors', path('b.out'), '--overwrite'],
    ]) {
      const c = captureIo();
      const second = fakeDecider();
      expect(await runScoreCommand(['--in', path('in.ndjson'), ...argv], c.io, withDecider(second)), argv.join(' ')).toBe(2);
      expect(c.err()).toMatch(new RegExp(`b\\.out is .*a\\.out.* being written by another creditlift score run \\(pid ${process.pid}`));
      expect(second.decided).toEqual([]);
    }
    release();
    expect(await first).toBe(0);
    expect(readLines(path('b.out')).map((o) => o.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('an input changed in place during the run exits 1 naming it, also when the changed bytes were already read (it exited 0 without a word)', async () => {
    for (const where of ['read', 'unread'] as const) {
      n++;
      // 64 KiB is what the reader takes at once: a byte past the first ~200 KiB is not read before the first chunk is decided.
      const text = ndjson(where === 'read' ? 20 : 6_000);
      writeFileSync(path('in.ndjson'), text);
      const { decider: slow, release } = gatedDecider();
      const c = captureIo();
      const run = runScoreCommand(['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--batch', '5'], c.io, withDecider(slow));
      while (!existsSync(path('out.ndjson.run.json'))) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      // One byte overwritten in place (same size, as `dd conv=notrunc` does): inside line 1, or near the end.
      const at = where === 'read' ? 10 : text.length - 20;
      const fd = openSync(path('in.ndjson'), 'r+');
      writeSync(fd, 'X', at);
      closeSync(fd);
      release();
      expect(await run, where).toBe(1);
      expect(c.err(), where).toMatch(/in\.ndjson changed/);
    }
  });

  it('records a failed worker left undecided exit 4 (not 3, bad data); --resume decides exactly those again', async () => {
    n++;
    writeFileSync(
      path('in.ndjson'),
      ndjson(12, (i) => (i === 2 ? 'invalid' : null)),
    );
    const args = ['--in', path('in.ndjson'), '--out', path('out.ndjson'), '--errors', path('err.ndjson'), '--batch', '4'];
    const c = captureIo();
    expect(await runScoreCommand(args, c.io, withDecider(fakeDecider({ workerFailId: 'r7' })))).toBe(4);
    expect(c.err()).toMatch(/--resume/);
    expect(readLines(path('err.ndjson')).map((o) => [o.line, o.error?.code])).toEqual([
      [3, 'validation_failed'],
      [8, 'worker_failed'],
    ]);
    const again = fakeDecider();
    const c2 = captureIo();
    expect(await runScoreCommand([...args, '--resume'], c2.io, withDecider(again))).toBe(3);
    expect(c2.err()).toMatch(/deciding again 1 records/);
    expect(again.decided).toEqual([{ id: 'r7', asOf: FAKE_AS_OF, limit: 0 }]);
    const lines = [...readLines(path('out.ndjson')), ...readLines(path('err.ndjson'))].map((o) => o.line).sort((a, b) => a - b);
    expect(lines).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
