// Every command that reads a run manifest (OUT.run.json) says a damaged one is damaged, naming the
// file and the fields, with the exit code of its kind of refusal, never a stack or an internal
// error. Before: `score --resume` of a manifest without `input.sha256` ended "error
// [internal_error]: Cannot read properties of undefined (reading 'sha256')", exit 1; one cut short,
// "error [internal_error]: Unexpected end of JSON input"; `monitor` said nothing of it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-damaged-manifest-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const book = [...exampleApplicants.slice(0, 3).map((e) => JSON.stringify(e.applicant)), JSON.stringify({ id: 'bad' })];
const out = file('out.ndjson');
const manifestPath = `${out}.run.json`;
const args = ['--in', file('in.ndjson'), '--out', out, '--suggestions', '0'];
let intact: string;
let written: string;

beforeAll(async () => {
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  expect(await runScoreCommand(args, captureIo().io)).toBe(3);
  intact = readFileSync(manifestPath, 'utf8');
  written = readFileSync(out, 'utf8');
}, 60_000);

/** The intact manifest with `change` made to its parsed value. */
function changed(change: (m: Record<string, Record<string, unknown>>) => void): string {
  const m = JSON.parse(intact) as Record<string, Record<string, unknown>>;
  change(m);
  return JSON.stringify(m, null, 2);
}

/** Damages, each with what the message must name. */
const damages: [string, () => string, RegExp][] = [
  ['cut short', () => intact.slice(0, intact.indexOf('"format"') + 3), /not JSON: it ends at line \d+, column \d+ before the JSON does \(cut short\?\)/],
  [
    'input.sha256 gone',
    () =>
      changed((m) => {
        delete m.input!.sha256;
      }),
    /input\.sha256: missing: expected a SHA-256/,
  ],
  [
    'status.undecided.lines a number',
    () =>
      changed((m) => {
        m.status!.undecided = { records: 1, lines: 5 };
      }),
    /status\.undecided\.lines: expected an array of line ranges, received 5/,
  ],
  [
    'options a string, keys gone wrong',
    () =>
      changed((m) => {
        m.options = 'fast' as never;
        m.keys!.signing = 42;
      }),
    /\(2 problems\): keys\.signing: expected .*received 42; options: expected .*received "fast"/,
  ],
];

const cleanly = (err: string) => {
  expect(err).not.toMatch(/internal_error|TypeError|SyntaxError|\n\s+at /);
};

describe('a damaged run manifest is said to be, by every command that reads one', () => {
  it('score --resume refuses it (exit 2), naming the manifest and every field, and leaves the output and the manifest as they were', async () => {
    for (const [what, damage, names] of damages) {
      const text = damage();
      writeFileSync(manifestPath, text);
      const c = captureIo();
      expect(await runScoreCommand([...args, '--resume'], c.io, { openDecider: async () => fakeDecider() }), what).toBe(2);
      cleanly(c.err());
      expect(c.err(), what).toMatch(new RegExp(`^error: --resume: the run manifest ${manifestPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
      expect(c.err(), what).toMatch(names);
      expect(c.err(), what).toMatch(/use --overwrite to start again/);
      expect(readFileSync(manifestPath, 'utf8'), what).toBe(text);
      expect(readFileSync(out, 'utf8'), what).toBe(written);
    }
    writeFileSync(manifestPath, intact);
  });

  it('score --queue --resume refuses it as score does (exit 2), before it reaches Redis', async () => {
    const port = await closedPort();
    for (const [what, damage, names] of damages.slice(0, 2)) {
      writeFileSync(manifestPath, damage());
      const c = captureIo();
      const code = await runScoreCommand([...args, '--queue', `redis://127.0.0.1:${port}/0`, '--job', 'j', '--redis-timeout', '1', '--resume'], c.io);
      expect(code, `${what}: ${c.err()}`).toBe(2);
      cleanly(c.err());
      expect(c.err(), what).toMatch(names);
      expect(c.err(), what).not.toMatch(/cannot reach Redis/);
    }
    writeFileSync(manifestPath, intact);
  }, 60_000);

  it('verify --manifest refuses it as an option file it cannot use (exit 1), naming the option, the file and the fields', async () => {
    for (const [what, damage, names] of damages) {
      writeFileSync(file('m.run.json'), damage());
      const c = captureIo();
      expect(await runVerifyCommand([out, '--manifest', file('m.run.json')], c.io), what).toBe(1);
      cleanly(c.err());
      expect(c.err(), what).toMatch(/^error: --manifest .*m\.run\.json: /);
      expect(c.err(), what).toMatch(names);
    }
  });

  it('report and monitor warn of it, naming the fields, and count the decisions as without a manifest', async () => {
    const [, damage, names] = damages[2]!;
    writeFileSync(manifestPath, damage());
    const r = captureIo();
    const reportCode = await runReportCommand([out, '--out', file('r.html')], r.io);
    cleanly(r.err());
    expect(r.err()).toMatch(/warning: .*out\.ndjson\.run\.json could not be read \(.*status\.undecided\.lines: expected/);
    // Its figures cannot be checked against the run: exit 3, as for input it cannot use (was 0).
    expect(reportCode).toBe(3);
    const m = captureIo();
    await runMonitorCommand(['--decisions', out, '--out', file('m.json')], m.io);
    cleanly(m.err());
    const warnings = (JSON.parse(readFileSync(file('m.json'), 'utf8')) as { warnings: string[] }).warnings.join('\n');
    expect(warnings).toMatch(names);
    expect(warnings).toMatch(/out\.ndjson\.run\.json could not be read/);
    writeFileSync(manifestPath, intact);
  });

  it('score --overwrite replaces it, saying it could not be read (a --queue job it named would stay in Redis)', async () => {
    const [, damage] = damages[0]!;
    writeFileSync(manifestPath, damage());
    const c = captureIo();
    expect(await runScoreCommand([...args, '--overwrite'], c.io, { openDecider: async () => fakeDecider() })).toBe(0);
    cleanly(c.err());
    expect(c.err()).toMatch(
      /note: the run manifest .*out\.ndjson\.run\.json could not be read \(not JSON: it ends at line \d+, column \d+ before the JSON does \(cut short\?\)\); this run writes its own in its place\. Had a --queue run written .*Redis/,
    );
    expect(JSON.parse(readFileSync(manifestPath, 'utf8'))).toMatchObject({ kind: 'creditlift-score-run', status: { state: 'finished' } });
  });
});

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
