// Tester findings19-faults F1/F2: `score --out /dev/full` or `--errors /dev/zero` never ended: the
// end-of-run digest of the files the run left (status.files) read the device back forever at 100%
// CPU, the manifest stayed "running", and /dev/full.lock and /dev/full.run.json were written into
// /dev (as root); for any other user `--errors /dev/null`, which the README recommends, failed with a
// raw EACCES on a temporary lock file in /dev. A device takes no lock, gets no sibling file and is
// never read back; `--out` a device has no manifest, so it cannot be resumed, and says so.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-devices-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const path = (name: string) => join(work, `${++n}-${name}`);

/** 30 applicants, 4 of them invalid (no id): the run has error lines. */
function book(rejects = true): string {
  const file = path('in.ndjson');
  const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify(rejects && i % 8 === 3 ? { nope: i } : { id: `r${i}`, asOf: FAKE_AS_OF, limit: i * 1000 }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Files a run left in /dev beside the devices these tests write to (a root run could create them). */
const leftInDev = () => readdirSync('/dev').filter((f) => /^(null|full|zero)\.(lock|run\.json)/.test(f));

const score = async (argv: string[]) => {
  const io = captureIo();
  const decider = fakeDecider();
  const code = await runScoreCommand(argv, io.io, { openDecider: async () => decider });
  return { code, err: io.err(), out: io.out(), decider };
};

describe.runIf(process.platform === 'linux')('score with a device as --out or --errors', () => {
  it('--out /dev/null: decides everything, takes no lock and writes no manifest in /dev, and says the run cannot be resumed', async () => {
    const errors = path('e.ndjson');
    const r = await score(['--in', book(), '--out', '/dev/null', '--errors', errors]);
    expect(r.code, r.err).toBe(3);
    expect(r.err).toMatch(/note: --out \/dev\/null is a character device, not a file: no run manifest .* cannot be resumed/);
    expect(readFileSync(errors, 'utf8').trim().split('\n')).toHaveLength(4);
    expect(leftInDev()).toEqual([]);
  });

  it('--errors /dev/null: the manifest records the errors file as a device, not digested; verify and report do not claim to have checked it', async () => {
    const out = path('o.ndjson');
    const r = await score(['--in', book(), '--out', out, '--errors', '/dev/null']);
    expect(r.code, r.err).toBe(3);
    expect(r.err).toBe('');
    const m = JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));
    expect(m.status.state).toBe('finished');
    expect(m.status.rejected).toBe(4);
    expect(m.status.files.errors).toEqual({ device: 'a character device' });
    expect(m.status.files.output.size).toBe(readFileSync(out).length);
    expect(leftInDev()).toEqual([]);

    const verify = captureIo();
    expect(await runVerifyCommand(['--manifest', `${out}.run.json`, '/dev/null'], verify.io)).not.toBe(0);
    expect(verify.out() + verify.err()).toMatch(/\/dev\/null is a character device.*not read back/);

    const report = captureIo();
    await runReportCommand([out, '--out', path('report.html')], report.io);
    expect(report.out() + report.err()).toMatch(
      /error lines in \/dev\/null \(--errors\), a character device: the 4 record\(s\) it recorded rejected are not in these figures/,
    );
    // The headline said "0 rejected from ../../dev/null", as of a run that rejected nothing.
    expect(report.out()).toMatch(/\(0 rejected counted; the run sent 4 rejected to \/dev\/null, not read: see the warning,/);
  });

  it('--errors /dev/zero (reads back endlessly) ends promptly', async () => {
    const out = path('o.ndjson');
    const r = await score(['--in', book(), '--out', out, '--errors', '/dev/zero']);
    // It hung for good (the test's timeout is the bound: speed is the bench's, not a unit test's).
    expect(r.code, r.err).toBe(3);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status.state).toBe('finished');
    expect(leftInDev()).toEqual([]);
  }, 15_000);

  it('--out /dev/full ends promptly with exit 1 naming --out and ENOSPC', async () => {
    const r = await score(['--in', book(), '--out', '/dev/full', '--errors', path('e.ndjson')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: --out \/dev\/full could not be written: ENOSPC/m);
    expect(r.err.match(/^error/gm)).toHaveLength(1);
    expect(leftInDev()).toEqual([]);
  }, 15_000);

  it('--errors /dev/full: exit 1 naming --errors when there are error lines, exit 0 and no hang when there are none', async () => {
    const failed = await score(['--in', book(), '--out', path('o.ndjson'), '--errors', '/dev/full']);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/^error: --errors \/dev\/full could not be written: ENOSPC/m);
    const out = path('o.ndjson');
    const clean = await score(['--in', book(false), '--out', out, '--errors', '/dev/full']);
    expect(clean.code, clean.err).toBe(0);
    expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status.files.errors).toEqual({ device: 'a character device' });
    expect(leftInDev()).toEqual([]);
  }, 15_000);

  it('--resume with --out a device is refused by name (exit 2): there is no manifest to resume from', async () => {
    const r = await score(['--in', book(), '--out', '/dev/null', '--errors', path('e.ndjson'), '--resume']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--resume: --out \/dev\/null is a character device, not a file/);
    expect(r.decider.decided).toHaveLength(0);
  });

  it('--resume with --errors a device: the device is not read back; the records rejected into it are decided again, and said why', async () => {
    const input = book();
    const out = path('o.ndjson');
    expect((await score(['--in', input, '--out', out, '--errors', '/dev/zero'])).code).toBe(3);
    const before = readFileSync(out, 'utf8');
    const r = await score(['--in', input, '--out', out, '--errors', '/dev/zero', '--resume']);
    expect(r.code, r.err).toBe(3);
    expect(r.decider.decided).toHaveLength(4);
    expect(r.err).toMatch(/decided again 4 records .*--errors \/dev\/zero is a character device, not read back/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    const m = JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));
    expect(m.status).toMatchObject({ state: 'finished', rejected: 4, runs: 2 });
  }, 15_000);
});
