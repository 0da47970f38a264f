// `creditlift train --rounds 0x10` trained 16 rounds: the trainer read its numbers with Number(),
// which takes hexadecimal, exponents, surrounding spaces, an empty text (0) and Infinity, and the
// whole-number options took ' 16' and '016'. Every number option of every command is now written in
// decimal digits, one way per value, and anything else is refused (exit 2) naming the option and the
// text. The table names each option once; the usage texts say which options take a number (N, X, S,
// MS), and the table must name exactly those.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_USAGE } from '../../src/cli/catalogCommand.js';
import { DECIDE_USAGE } from '../../src/cli/decideCommand.js';
import { DEMO_USAGE } from '../../src/cli/demoCommand.js';
import { MODEL_USAGE } from '../../src/cli/modelCommand.js';
import { MONITOR_USAGE, runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { PLAYGROUND_USAGE, runPlaygroundCommand } from '../../src/cli/playgroundCommand.js';
import { REPORT_USAGE } from '../../src/cli/reportCommand.js';
import { SCHEMA_USAGE } from '../../src/cli/schemaCommand.js';
import { runScoreCommand, SCORE_USAGE } from '../../src/cli/scoreCommand.js';
import { runSimulateCommand, SIMULATE_USAGE } from '../../src/cli/simulateCommand.js';
import { runSuggestCommand, SUGGEST_USAGE } from '../../src/cli/suggestCommand.js';
import { VERIFY_USAGE } from '../../src/cli/verifyCommand.js';
import { runWorkerCommand, WORKER_USAGE } from '../../src/cli/workerCommand.js';
import { FEATURIZE_USAGE } from '../../src/train/commands/featurizeCommand.js';
import { PREDICT_USAGE } from '../../src/train/commands/predictCommand.js';
import { runTrainCommand, TRAIN_USAGE } from '../../src/train/commands/trainCommand.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-numbers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const at = (name: string): string => join(work, name);

type Io = ReturnType<typeof captureIo>['io'];
type Run = (argv: string[], io: Io) => Promise<number> | number;

/** Each command with a command line it would run but for the option under test, and its usage text. */
const COMMANDS: Readonly<Record<string, { run: Run; usage: string }>> = {
  train: {
    run: (argv, io) => runTrainCommand(['--data', at('loans.csv'), '--target', 'bad', '--positive', '1', '--out', at('model'), ...argv], io),
    usage: TRAIN_USAGE,
  },
  score: { run: (argv, io) => runScoreCommand(['--in', at('book.ndjson'), '--out', at('decisions.ndjson'), ...argv], io), usage: SCORE_USAGE },
  'score --queue': {
    run: (argv, io) =>
      runScoreCommand(['--in', at('book.ndjson'), '--out', at('queued.ndjson'), '--queue', 'redis://127.0.0.1:1', '--job', 'numbers', ...argv], io),
    usage: SCORE_USAGE,
  },
  simulate: { run: (argv, io) => runSimulateCommand(['--book', at('book.ndjson'), '--out', at('simulation.json'), ...argv], io), usage: SIMULATE_USAGE },
  monitor: { run: (argv, io) => runMonitorCommand(['--applicants', at('book.ndjson'), '--out', at('monitor.json'), ...argv], io), usage: MONITOR_USAGE },
  worker: { run: (argv, io) => runWorkerCommand(['--queue', 'redis://127.0.0.1:1', ...argv], io), usage: WORKER_USAGE },
  suggest: { run: (argv, io) => runSuggestCommand([at('applicant.json'), ...argv], io), usage: SUGGEST_USAGE },
  playground: { run: (argv, io) => runPlaygroundCommand(argv, io), usage: PLAYGROUND_USAGE },
};

/** Commands none of whose options takes a number. */
const WITHOUT_NUMBERS = [CATALOG_USAGE, DECIDE_USAGE, DEMO_USAGE, MODEL_USAGE, REPORT_USAGE, SCHEMA_USAGE, VERIFY_USAGE, FEATURIZE_USAGE, PREDICT_USAGE];

type Rule =
  | { readonly kind: 'whole'; readonly min: number; readonly max: number }
  | { readonly kind: 'decimal'; readonly min: number; readonly minOpen?: true; readonly max?: number; readonly maxOpen?: true };
const whole = (min: number, max: number): Rule => ({ kind: 'whole', min, max });

/** Every number option, by command, with the values it takes. */
const OPTIONS: Readonly<Record<keyof typeof COMMANDS, Readonly<Record<string, Rule>>>> = {
  train: {
    rounds: whole(1, 100_000),
    'learning-rate': { kind: 'decimal', min: 0, minOpen: true, max: 1 },
    'max-depth': whole(1, 16),
    'min-child-weight': { kind: 'decimal', min: 0 },
    lambda: { kind: 'decimal', min: 0 },
    gamma: { kind: 'decimal', min: 0 },
    subsample: { kind: 'decimal', min: 0, minOpen: true, max: 1 },
    'colsample-bytree': { kind: 'decimal', min: 0, minOpen: true, max: 1 },
    'max-bins': whole(2, 4096),
    seed: whole(0, 2 ** 32 - 1),
    'validation-fraction': { kind: 'decimal', min: 0, max: 1, maxOpen: true },
    'early-stopping': whole(1, 100_000),
    'max-category-share': { kind: 'decimal', min: 0, minOpen: true, max: 1 },
  },
  score: { batch: whole(1, 65_536), workers: whole(1, 256), suggestions: whole(0, 100), 'max-record-lines': whole(1, 1_000_000) },
  'score --queue': {
    batch: whole(1, 65_536),
    suggestions: whole(0, 100),
    'max-record-lines': whole(1, 1_000_000),
    window: whole(1, 100_000),
    'redis-timeout': whole(1, 86_400),
    'job-ttl': whole(1, 604_800),
    'worker-wait': whole(1, 86_400),
  },
  simulate: { workers: whole(1, 256), batch: whole(1, 65_536) },
  monitor: { batch: whole(1, 65_536) },
  worker: { workers: whole(1, 256), 'lock-ms': whole(500, 3_600_000), 'redis-timeout': whole(1, 86_400) },
  suggest: { top: whole(1, 100) },
  playground: { port: whole(0, 65_535) },
};

/** Texts Number() reads as a number (or as 0), none of them a number as the command line writes one. */
const NOT_WRITTEN_IN_DIGITS = ['', ' 16', '16 ', '0x10', '0X10', '0o20', '0b10000', '1e1', '1E1', 'Infinity', '-Infinity', 'NaN', '+16', '1_6', '16abc', '١٦'];

function refused(rule: Rule): string[] {
  if (rule.kind === 'whole')
    return [
      ...NOT_WRITTEN_IN_DIGITS,
      '16.0',
      '1.5',
      '016',
      rule.min === 0 ? '-1' : String(rule.min - 1),
      String(rule.max + 1),
      `${rule.max}0000000000000000000000`,
    ];
  const bounds = [
    rule.minOpen === true ? String(rule.min) : '-0.5',
    ...(rule.max === undefined ? [`1${'0'.repeat(400)}`] : rule.maxOpen === true ? [String(rule.max), `${rule.max}.0`] : [`${rule.max}.00000000000000001`]),
  ];
  return [...NOT_WRITTEN_IN_DIGITS, '.5', '5.', '5e-1', '0.5.1', '0,5', ...bounds];
}

/** The options a usage text shows taking a number: `--batch N`, `--learning-rate X`, `--job-ttl S`, `--lock-ms MS`. */
function numberOptionsOf(usage: string): Set<string> {
  return new Set([...usage.matchAll(/^ +--([a-z-]+) (?:N|X|S|MS)\b/gm)].map((m) => m[1] as string));
}

describe('every number option of every command is written in decimal digits, or refused naming it', () => {
  const before = readdirSync(work);

  for (const [command, options] of Object.entries(OPTIONS)) {
    const { run } = COMMANDS[command] as { run: Run };
    for (const [option, rule] of Object.entries(options)) {
      it(`${command} --${option}: exit 2 naming the option and the text, nothing written`, async () => {
        for (const text of refused(rule)) {
          const c = captureIo();
          const code = await run([`--${option}=${text}`], c.io);
          const first = c.err().split('\n')[0] ?? '';
          expect(code, `${command} --${option}=${JSON.stringify(text)}: ${first}`).toBe(2);
          expect(first, JSON.stringify(text)).toContain(`--${option} expects a`);
          expect(first, JSON.stringify(text)).toContain(`got "${text}"`);
          expect(c.out()).toBe('');
        }
        expect(readdirSync(work)).toEqual(before);
      });
    }
  }

  it('the table names exactly the options each usage text shows taking a number', () => {
    const queueOnly = ['window', 'redis-timeout', 'job-ttl', 'worker-wait'];
    for (const [command, { usage }] of Object.entries(COMMANDS)) {
      const shown = [...numberOptionsOf(usage)].filter((o) =>
        command === 'score' ? !queueOnly.includes(o) : command === 'score --queue' ? o !== 'workers' : true,
      );
      expect(new Set(shown), command).toEqual(new Set(Object.keys(OPTIONS[command] ?? {})));
    }
    for (const usage of WITHOUT_NUMBERS) expect(numberOptionsOf(usage), usage.split('\n')[0]).toEqual(new Set());
  });
});
