// In `npm run test:deep`: it spawns the CLI 25 times, 17 of them reading 12 MiB of NUL bytes.
// Every option or argument a command reads whole, given /dev/zero, read NUL bytes until memory ran
// out (decide FILE, --policy, --catalog, the key files, --model, verify --manifest, monitor
// --baseline, train/predict --data, featurize --outcomes, model import --onnx/--features/--background);
// and `verify /dev/stdin` of a pretty-printed decision from a pipe read it twice, the second time
// empty ("the document: not read", exit 3). Each is spawned as the real CLI with a timeout on the
// child, so a regression fails here instead of hanging the suite.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { runCliOnPipe, STREAM_CAP_MESSAGE } from '../helpers/cliOnPipe.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-whole-streams-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const at = (name: string): string => join(work, name);
const run = (args: readonly string[], input?: string | Buffer) => runCliOnPipe(work, args, input);
const CAP = STREAM_CAP_MESSAGE;
const applicant = at('applicant.json');
const book = at('book.ndjson');
const outcomes = at('outcomes.csv');
let decision = '';

beforeAll(async () => {
  writeFileSync(applicant, JSON.stringify(exampleApplicants[0]!.applicant, null, 2));
  writeFileSync(book, `${JSON.stringify(exampleApplicants[0]!.applicant)}\n`);
  writeFileSync(outcomes, 'id,bad\nr1,0\n');
  const decided = await run(['decide', applicant]);
  expect(decided.code, decided.stderr).toBe(0);
  decision = decided.stdout;
  // Pretty-printed: the first line alone is not JSON, so verify reads a document.
  expect(decision.split('\n')[0]).toBe('{');
}, 120_000);

describe.runIf(process.platform === 'linux' && existsSync('/dev/zero'))('a whole-file input that is /dev/zero', () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ['decide FILE', ['decide', '/dev/zero'], /^error: FILE \/dev\/zero: a character device that gave more than /],
    ['suggest FILE', ['suggest', '/dev/zero'], /^error: FILE \/dev\/zero: a character device that gave more than /],
    ['decide --policy', ['decide', applicant, '--policy', '/dev/zero'], /^error: --policy \/dev\/zero: a character device /],
    ['decide --catalog', ['decide', applicant, '--catalog', '/dev/zero'], /^error: --catalog \/dev\/zero: a character device /],
    ['decide --signing-key-file', ['decide', applicant, '--signing-key-file', '/dev/zero'], /^error: --signing-key-file \/dev\/zero: a character device /],
    ['decide --personal-data-key-file', ['decide', applicant, '--personal-data-key-file', '/dev/zero'], /^error: --personal-data-key-file \/dev\/zero: /],
    [
      'decide --model',
      ['decide', applicant, '--model', '/dev/zero'],
      /^error \[model_load_failed\]: Cannot read model file \/dev\/zero: \/dev\/zero is a character device /,
    ],
    ['catalog --catalog', ['catalog', '--catalog', '/dev/zero'], /^error: --catalog \/dev\/zero: /],
    ['verify --verification-key-file', ['verify', applicant, '--verification-key-file', '/dev/zero'], /^error: --verification-key-file \/dev\/zero: /],
    ['verify --manifest', ['verify', applicant, '--manifest', '/dev/zero'], /^error: --manifest \/dev\/zero: \/dev\/zero is a character device /],
    ['monitor --baseline', ['monitor', '--applicants', book, '--baseline', '/dev/zero', '--out', at('m.json')], /^error: --baseline \/dev\/zero: /],
    ['train --data', ['train', '--data', '/dev/zero', '--target', 'bad', '--positive', '1', '--out', at('trained')], /^error: --data \/dev\/zero: /],
    ['predict --data', ['predict', '--data', '/dev/zero', '--model', 'models', '--out', at('p.csv')], /^error: --data \/dev\/zero: /],
    [
      'featurize --outcomes',
      ['featurize', '--in', book, '--outcomes', '/dev/zero', '--target', 'bad', '--out', at('f.csv')],
      /^error: --outcomes \/dev\/zero: /,
    ],
    ['model import --onnx', ['model', 'import', '--onnx', '/dev/zero', '--features', applicant, '--out', at('imported')], /^error: --onnx \/dev\/zero: /],
    [
      'model import --features',
      ['model', 'import', '--onnx', applicant, '--features', '/dev/zero', '--out', at('imported')],
      /^error: --features \/dev\/zero: /,
    ],
  ];
  it('each is refused past the 12 MiB cap, exit 1, naming the option and the cap, never hanging', async () => {
    // Two at a time: each child reads 12 MiB of NUL bytes and starts tsx.
    for (let i = 0; i < cases.length; i += 2) {
      const runs = await Promise.all(cases.slice(i, i + 2).map(([, args]) => run(args)));
      runs.forEach((r, j) => {
        const [name, , first] = cases[i + j]!;
        expect(r.code, `${name}: ${r.stderr}`).toBe(1);
        expect(r.stderr, name).toMatch(first);
        expect(r.stderr, name).toMatch(CAP);
      });
    }
  }, 600_000);

  it('model import --background /dev/zero is refused the same way', async () => {
    const features = at('features.json');
    writeFileSync(features, JSON.stringify({ features: [{ name: 'x', kind: 'numeric' }] }));
    const r = await run(['model', 'import', '--onnx', applicant, '--features', features, '--background', '/dev/zero', '--out', at('imported')]);
    // The spec is checked before the background is read; a spec it refuses is named instead.
    expect(r.code, r.stderr).toBe(1);
    if (!/ImportSpec/.test(r.stderr)) expect(r.stderr).toMatch(/^error: --background \/dev\/zero: a character device /);
  }, 120_000);
});

