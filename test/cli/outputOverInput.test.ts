import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runModelCommand } from '../../src/cli/modelCommand.js';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { refuseOverwritingInputs } from '../../src/cli/refuseOverwritingInputs.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { runFeaturizeCommand } from '../../src/train/commands/featurizeCommand.js';
import { runPredictCommand } from '../../src/train/commands/predictCommand.js';
import { runTrainCommand } from '../../src/train/commands/trainCommand.js';
import { captureIo } from './fakeDecider.js';

// A command that writes a file it read replaced its input with its output and exited 0:
// `report d.ndjson --out d.ndjson` left an HTML page where the decisions were, `featurize` did so to
// its --in and --outcomes, `predict` to its --data, and `monitor`/`simulate` compared path strings
// only, so a link to the input got past them. Every such command line is refused (exit 2) before
// anything is written, naming both options, and the input is left as it was.
const work = mkdtempSync(join(tmpdir(), 'creditlift-overwrite-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Run = (argv: readonly string[], io: ReturnType<typeof captureIo>['io']) => number | Promise<number>;

interface Case {
  readonly name: string;
  readonly run: Run;
  /** The command line, with INPUT where the file read goes and OUTPUT where the name written through goes. */
  readonly argv: readonly string[];
  readonly inputOption: string;
  readonly outputOption: string;
}

const cases: readonly Case[] = [
  { name: 'report DECISIONS --out', run: runReportCommand, argv: ['INPUT', '--out', 'OUTPUT'], inputOption: 'DECISIONS', outputOption: '--out' },
  {
    name: 'featurize --in X --out X',
    run: runFeaturizeCommand,
    argv: ['--in', 'INPUT', '--outcomes', 'OTHER', '--target', 'bad', '--out', 'OUTPUT'],
    inputOption: '--in',
    outputOption: '--out',
  },
  {
    name: 'featurize --outcomes X --out X',
    run: runFeaturizeCommand,
    argv: ['--in', 'OTHER', '--outcomes', 'INPUT', '--target', 'bad', '--out', 'OUTPUT'],
    inputOption: '--outcomes',
    outputOption: '--out',
  },
  {
    name: 'predict --data X --out X',
    run: runPredictCommand,
    argv: ['--model', 'OTHER', '--data', 'INPUT', '--out', 'OUTPUT'],
    inputOption: '--data',
    outputOption: '--out',
  },
  {
    name: 'monitor --decisions X --html X',
    run: runMonitorCommand,
    argv: ['--decisions', 'INPUT', '--out', 'FRESH.json', '--html', 'OUTPUT'],
    inputOption: '--decisions',
    outputOption: '--html',
  },
  {
    name: 'monitor --applicants X --write-baseline X',
    run: runMonitorCommand,
    argv: ['--applicants', 'INPUT', '--write-baseline', 'OUTPUT'],
    inputOption: '--applicants',
    outputOption: '--write-baseline',
  },
  {
    name: 'simulate --book X --html X --overwrite',
    run: runSimulateCommand,
    argv: ['--book', 'INPUT', '--out', 'FRESH.json', '--html', 'OUTPUT', '--overwrite'],
    inputOption: '--book',
    outputOption: '--html',
  },
  {
    name: 'simulate --candidate-policy X --errors X --overwrite',
    run: runSimulateCommand,
    argv: ['--book', 'OTHER', '--candidate-policy', 'INPUT', '--out', 'FRESH.json', '--errors', 'OUTPUT', '--overwrite'],
    inputOption: '--candidate-policy',
    outputOption: '--errors',
  },
];

const TEXT = '{"id":"app-1"}\n{"id":"app-2"}\n';
let n = 0;

/** A fresh folder holding the input and a second file; OUTPUT names the input as `how` says. */
function setUp(how: 'same name' | 'symbolic link' | 'hard link' | 'linked folder') {
  const dir = join(work, String(n++));
  const input = join(dir, 'input.ndjson');
  const other = join(dir, 'other.ndjson');
  mkdirSync(dir);
  writeFileSync(input, TEXT);
  writeFileSync(other, TEXT);
  let output = input;
  if (how === 'symbolic link') symlinkSync(input, (output = join(dir, 'link.html')));
  if (how === 'hard link') linkSync(input, (output = join(dir, 'hard.html')));
  if (how === 'linked folder') {
    symlinkSync(dir, join(dir, 'via'));
    output = join(dir, 'via', 'input.ndjson');
  }
  return { dir, input, other, output };
}

describe('no command writes over a file it reads (symbolic and hard links alike)', () => {
  for (const c of cases) {
    for (const how of ['same name', 'symbolic link', 'hard link'] as const) {
      it(`${c.name}, named through ${how}: exit 2 naming both options, the input intact`, async () => {
        const f = setUp(how);
        const argv = c.argv.map((a) =>
          a === 'INPUT' ? f.input : a === 'OUTPUT' ? f.output : a === 'OTHER' ? f.other : a === 'FRESH.json' ? join(f.dir, 'fresh.json') : a,
        );
        const io = captureIo();
        expect(await c.run(argv, io.io), io.err()).toBe(2);
        const first = io.err().split('\n')[0] as string;
        expect(first).toMatch(/must not be the input file/);
        expect(first).toContain(`${c.outputOption} ${f.output}`);
        expect(first).toContain(`${c.inputOption} ${f.input}`);
        expect(readFileSync(f.input, 'utf8')).toBe(TEXT);
      });
    }
  }
});

describe('outputs of one run are files of their own', () => {
  it('monitor --out X --html LINK-TO-X is refused (one page written over the other)', async () => {
    const f = setUp('same name');
    const out = join(f.dir, 'mon.json');
    writeFileSync(out, '');
    symlinkSync(out, join(f.dir, 'mon-link.html'));
    const io = captureIo();
    expect(await runMonitorCommand(['--decisions', f.input, '--out', out, '--html', join(f.dir, 'mon-link.html')], io.io)).toBe(2);
    expect(io.err()).toMatch(/each output must be a file of its own: --html .*mon-link\.html is --out .*mon\.json/);
  });

  it('simulate --flips HARDLINK-TO-OUT is refused', async () => {
    const f = setUp('same name');
    const out = join(f.dir, 'sim.json');
    writeFileSync(out, '');
    linkSync(out, join(f.dir, 'sim-hard.ndjson'));
    const io = captureIo();
    expect(await runSimulateCommand(['--book', f.input, '--out', out, '--flips', join(f.dir, 'sim-hard.ndjson'), '--overwrite'], io.io)).toBe(2);
    expect(io.err()).toMatch(/each output must be a file of its own: --flips .*sim-hard\.ndjson is --out .*sim\.json/);
  });
});

describe('train and model import do not write their model over the file they read', () => {
  it('train --data DIR/manifest.json --out DIR is refused', () => {
    const f = setUp('same name');
    const data = join(f.dir, 'manifest.json');
    writeFileSync(data, 'a,b\n1,0\n');
    const io = captureIo();
    expect(runTrainCommand(['--data', data, '--target', 'b', '--positive', '1', '--out', f.dir], io.io)).toBe(2);
    expect(io.err()).toMatch(/must not be the input file: --out .*manifest\.json is the input --data /);
    expect(readFileSync(data, 'utf8')).toBe('a,b\n1,0\n');
  });

  it('model import --onnx DIR/model.onnx --out DIR is refused', () => {
    const f = setUp('same name');
    const onnx = join(f.dir, 'model.onnx');
    writeFileSync(onnx, 'not onnx');
    const io = captureIo();
    expect(runModelCommand(['import', '--onnx', onnx, '--features', f.other, '--out', f.dir], io.io)).toBe(2);
    expect(io.err()).toMatch(/must not be the input file: --out .*model\.onnx is the input --onnx /);
    expect(readFileSync(onnx, 'utf8')).toBe('not onnx');
  });
});

describe('refuseOverwritingInputs', () => {
  it('devices are no files a run could lose: /dev/null as input and output is let through', () => {
    expect(() => refuseOverwritingInputs([['--out', '/dev/null']], [['--in', '/dev/null']])).not.toThrow();
  });
  it('two outputs that are one file (a hard link) are refused, and an output over an input before that', () => {
    const f = setUp('hard link');
    expect(() =>
      refuseOverwritingInputs(
        [
          ['--out', f.input],
          ['--errors', f.output],
        ],
        [['--in', f.other]],
      ),
    ).toThrow(/each output must be a file of its own: --errors .*hard\.html is --out /);
    expect(() =>
      refuseOverwritingInputs(
        [
          ['--out', f.other],
          ['--errors', f.output],
        ],
        [['--in', f.input]],
      ),
    ).toThrow(/--errors .* is the input --in/);
  });
});

describe('files a run reads beside its input are inputs too', () => {
  it('score --out over its --signing-key-file (through a hard link) is refused and the key kept', async () => {
    const { runScoreCommand } = await import('../../src/cli/scoreCommand.js');
    const f = setUp('hard link');
    const io = captureIo();
    expect(await runScoreCommand(['--in', f.other, '--signing-key-file', f.input, '--out', f.output, '--overwrite'], io.io)).toBe(2);
    expect(io.err().split('\n')[0]).toMatch(/must not be the input file: --out .*hard\.html is the input --signing-key-file /);
    expect(readFileSync(f.input, 'utf8')).toBe(TEXT);
  });
  it('monitor --out over its --baseline is refused', async () => {
    const f = setUp('symbolic link');
    const io = captureIo();
    expect(await runMonitorCommand(['--decisions', f.other, '--baseline', f.input, '--out', f.output], io.io)).toBe(2);
    expect(io.err().split('\n')[0]).toMatch(/--out .*link\.html is the input --baseline /);
    expect(readFileSync(f.input, 'utf8')).toBe(TEXT);
  });
});
