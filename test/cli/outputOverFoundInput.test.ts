// The overwrite check covered only the paths on the command line, not the files a command finds for
// itself, so these wrote over a file the command read and exited 0: `report d.ndjson --out e.ndjson`
// replaced the run's --errors file (named by d.ndjson.run.json) with the HTML page, `report --out
// d.ndjson.run.json` the run manifest, and `score --model DIR --out DIR/model.onnx --overwrite` the
// model it was scoring with (the next run: "Malformed protobuf"). `score --out o --errors
// o.run.json` decided every record, then failed (exit 1) on its own manifest. Every such command line
// is now refused before anything is written (exit 2), naming the option and both paths, whatever
// name the file goes by (a symbolic link, a hard link, a linked folder, `./`).
import { cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { runPredictCommand } from '../../src/train/commands/predictCommand.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-found-input-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A finished run with its error lines apart (d.ndjson, e.ndjson, d.ndjson.run.json), its input, and a model folder m/. */
const base = join(work, 'base');

beforeAll(async () => {
  mkdirSync(base);
  const book = [...exampleApplicants.slice(0, 2).map((e) => JSON.stringify(e.applicant)), JSON.stringify({ id: 'bad' })];
  writeFileSync(join(base, 'in.ndjson'), `${book.join('\n')}\n`);
  const io = captureIo();
  const ran = await runScoreCommand(
    ['--in', join(base, 'in.ndjson'), '--out', join(base, 'd.ndjson'), '--errors', join(base, 'e.ndjson'), '--suggestions', '0'],
    io.io,
  );
  expect(ran, io.err()).toBe(3);
  mkdirSync(join(base, 'm'));
  for (const f of ['model.onnx', 'manifest.json']) cpSync(join(defaultModelPath(), '..', f), join(base, 'm', f));
  writeFileSync(join(base, 'data.csv'), 'a,b\n1,0\n');
}, 60_000);

type Run = (argv: readonly string[], io: ReturnType<typeof captureIo>['io']) => number | Promise<number>;

interface Case {
  readonly name: string;
  readonly run: Run;
  /** The command line, `@/` standing for the case's folder (a fresh copy of the base). */
  readonly argv: readonly string[];
  /** Links made in the folder before the run: [link, target], `hard:` for a hard link. */
  readonly links?: readonly (readonly [string, string])[];
  /** What the first line of stderr must say, `@/` standing for the folder. */
  readonly says: readonly string[];
}

const reportCases: readonly Case[] = [
  {
    name: 'report --out over the --errors file its run manifest names',
    run: runReportCommand,
    argv: ['@/d.ndjson', '--out', '@/e.ndjson'],
    says: ['must not be the input file', "--out @/e.ndjson is the input DECISIONS's --errors file @/e.ndjson"],
  },
  {
    name: 'report --out over the run manifest',
    run: runReportCommand,
    argv: ['@/d.ndjson', '--out', '@/d.ndjson.run.json'],
    says: ['must not be the input file', "--out @/d.ndjson.run.json is the input DECISIONS's run manifest @/d.ndjson.run.json"],
  },
  {
    name: 'report --out through a symbolic link to the run manifest',
    run: runReportCommand,
    argv: ['@/d.ndjson', '--out', '@/page.html'],
    links: [['page.html', 'd.ndjson.run.json']],
    says: ["--out @/page.html is the input DECISIONS's run manifest @/d.ndjson.run.json"],
  },
  {
    name: 'report --out through a hard link to the --errors file',
    run: runReportCommand,
    argv: ['@/d.ndjson', '--out', '@/page.html'],
    links: [['page.html', 'hard:e.ndjson']],
    says: ["--out @/page.html is the input DECISIONS's --errors file @/e.ndjson"],
  },
  {
    name: 'report --out as ./e.ndjson',
    run: runReportCommand,
    argv: ['@/d.ndjson', '--out', '@/./e.ndjson'],
    says: ["--out @/./e.ndjson is the input DECISIONS's --errors file @/e.ndjson"],
  },
];

const modelFolderCases: readonly Case[] = [
  {
    name: 'score --out over the model.onnx of its --model folder (--overwrite)',
    run: runScoreCommand,
    argv: ['--in', '@/in.ndjson', '--model', '@/m', '--out', '@/m/model.onnx', '--overwrite', '--suggestions', '0'],
    says: ['must not be the input file', '--out @/m/model.onnx is the input --model @/m/model.onnx'],
  },
  {
    name: 'score --errors over the manifest.json of its --model folder',
    run: runScoreCommand,
    argv: ['--in', '@/in.ndjson', '--model', '@/m', '--out', '@/o.ndjson', '--errors', '@/m/manifest.json', '--overwrite'],
    says: ['--errors @/m/manifest.json is the input --model @/m/manifest.json'],
  },
  {
    name: 'score --out into its --model folder through a linked folder',
    run: runScoreCommand,
    argv: ['--in', '@/in.ndjson', '--model', '@/m', '--out', '@/via/model.onnx', '--overwrite'],
    links: [['via', 'm']],
    says: ['--out @/via/model.onnx is the input --model @/m/model.onnx'],
  },
  {
    name: 'score --queue --out over the model.onnx of its --model folder',
    run: runScoreCommand,
    argv: ['--in', '@/in.ndjson', '--model', '@/m', '--out', '@/m/model.onnx', '--overwrite', '--queue', 'redis://127.0.0.1:1', '--job', 'j'],
    says: ['--out @/m/model.onnx is the input --model @/m/model.onnx'],
  },
  {
    name: 'monitor --write-baseline over the model.onnx of its --model folder',
    run: runMonitorCommand,
    argv: ['--applicants', '@/in.ndjson', '--model', '@/m', '--write-baseline', '@/m/model.onnx'],
    says: ['--write-baseline @/m/model.onnx is the input --model @/m/model.onnx'],
  },
  {
    name: 'simulate --out over the manifest.json of its --candidate-model folder',
    run: runSimulateCommand,
    argv: ['--book', '@/in.ndjson', '--candidate-model', '@/m', '--out', '@/m/manifest.json', '--overwrite'],
    says: ['--out @/m/manifest.json is the input --candidate-model @/m/manifest.json'],
  },
  {
    name: 'simulate --html over the model.onnx of its --baseline-model folder',
    run: runSimulateCommand,
    argv: ['--book', '@/in.ndjson', '--baseline-model', '@/m', '--out', '@/s.json', '--html', '@/m/model.onnx', '--overwrite'],
    says: ['--html @/m/model.onnx is the input --baseline-model @/m/model.onnx'],
  },
  {
    name: 'predict --out over the manifest.json of its --model folder',
    run: runPredictCommand,
    argv: ['--model', '@/m', '--data', '@/data.csv', '--out', '@/m/manifest.json'],
    says: ['--out @/m/manifest.json is the input --model @/m/manifest.json'],
  },
];

const scoreOwnFilesCases: readonly Case[] = [
  {
    name: 'score --errors as the run manifest of --out',
    run: runScoreCommand,
    argv: ['--in', '@/in.ndjson', '--out', '@/o.ndjson', '--errors', '@/o.ndjson.run.json'],
    says: ['each output must be a file of its own', "--errors @/o.ndjson.run.json is --out's run manifest @/o.ndjson.run.json"],
  },
  {
    name: 'score --errors as the lock of --out',
    run: runScoreCommand,
    argv: ['--in', '@/in.ndjson', '--out', '@/o.ndjson', '--errors', '@/o.ndjson.lock'],
    says: ['each output must be a file of its own', "--errors @/o.ndjson.lock is --out's lock @/o.ndjson.lock"],
  },
  {
    name: 'score --out whose run manifest is its --errors (a hard link to it)',
    run: runScoreCommand,
    argv: ['--in', '@/in.ndjson', '--out', '@/o.ndjson', '--errors', '@/x.ndjson', '--overwrite'],
    links: [
      ['o.ndjson.run.json', 'hard:e.ndjson'],
      ['x.ndjson', 'hard:e.ndjson'],
    ],
    says: ['each output must be a file of its own', "--errors @/x.ndjson is --out's run manifest @/o.ndjson.run.json"],
  },
  {
    name: 'score --queue --errors as the run manifest of --out',
    run: runScoreCommand,
    argv: ['--in', '@/in.ndjson', '--out', '@/o.ndjson', '--errors', '@/o.ndjson.run.json', '--queue', 'redis://127.0.0.1:1', '--job', 'j'],
    says: ["--errors @/o.ndjson.run.json is --out's run manifest @/o.ndjson.run.json"],
  },
  {
    name: 'score --out whose run manifest is its --in (--overwrite)',
    run: runScoreCommand,
    argv: ['--in', '@/d.ndjson.run.json', '--out', '@/d.ndjson', '--overwrite'],
    says: ['must not be the input file', "--out's run manifest @/d.ndjson.run.json is the input --in @/d.ndjson.run.json"],
  },
];

let n = 0;

/** Every file under `dir` with its bytes, links followed: what a refused run must leave as it was. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path, readFileSync(path).toString('base64'));
    }
  }
  return files;
}

describe('no command writes over a file it finds for itself, nor one output over another', () => {
  for (const c of [...reportCases, ...modelFolderCases, ...scoreOwnFilesCases]) {
    it(`${c.name}: exit 2 naming the option and both paths, every file as it was`, async () => {
      const dir = join(work, `case-${n++}`);
      cpSync(base, dir, { recursive: true });
      for (const [link, target] of c.links ?? []) {
        if (target.startsWith('hard:')) linkSync(join(dir, target.slice(5)), join(dir, link));
        else symlinkSync(join(dir, target), join(dir, link));
      }
      const before = snapshot(dir);
      const io = captureIo();
      const code = await c.run(
        c.argv.map((a) => a.replace('@/', `${dir}/`)),
        io.io,
      );
      const first = io.err().split('\n')[0] as string;
      expect(code, io.err()).toBe(2);
      for (const text of c.says) expect(first).toContain(text.replaceAll('@/', `${dir}/`));
      expect(snapshot(dir)).toEqual(before);
    });
  }
});

describe('what is not one file stays allowed', () => {
  it('score --errors the same file as --out through a link is still the output (one file, one writer)', async () => {
    const dir = join(work, `case-${n++}`);
    cpSync(base, dir, { recursive: true });
    writeFileSync(join(dir, 'o.ndjson'), '');
    symlinkSync(join(dir, 'o.ndjson'), join(dir, 'o-link.ndjson'));
    const io = captureIo();
    expect(
      await runScoreCommand(
        ['--in', join(dir, 'in.ndjson'), '--out', join(dir, 'o.ndjson'), '--errors', join(dir, 'o-link.ndjson'), '--suggestions', '0', '--overwrite'],
        io.io,
      ),
      io.err(),
    ).toBe(3);
  }, 60_000);

  it('report of a run with its errors apart, written beside it, reads the errors file and leaves it', async () => {
    const dir = join(work, `case-${n++}`);
    cpSync(base, dir, { recursive: true });
    const errors = readFileSync(join(dir, 'e.ndjson'), 'utf8');
    const io = captureIo();
    expect(await runReportCommand([join(dir, 'd.ndjson'), '--out', join(dir, 'page.html')], io.io), io.err()).toBe(0);
    expect(io.out()).toContain('1 rejected from');
    expect(readFileSync(join(dir, 'e.ndjson'), 'utf8')).toBe(errors);
  }, 60_000);
});
