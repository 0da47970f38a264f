// Outside tester findings17-forensics: F2, `verify --manifest` compared counts (and bytes) only, so
// the output of a run under another policy, placed beside a default-policy run's manifest, "matched"
// (exit 0) when the manifest had no digest, though every decision names its policy in its audit.
// F6: a file of two outputs concatenated, or with line numbers renumbered or reordered, drew no word.
// F7: a file whose last line was cut "matched ... 2,000 decision(s)"; a decision line repeated was
// counted twice without a warning.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-verify-config-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));
const read = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

const book = exampleApplicants.slice(0, 6).map((e) => JSON.stringify(e.applicant));
const score = (out: string, ...extra: string[]) =>
  runScoreCommand(['--in', file('in.ndjson'), '--out', out, '--suggestions', '0', '--signing-key-file', file('keyA.txt'), ...extra], captureIo().io);
let base: string[];
let otherPolicy: string[];

beforeAll(async () => {
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  writeFileSync(file('keyA.txt'), 'a'.repeat(48));
  writeFileSync(file('keyB.txt'), 'b'.repeat(48));
  writeFileSync(file('pol2.json'), JSON.stringify({ pricing: { margin: 0.04 } }));
  expect(await score(file('base.ndjson'))).toBe(0);
  expect(await score(file('pol2.ndjson'), '--policy', file('pol2.json'))).toBe(0);
  base = read(file('base.ndjson'));
  otherPolicy = read(file('pol2.ndjson'));
}, 60_000);

async function verify(...args: string[]) {
  const c = captureIo();
  const code = await runVerifyCommand(args, c.io);
  return { code, out: c.out() };
}

/** `lines` written as `name`, beside the base run's manifest (without its digest when `digest` is false). */
function besideBaseManifest(name: string, lines: readonly string[], digest = true): string {
  const path = file(name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const m = JSON.parse(readFileSync(`${file('base.ndjson')}.run.json`, 'utf8')) as { status: Record<string, unknown> };
  const { files: _files, ...status } = m.status;
  writeFileSync(`${path}.run.json`, JSON.stringify(digest ? m : { ...m, status }));
  return path;
}

describe("verify --manifest: each decision made by the run's configuration (F2)", () => {
  it('the output of a run under another policy beside the manifest: exit 3, naming the lines and both policies, with or without the digest', async () => {
    for (const digest of [true, false]) {
      const path = besideBaseManifest(`pol2-${digest}.ndjson`, otherPolicy, digest);
      const r = await verify(path, '--signing-key-file', file('keyA.txt'), '--manifest', `${path}.run.json`);
      expect(r.code).toBe(3);
      expect(r.out).toMatch(/verified 6 of 6 decision\(s\)/);
      expect(r.out).toMatch(
        /does not match the run manifest .*6 decision\(s\) not made by the run's configuration, audit\.policyHash [0-9a-f]{12}\.\.\., the run's [0-9a-f]{12}\.\.\. \(line 1, line 2, line 3, line 4, line 5 and 1 more\)/,
      );
      expect(r.out).not.toMatch(/ matches the run manifest/);
    }
  });

  it("one line of another policy among the run's (a manifest without digest): that line named, exit 3", async () => {
    const path = besideBaseManifest('mixed.ndjson', [...base.slice(0, 3), otherPolicy[3] as string, ...base.slice(4)], false);
    const r = await verify(path, '--signing-key-file', file('keyA.txt'), '--manifest', `${path}.run.json`);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/1 decision\(s\) not made by the run's configuration, audit\.policyHash .* \(line 4\)/);
  });

  it("decisions signed under another key than the run's, verified under that key: named by the key fingerprints, exit 3", async () => {
    const signedB = file('signedB.ndjson');
    expect(
      await runScoreCommand(['--in', file('in.ndjson'), '--out', signedB, '--suggestions', '0', '--signing-key-file', file('keyB.txt')], captureIo().io),
    ).toBe(0);
    const path = besideBaseManifest('keyB.ndjson', read(signedB), false);
    const r = await verify(path, '--signing-key-file', file('keyB.txt'), '--manifest', `${path}.run.json`);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(
      /6 decision\(s\) not made by the run's configuration, signed under key [0-9a-f]{12}\.\.\., the run signed with key [0-9a-f]{12}\.\.\./,
    );
  });

  it("the run's own output matches, the configuration said", async () => {
    const r = await verify(file('base.ndjson'), '--signing-key-file', file('keyA.txt'), '--manifest', `${file('base.ndjson')}.run.json`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /matches the run manifest .*: the bytes the run wrote, 6 decision\(s\) and 0 error line\(s\), made by the run's model, policy, catalog and engine/,
    );
  });
});

describe('verify: line numbers and repeated decisions (F6, F7)', () => {
  it('two outputs concatenated: line numbers named twice and out of order are warned of, and a line named twice exits 3 (was 0), as report and monitor exit', async () => {
    const path = file('concat.ndjson');
    writeFileSync(path, `${[...base, ...base.slice(0, 2)].join('\n')}\n`);
    const r = await verify(path, '--signing-key-file', file('keyA.txt'));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(
      /warning: 2 line\(s\) of .*concat\.ndjson name an input line an earlier line names too \(line 7 \(input line 1\), line 8 \(input line 2\)\)/,
    );
    expect(r.out).toMatch(/warning: 1 line\(s\) of .*concat\.ndjson name a lower input line than the line before \(line 7 \(input line 1 after 6\)\)/);
    // F7: the same decision on two lines counts on each, and is said so.
    expect(r.out).toMatch(/verified 8 of 8 decision\(s\)/);
    expect(r.out).toMatch(/warning: 2 decision\(s\) of .*concat\.ndjson appear on more than one line \(the same audit\.decisionId\)/);
  });

  it("a line number past the run's last input record is named with --manifest (exit 3); lines reordered are warned of", async () => {
    const renumbered = base.map((l, i) => (i === 2 ? l.replace(/^\{"line":3,/, '{"line":999,') : l));
    const path = besideBaseManifest('renumbered.ndjson', renumbered, false);
    const r = await verify(path, '--signing-key-file', file('keyA.txt'), '--manifest', `${path}.run.json`);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/1 input line number\(s\) past the run's last input record \(line 6\): line 999/);
    const reordered = await verify(
      besideBaseManifest('reordered.ndjson', [base[1] as string, base[0] as string, ...base.slice(2)]),
      '--signing-key-file',
      file('keyA.txt'),
    );
    expect(reordered.out).toMatch(
      /warning: 1 line\(s\) of .*reordered\.ndjson name a lower input line than the line before \(line 2 \(input line 1 after 2\)\)/,
    );
    // The run's own output draws no warning.
    expect((await verify(file('base.ndjson'), '--signing-key-file', file('keyA.txt'))).out).not.toMatch(/warning/);
  });

  it('a last line cut: not read, left out of the counts, and never "matches" (exit 3)', async () => {
    const cut = [...base.slice(0, 5), (base[5] as string).slice(0, 200)];
    const path = besideBaseManifest('cut.ndjson', cut, false);
    const r = await verify(path, '--signing-key-file', file('keyA.txt'), '--manifest', `${path}.run.json`);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/line 6: not read/);
    expect(r.out).toMatch(/verified 5 of 5 decision\(s\) .*; 1 line\(s\) not read/);
    expect(r.out).toMatch(/does not match the run manifest .*it holds 5 decision\(s\), the run recorded 6; 1 line\(s\) could not be read/);
    expect(r.out).not.toMatch(/ matches the run manifest/);
  });
});
