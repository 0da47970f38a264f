// Outside tester findings13-lifecycle (CLI signals): a SIGTERM in `creditlift score`'s first ~0.3 s,
// before the bin had installed its handler, killed the process with 143 and wrote nothing, where any
// later SIGTERM is an interrupted run (exit 130, resumable). The bin now takes SIGINT and SIGTERM in its
// first statement, before any module loads. Deterministic: a preload sends the signal the moment the
// entry file first imports a module (signalOnFirstImport.mjs), so no timer decides what is tested.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { spawnCli } from '../distributed/cliProcess.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-early-signal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const input = join(work, 'in.ndjson');
writeFileSync(input, exampleApplicants.map((e) => `${JSON.stringify(e.applicant)}\n`).join(''));
const RECORDS = exampleApplicants.length;

/** `creditlift score` signalled with `signal` as the entry file imports its first module. */
function signalledEarly(signal: 'SIGTERM' | 'SIGINT', out: string, errors: string) {
  return spawnCli(['score', '--in', input, '--out', out, '--errors', errors, '--suggestions', '0'], {
    nodeArgs: ['--import', './test/deep/earlySignal/signalOnFirstImport.mjs'],
    env: { CREDITLIFT_TEST_EARLY_SIGNAL: signal },
  });
}

const lineNumbers = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { line: number }).line);

describe('creditlift score signalled while the command line is still loading', () => {
  it('SIGTERM: exit 130 as later, nothing decided or half-written, the locks gone; --resume then decides every record', async () => {
    const out = join(work, 'term.ndjson');
    const errors = join(work, 'term.errors.ndjson');
    const run = signalledEarly('SIGTERM', out, errors);
    expect(await run.exited, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(/interrupted: 0 records written; run the same command with --resume to continue/);
    expect(readFileSync(out, 'utf8')).toBe('');
    expect(existsSync(`${out}.lock`)).toBe(false);
    expect(existsSync(`${errors}.lock`)).toBe(false);
    const status = (JSON.parse(readFileSync(`${out}.run.json`, 'utf8')) as { status: { state: string; exitCode: number } }).status;
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 130 });
    const resumed = spawnCli(['score', '--in', input, '--out', out, '--errors', errors, '--suggestions', '0', '--resume']);
    expect(await resumed.exited, resumed.stderr()).toBe(0);
    expect(lineNumbers(out)).toEqual(Array.from({ length: RECORDS }, (_, i) => i + 1));
  }, 120_000);

  it('SIGINT: exit 130 too', async () => {
    const out = join(work, 'int.ndjson');
    const run = signalledEarly('SIGINT', out, join(work, 'int.errors.ndjson'));
    expect(await run.exited, run.stderr()).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('');
  }, 120_000);
});
