// `creditlift schema | head -1` (decide, report, score ... into a reader that stops early) exited 1
// with "error: the output of ... could not be written to standard output (write EPIPE); what reached it
// is incomplete": the reader closing the pipe was read as a failure of the tool. A Unix tool ends
// quietly there, with the status a shell gives one killed by SIGPIPE: 141 (128 + 13), nothing on
// stderr. A code that already says something went wrong (report's 3) is kept, and a full disk is
// still a failure (test/deep/stdoutFailure.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleApplicants } from '../../src/examples/index.js';
import { commandLineArgv } from '../helpers/commandLineBundle.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-reader-closed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);
const applicants = exampleApplicants.map((e) => e.applicant);
writeFileSync(file('one.json'), JSON.stringify(applicants[0]));
writeFileSync(file('book.ndjson'), `${applicants.map((a) => JSON.stringify(a)).join('\n')}\n`);

/**
 * Runs the bin with its stdout on a real pipe whose reading end this process closes at once, before
 * the command (a second or more from loading) writes anything: every write meets EPIPE.
 */
function runIntoClosedPipe(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...commandLineArgv(args), ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a reader that closes standard output early ends the command quietly, exit 141', () => {
  it('schema, catalog --json, decide, suggest and --help: 141, nothing on stderr (they exited 1 with an EPIPE error)', async () => {
    const commands = [['schema'], ['catalog', '--json'], ['decide', file('one.json')], ['suggest', file('one.json')], ['--help']];
    const runs = await Promise.all(commands.map(runIntoClosedPipe));
    commands.forEach((args, k) => {
      expect(runs[k]?.code, `${args.join(' ')}: ${runs[k]?.stderr}`).toBe(141);
      expect(runs[k]?.stderr, args.join(' ')).toBe('');
    });
  });

  it('score: 141, and the run is as a finished run leaves it (manifest finished with its own code, no lock, every line), so --resume has nothing to do', async () => {
    const out = file('decisions.ndjson');
    const run = await runIntoClosedPipe(['score', '--in', file('book.ndjson'), '--out', out]);
    expect(run.code, run.stderr).toBe(141);
    expect(run.stderr).toBe('');
    // The summary is score's only output on stdout, written once the run has ended and let go of its files.
    const manifest = JSON.parse(readFileSync(`${out}.run.json`, 'utf8')) as { status: { state: string; exitCode: number; decisions: number } };
    expect(manifest.status).toMatchObject({ state: 'finished', exitCode: 0, decisions: applicants.length });
    expect(existsSync(`${out}.lock`)).toBe(false);
    const lines = readFileSync(out, 'utf8');
    expect(lines.split('\n').filter((l) => l !== '')).toHaveLength(applicants.length);
    const resumed = spawnSync(process.execPath, [...commandLineArgv([]), 'score', '--in', file('book.ndjson'), '--out', out, '--resume'], { encoding: 'utf8' });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(lines);
  });

  it('report keeps its own 3 (a line it left out) with stdout closed; the page is written', async () => {
    writeFileSync(file('damaged.ndjson'), `${readFileSync(file('decisions.ndjson'), 'utf8')}not a decision\n`);
    const run = await runIntoClosedPipe(['report', file('damaged.ndjson'), '--out', file('report.html')]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).not.toContain('could not be written to standard output');
    expect(readFileSync(file('report.html'), 'utf8')).toContain('<html');
  });

  it.runIf(existsSync('/bin/bash'))('demo --json | head -1 under pipefail: head gets its line, demo ends 141 (it exited 1)', () => {
    // demo writes a line per example as it decides them: head has gone by the second.
    const run = spawnSync(
      '/bin/bash',
      [
        '-c',
        'set -o pipefail; head_to="$0"; "$@" demo --json | head -1 > "$head_to"; echo "status $?"',
        file('head.txt'),
        process.execPath,
        ...commandLineArgv([]),
      ],
      { encoding: 'utf8' },
    );
    expect(run.stdout).toBe('status 141\n');
    expect(run.stderr).toBe('');
    expect(readFileSync(file('head.txt'), 'utf8').split('\n')).toHaveLength(2);
  });
});

// A warning written to a standard error whose reader had gone raised an error event no one heard:
// a successful run ended 1 (`score ... 2>&1 | true`). Its warnings were for that reader: the run
// keeps its own code, and stdout's own rule (141) still holds when stdout went too.
describe('a reader that closes standard error leaves the run its own code', () => {
  // Every record carries a kind the catalog does not know: score warns of it on stderr.
  writeFileSync(
    file('unknown.ndjson'),
    `${applicants.map((a) => JSON.stringify({ ...a, evidence: [{ ...a.evidence?.[0], kind: 'mystery_cert' }] })).join('\n')}\n`,
  );

  function runWithClosed(streams: 'stderr' | 'both', args: readonly string[]): Promise<{ code: number | null }> {
    const child = spawn(process.execPath, [...commandLineArgv(args), ...args], {
      stdio: ['ignore', streams === 'both' ? 'pipe' : 'ignore', 'pipe'],
      timeout: 120_000,
    });
    child.stdout?.destroy();
    child.stderr?.destroy();
    return new Promise((resolve) => child.on('close', (code) => resolve({ code })));
  }

  it("score with a warning: stderr closed, 0 (the run's own); both closed, 141 (it exited 1); the run finished either way", async () => {
    const [alone, both] = await Promise.all([
      runWithClosed('stderr', ['score', '--in', file('unknown.ndjson'), '--out', file('u1.ndjson')]),
      runWithClosed('both', ['score', '--in', file('unknown.ndjson'), '--out', file('u2.ndjson')]),
    ]);
    expect(alone.code).toBe(0);
    expect(both.code).toBe(141);
    for (const out of ['u1.ndjson', 'u2.ndjson'])
      expect(JSON.parse(readFileSync(file(`${out}.run.json`), 'utf8'))).toMatchObject({ status: { state: 'finished', exitCode: 0 } });
  });

  it.runIf(existsSync('/bin/bash'))("2>&- (no standard error at all) and 2>&1 | true under pipefail: the run's own code, 0 and 141", () => {
    const run = spawnSync(
      '/bin/bash',
      [
        '-c',
        'set -o pipefail; in="$0"; u3="$1"; u4="$2"; shift 2; "$@" score --in "$in" --out "$u3" >/dev/null 2>&-; echo "closed $?"; "$@" score --in "$in" --out "$u4" 2>&1 | true; echo "piped $?"',
        file('unknown.ndjson'),
        file('u3.ndjson'),
        file('u4.ndjson'),
        process.execPath,
        ...commandLineArgv([]),
      ],
      { encoding: 'utf8' },
    );
    expect(run.stdout).toBe('closed 0\npiped 141\n');
  });
});
