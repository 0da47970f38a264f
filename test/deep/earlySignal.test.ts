// Outside tester findings13-lifecycle (CLI signals): a SIGTERM in `creditlift score`'s first ~0.3 s,
// before the bin had installed its handler, killed the process with 143 and wrote nothing, where any
// later SIGTERM is an interrupted run (exit 130, resumable). The bin now takes SIGINT and SIGTERM in its
// first statement, before any module loads (and, since task F2, stops at the input's fingerprint,
// before the run begins). Deterministic: a preload sends the signal the moment the
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
    // Stopped at the input's fingerprint, the first step after the locks: nothing of the run is on
    // disk (no manifest, no empty output), and --resume starts it.
    expect(run.stderr()).toMatch(
      /interrupted: interrupted while fingerprinting .* \(0 of [\d,]+ bytes hashed\), before the run began: nothing was decided or written; the same command, with or without --resume, starts it/,
    );
    for (const path of [out, errors, `${out}.run.json`, `${out}.lock`, `${errors}.lock`]) expect(existsSync(path), path).toBe(false);
    const resumed = spawnCli(['score', '--in', input, '--out', out, '--errors', errors, '--suggestions', '0', '--resume']);
    expect(await resumed.exited, resumed.stderr()).toBe(0);
    expect(lineNumbers(out)).toEqual(Array.from({ length: RECORDS }, (_, i) => i + 1));
  }, 120_000);

  it('SIGINT: exit 130 too', async () => {
    const out = join(work, 'int.ndjson');
    const run = signalledEarly('SIGINT', out, join(work, 'int.errors.ndjson'));
    expect(await run.exited, run.stderr()).toBe(130);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
