// `creditlift score --in /dev/zero` never ended (100% CPU): the run fingerprints its input for the
// run manifest before deciding, and /dev/zero reads NUL bytes without end. A run reads its input more
// than once (the fingerprint, the records, the fingerprint again to see it did not change) and a
// `--resume` reads it again: a device cannot be read again to the same bytes (a terminal, /dev/zero,
// /dev/urandom), so it is refused by name as a pipe already was, whatever the command reads twice
// (score, simulate --book and --outcomes, report, monitor --decisions). A command that reads its
// input once (monitor --applicants, featurize) reads a stream; a run of bytes with no line break
// longer than any record may take ends that read with an error, since a stream gives no end to skip
// to. No test here times anything: a hang is bounded by the test timeout.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { fingerprintInput } from '../../src/cli/score/runManifest.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { runFeaturizeCommand } from '../../src/train/commands/featurizeCommand.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-device-inputs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const at = (name: string): string => join(work, name);
const book = at('book.ndjson');
writeFileSync(book, `${JSON.stringify({ id: 'r1', asOf: FAKE_AS_OF, limit: 1000 })}\n`);
const filesBefore = readdirSync(work);

const score = async (argv: string[]) => {
  const c = captureIo();
  let opened = false;
  const code = await runScoreCommand(argv, c.io, {
    openDecider: async () => {
      opened = true;
      return fakeDecider();
    },
  });
  return { code, err: c.err(), opened };
};

describe.runIf(process.platform === 'linux' && existsSync('/dev/zero'))('an input that is a device', () => {
  for (const device of ['/dev/zero', '/dev/null']) {
    it(`score --in ${device}: exit 2 naming --in and what it is, before any lock, manifest or decider`, async () => {
      for (const mode of [[], ['--queue', 'redis://127.0.0.1:1', '--job', 'devices']]) {
        const r = await score(['--in', device, '--out', at('out.ndjson'), ...mode]);
        expect(r.code, r.err).toBe(2);
        expect(r.err.split('\n')[0]).toBe(
          `error: --in ${device} is a character device, not a file: score reads its input more than once (to fingerprint it for --resume and to check it did not change), so save the stream to a file first and score that`,
        );
        expect(r.opened).toBe(false);
        expect(readdirSync(work)).toEqual(filesBefore);
      }
    });
  }

  it('score --resume --in /dev/zero is refused the same way (the input, by name)', async () => {
    const r = await score(['--in', '/dev/zero', '--out', at('resumed.ndjson'), '--resume']);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/^error: --in \/dev\/zero is a character device, not a file/);
  });

  it('fingerprinting a device is a typed error, never an endless read', async () => {
    const e = await fingerprintInput('/dev/zero').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CreditliftError);
    expect((e as CreditliftError).code).toBe('data_invalid');
    expect((e as Error).message).toMatch(/\/dev\/zero is a character device, not a file/);
  });

  it('simulate --book or --outcomes a device: exit 2 naming the option', async () => {
    for (const [argv, option] of [
      [['--book', '/dev/zero', '--out', at('sim.json')], '--book'],
      [['--book', book, '--outcomes', '/dev/zero', '--out', at('sim.json')], '--outcomes'],
    ] as const) {
      const c = captureIo();
      expect(await runSimulateCommand([...argv], c.io), c.err()).toBe(2);
      expect(c.err().split('\n')[0]).toMatch(new RegExp(`^error: ${option} /dev/zero is a character device, not a file: simulate reads it more than once`));
      expect(readdirSync(work)).toEqual(filesBefore);
    }
  });

  it('report and monitor --decisions a device: exit 2 naming it (each reads the decisions twice)', async () => {
    const report = captureIo();
    expect(await runReportCommand(['/dev/zero', '--out', at('report.html')], report.io), report.err()).toBe(2);
    expect(report.err().split('\n')[0]).toMatch(/^error: DECISIONS \/dev\/zero is a character device, not a file: report reads it more than once/);
    const monitor = captureIo();
    expect(await runMonitorCommand(['--decisions', '/dev/zero', '--out', at('monitor.json')], monitor.io), monitor.err()).toBe(2);
    expect(monitor.err().split('\n')[0]).toMatch(/^error: --decisions \/dev\/zero is a character device, not a file: monitor reads it more than once/);
    expect(readdirSync(work)).toEqual(filesBefore);
  });

  it('monitor --applicants and featurize --in /dev/zero (read once) end with an error naming the stream and the line limit', async () => {
    const monitor = captureIo();
    expect(await runMonitorCommand(['--applicants', '/dev/zero', '--out', at('monitor.json')], monitor.io), monitor.err()).toBe(1);
    expect(monitor.err()).toMatch(/\/dev\/zero is a character device: .* no line break.* longer than the 4 MiB a record may take/);
    const outcomes = at('outcomes.csv');
    writeFileSync(outcomes, 'id,bad\nr1,0\n');
    const featurize = captureIo();
    expect(
      await runFeaturizeCommand(['--in', '/dev/zero', '--outcomes', outcomes, '--target', 'bad', '--out', at('train.csv')], featurize.io),
      featurize.err(),
    ).toBe(1);
    expect(featurize.err()).toMatch(/\/dev\/zero is a character device: .* no line break.* longer than the 4 MiB a record may take/);
    rmSync(outcomes);
    expect(readdirSync(work)).toEqual(filesBefore);
  });
});
