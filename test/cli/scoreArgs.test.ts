import { linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCORER_ARG_OPTIONS } from '../../src/cli/scorerArgs.js';
import { parseScoreArgs, runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo } from './fakeDecider.js';

// `score` and `score --queue` read their shared options with one planner (src/cli/score/scoreArgs.ts):
// the same command line means the same run, and a bad one is refused with the same words, in either mode.
describe('score and score --queue read a command line alike', () => {
  const queue = ['--queue', 'redis://127.0.0.1:1', '--job', 'same'];
  const bad: [string, string[], RegExp][] = [
    ['missing --in', ['--out', 'o.ndjson'], /missing --in/],
    ['input as output', ['--in', 'a.ndjson', '--out', 'a.ndjson'], /must not be the input file/],
    ['errors as input', ['--in', 'a.ndjson', '--out', 'o.ndjson', '--errors', 'a.ndjson'], /must not be the input file/],
    ['resume and overwrite', ['--in', 'a.ndjson', '--out', 'o.ndjson', '--resume', '--overwrite'], /contradict/],
    ['unknown format', ['--in', 'a.ndjson', '--out', 'o.ndjson', '--format', 'xml'], /--format must be ndjson or csv/],
    ['batch out of range', ['--in', 'a.ndjson', '--out', 'o.ndjson', '--batch', '0'], /--batch expects a whole number/],
    ['suggestions out of range', ['--in', 'a.ndjson', '--out', 'o.ndjson', '--suggestions', '101'], /--suggestions expects a whole number/],
    ['stray argument', ['--in', 'a.ndjson', '--out', 'o.ndjson', 'extra'], /unexpected argument "extra"/],
  ];
  for (const [name, argv, message] of bad) {
    it(`${name}: exit 2 with the same message in both modes`, async () => {
      const local = captureIo();
      const queued = captureIo();
      expect(await runScoreCommand(argv, local.io)).toBe(2);
      expect(await runScoreCommand([...argv, ...queue], queued.io)).toBe(2);
      const first = (err: string) => err.split('\n')[0];
      expect(first(local.err())).toMatch(message);
      expect(first(queued.err())).toBe(first(local.err()));
    });
  }

  it('--queue needs --job too, named with the other missing options', async () => {
    const c = captureIo();
    expect(await runScoreCommand(['--out', 'o.ndjson', '--queue', 'redis://127.0.0.1:1'], c.io)).toBe(2);
    expect(c.err()).toMatch(/missing --in, --job/);
  });

  it('every scorer option reaches the planned run (none dropped on the way)', () => {
    const given = Object.keys(SCORER_ARG_OPTIONS).flatMap((k) => [`--${k}`, `value-of-${k}`]);
    const args = parseScoreArgs(['--in', 'a.ndjson', '--out', 'o.ndjson', ...given]);
    for (const k of Object.keys(SCORER_ARG_OPTIONS)) expect(args).toHaveProperty([k], `value-of-${k}`);
  });

  // A link is another name for the same file: writing "the output" through it would truncate the
  // input, and two names for one errors file would be two writers on it.
  describe('files named through a symbolic link are the files they link to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-links-'));
    const input = join(dir, 'in.ndjson');
    writeFileSync(input, '{}\n');
    const inputLink = join(dir, 'in-link.ndjson');
    symlinkSync(input, inputLink);
    const out = join(dir, 'out.ndjson');
    writeFileSync(out, '');
    const outLink = join(dir, 'out-link.ndjson');
    symlinkSync(out, outLink);
    const linkedDir = join(dir, 'linked-dir');
    symlinkSync(dir, linkedDir);

    it('an output that links to the input is refused, in both modes', async () => {
      for (const argv of [
        ['--in', input, '--out', inputLink],
        ['--in', inputLink, '--out', input],
        ['--in', input, '--out', join(dir, 'o2.ndjson'), '--errors', inputLink],
        ['--in', input, '--out', join(linkedDir, 'in.ndjson')],
      ]) {
        for (const mode of [[], queue]) {
          const c = captureIo();
          expect(await runScoreCommand([...argv, ...mode], c.io), argv.join(' ')).toBe(2);
          expect(c.err().split('\n')[0]).toMatch(/must not be the input file/);
        }
      }
    });

    it('an errors file that links to the output is the output (one writer, one lock)', () => {
      for (const errors of [outLink, join(linkedDir, 'out.ndjson')]) {
        const args = parseScoreArgs(['--in', input, '--out', out, '--errors', errors]);
        if (args === 'help') throw new Error('help');
        expect(args.errors).toBe(args.out);
      }
    });
  });

  // A hard link is another name for the same file too, and realpath does not see it: an --out
  // hard-linked to the input with --overwrite emptied the input (59,328 bytes to 0), and an --errors
  // hard-linked to the output lost 3 of 2,000 records to two writers on one file.
  describe('files named through a hard link are the files they name (device and inode)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'score-hardlinks-'));
    const input = join(dir, 'in.ndjson');
    const text = '{"id":"a"}\n{"id":"b"}\n';
    writeFileSync(input, text);
    const inputLink = join(dir, 'in-hard.ndjson');
    linkSync(input, inputLink);
    const out = join(dir, 'out.ndjson');
    writeFileSync(out, '');
    const outLink = join(dir, 'out-hard.ndjson');
    linkSync(out, outLink);

    it('an --out or --errors hard-linked to the input is refused (exit 2) naming both paths, in both modes, and the input is left whole', async () => {
      for (const [argv, named] of [
        [['--in', input, '--out', inputLink, '--overwrite'], inputLink],
        [['--in', inputLink, '--out', input, '--overwrite'], input],
        [['--in', input, '--out', join(dir, 'o2.ndjson'), '--errors', inputLink, '--overwrite'], inputLink],
      ] as const) {
        for (const mode of [[], queue]) {
          const c = captureIo();
          expect(await runScoreCommand([...argv, ...mode], c.io), argv.join(' ')).toBe(2);
          const first = c.err().split('\n')[0] as string;
          expect(first).toMatch(/must not be the input file/);
          expect(first).toContain(named);
          expect(first).toContain(argv[1]);
          expect(readFileSync(input, 'utf8')).toBe(text);
        }
      }
    });

    it('an --errors hard-linked to the output is the output (one writer, one lock)', () => {
      const args = parseScoreArgs(['--in', input, '--out', out, '--errors', outLink]);
      if (args === 'help') throw new Error('help');
      expect(args.errors).toBe(args.out);
    });
  });
});
