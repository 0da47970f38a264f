// The setup the tests of the three score-output readers share (verify, report, monitor --decisions):
// a few example applicants scored into a work folder, each reader run over a file, and a file beside
// the run's manifest as the run left it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

/** A work folder holding `base.ndjson`, the score output of the first examples, and its manifest. */
export interface ScoredExamples {
  /** A path in the work folder. */
  readonly file: (name: string) => string;
  /** The output's lines, as score wrote them. */
  readonly base: readonly string[];
  readonly remove: () => void;
}

/** The first `count` example applicants scored (no suggestions) into a fresh folder named after `prefix`. */
export async function scoredExamples(prefix: string, count: number): Promise<ScoredExamples> {
  const work = mkdtempSync(join(tmpdir(), `creditlift-${prefix}-`));
  const file = (name: string) => join(work, name);
  const applicants = exampleApplicants.slice(0, count).map((e) => JSON.stringify(e.applicant));
  writeFileSync(file('in.ndjson'), `${applicants.join('\n')}\n`);
  expect(await runScoreCommand(['--in', file('in.ndjson'), '--out', file('base.ndjson'), '--suggestions', '0'], captureIo().io)).toBe(0);
  const base = readFileSync(file('base.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  return { file, base, remove: () => rmSync(work, { recursive: true, force: true }) };
}

/** What the three readers made of one file: exit codes, and what each said and wrote. */
export interface ReadersSaid {
  readonly exits: { readonly report: number; readonly verify: number; readonly monitor: number };
  /** report's stderr and stdout. */
  readonly report: string;
  /** The report page, '' when report wrote none. */
  readonly html: string;
  /** verify's stdout and stderr. */
  readonly verify: string;
  /** monitor's stdout and stderr. */
  readonly monitor: string;
  /** The warnings of monitor's JSON, '' when it wrote none (it refuses an empty file, exit 1). */
  readonly monitorWarnings: string;
  /** monitor's record errors file, '' when it wrote none. */
  readonly monitorErrors: string;
}

/** Report, verify (with the manifest beside as --manifest when `manifest`) and monitor --decisions of `path`. */
export async function runReaders(path: string, manifest = false): Promise<ReadersSaid> {
  const [r, v, m] = [captureIo(), captureIo(), captureIo()];
  const report = await runReportCommand([path, '--out', `${path}.html`], r.io);
  const verify = await runVerifyCommand([path, ...(manifest ? ['--manifest', `${path}.run.json`] : [])], v.io);
  const monitor = await runMonitorCommand(['--decisions', path, '--out', `${path}.json`, '--errors', `${path}.errors.ndjson`], m.io);
  const written = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
  const monitorJson = written(`${path}.json`);
  return {
    exits: { report, verify, monitor },
    report: r.err() + r.out(),
    html: written(`${path}.html`),
    verify: v.out() + v.err(),
    monitor: m.out() + m.err(),
    monitorWarnings: monitorJson === '' ? '' : (JSON.parse(monitorJson) as { warnings: string[] }).warnings.join('\n'),
    monitorErrors: written(`${path}.errors.ndjson`),
  };
}

/**
 * `lines` written to `name`, beside the base run's manifest recording `runs` (its bytes left out: a
 * reordering changes them). Resumed (`runs` past 1), it records no order, as a creditlift before the
 * order was recorded wrote it: the readers cannot tell then whether a resume decided records again.
 */
export function besideManifest(rig: ScoredExamples, name: string, lines: readonly string[], runs: number): string {
  const path = rig.file(name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const manifest = JSON.parse(readFileSync(`${rig.file('base.ndjson')}.run.json`, 'utf8')) as { status: { runs: number; files?: unknown; lineOrder?: string } };
  manifest.status.runs = runs;
  delete manifest.status.files;
  if (runs > 1) delete manifest.status.lineOrder;
  writeFileSync(`${path}.run.json`, JSON.stringify(manifest));
  return path;
}