describe.runIf(process.platform !== 'win32')('a whole input on a pipe', () => {
  it('decide - and --policy /dev/stdin read a pipe under the cap', async () => {
    const fromStdin = await run(['decide', '-', '--compact'], JSON.stringify(exampleApplicants[0]!.applicant));
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(JSON.parse(fromStdin.stdout).outcome).toBe(JSON.parse(decision).outcome);
    const policy = await run(['decide', applicant, '--policy', '/dev/stdin', '--compact'], '{}');
    expect(policy.code, policy.stderr).toBe(0);
  }, 120_000);

  it('a pipe past the cap is refused naming the argument and the cap, nothing cut short', async () => {
    const big = Buffer.alloc(12 * 1024 * 1024 + 1, 0x20);
    const [stdin, policy] = await Promise.all([run(['decide', '-'], big), run(['decide', applicant, '--policy', '/dev/stdin'], big)]);
    expect(stdin.code, stdin.stderr).toBe(1);
    expect(stdin.stderr).toMatch(/^error: FILE -: a stream that gave more than /);
    expect(stdin.stderr).toMatch(CAP);
    expect(policy.code, policy.stderr).toBe(1);
    expect(policy.stderr).toMatch(/^error: --policy \/dev\/stdin: a pipe that gave more than /);
    expect(policy.stderr).toMatch(CAP);
  }, 120_000);
});

describe.runIf(process.platform !== 'win32')('verify of a pretty-printed decision on a pipe', () => {
  it('reads the bytes once and verifies them, from - and from /dev/stdin', async () => {
    const [dash, devStdin] = await Promise.all([run(['verify', '-'], decision), run(['verify', '/dev/stdin'], decision)]);
    for (const [r, name] of [
      [dash, '-'],
      [devStdin, '/dev/stdin'],
    ] as const) {
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toBe(`verified 1 of 1 decision(s) in ${name} (1 unsigned)\n`);
    }
  }, 120_000);

  it('a tampered one fails at its content hash, from either', async () => {
    const limit = (JSON.parse(decision) as { limit: number }).limit;
    const tampered = decision.replace(`"limit": ${limit},`, `"limit": ${limit + 100_000},`);
    expect(tampered).not.toBe(decision);
    for (const r of await Promise.all([run(['verify', '-'], tampered), run(['verify', '/dev/stdin'], tampered)])) {
      expect(r.code, r.stdout + r.stderr).toBe(3);
      expect(r.stdout).toMatch(/the document \(dec_[0-9a-f]+\): does not verify\n {2}- audit\.contentHash: /);
      expect(r.stdout).toMatch(/verified 0 of 1 decision\(s\) in .*; 1 did not verify/);
    }
  }, 120_000);

  it('a document on a pipe past the cap is refused naming the cap, not read without end', async () => {
    // Line breaks throughout, so the line bound does not stop it: only the document's does.
    const endless = Buffer.from(`[\n${'{}\n,'.repeat(4_300_000)}`);
    expect(endless.length).toBeGreaterThan(12 * 1024 * 1024);
    const r = await run(['verify', '/dev/stdin'], endless);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error \[data_invalid\]: \/dev\/stdin is a pipe that gave more than /);
    expect(r.stderr).toMatch(CAP);
  }, 120_000);
});
