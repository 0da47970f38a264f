// F40: `verify FILE` without --manifest did not read the run manifest beside the file (FILE.run.json),
// which report and monitor --decisions read: a never-resumed run's lines out of input order exited 3 in
// those two and only warned (exit 0) in verify. And an error line not as score writes it
// ({"line":10,"error":{"code":5}}) was verified as a Decision, ~30 schema issues ("Unrecognized key:
// line") where report names the line's own reason.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { captureIo } from './fakeDecider.js';
import { besideManifest as besideRun, runReaders, scoredExamples, type ScoredExamples } from './scoreOutputReaderRig.js';

let rig: ScoredExamples;
let file: (name: string) => string;
let base: readonly string[];
beforeAll(async () => {
  rig = await scoredExamples('verify-beside', 3);
  ({ file, base } = rig);
}, 90_000);
afterAll(() => rig?.remove());

const readers = runReaders;
const besideManifest = (name: string, lines: readonly string[], runs: number) => besideRun(rig, name, lines, runs);

describe('verify without --manifest reads the manifest beside the file, as report and monitor do', () => {
  const swapped = () => [base[1]!, base[0]!, ...base.slice(2)];

  it('a never-resumed run, lines out of order, only the manifest beside: exit 3 in all three (verify was 0)', async () => {
    const r = await readers(besideManifest('never.ndjson', swapped(), 1));
    expect(r.exits).toEqual({ report: 3, verify: 3, monitor: 3 });
    expect(r.verify).toMatch(
      /warning: 1 line\(s\) of .*never\.ndjson name a lower input line than the line before \(line 2 \(input line 1 after 2\)\): the run's manifest records them in input order \(one run, never resumed/,
    );
    expect(r.verify).not.toMatch(/only warned of/);
  }, 60_000);

  it('the same lines beside a manifest recording a resume: only warned, exit 0 in all three', async () => {
    const r = await readers(besideManifest('resumed.ndjson', swapped(), 2));
    expect(r.exits).toEqual({ report: 0, verify: 0, monitor: 0 });
    expect(r.verify).toMatch(/lower input line than the line before .*only warned of/);
  }, 60_000);

  it('the run as written, beside its manifest: exit 0, the file not checked against it (that is --manifest)', async () => {
    const r = await readers(besideManifest('asis.ndjson', base, 1));
    expect(r.exits).toEqual({ report: 0, verify: 0, monitor: 0 });
    expect(r.verify).not.toMatch(/warning|matches the run manifest/);
  }, 60_000);

  it('a manifest beside that cannot be read: said, and exit 3 as report exits (was silent, exit 0)', async () => {
    const path = file('damaged.ndjson');
    writeFileSync(path, `${swapped().join('\n')}\n`);
    writeFileSync(`${path}.run.json`, '{"version":');
    const r = await readers(path);
    expect(r.exits.report).toBe(3);
    expect(r.exits.verify).toBe(3);
    expect(r.verify).toMatch(
      /warning: .*damaged\.ndjson\.run\.json could not be read \(.+\), so nothing shows how the run that wrote .* ended or whether it was resumed/,
    );
    expect(r.verify).toMatch(/lower input line than the line before .*only warned of/);
  }, 60_000);

  it('--manifest names the manifest: the one beside is not read', async () => {
    const path = besideManifest('named.ndjson', base, 1);
    writeFileSync(`${path}.run.json`, '{"version":');
    const v = captureIo();
    expect(await runVerifyCommand([path, '--manifest', `${file('base.ndjson')}.run.json`], v.io)).toBe(3);
    expect(v.out()).not.toMatch(/could not be read/);
  }, 60_000);
});

describe("verify names a line that is no decision by report's reason", () => {
  it('an error line with a numeric code, an array: each not read, its reason, no Decision schema issue (were ~30)', async () => {
    const path = file('kinds.ndjson');
    writeFileSync(path, `${[base[0], '{"line":10,"error":{"code":5}}', '[1]'].join('\n')}\n`);
    const r = await readers(path);
    expect(r.exits.verify).toBe(3);
    expect(r.exits.report).toBe(3);
    const said = [
      'line 2: not read: an error line not as score writes it ({"line":N,"error":{"code":"...","message":"..."}}): error.code: ',
      'line 3: not read: a JSON array, not a decision line',
    ];
    for (const s of said) expect(r.verify).toContain(s);
    // The same reasons as report's for the same lines.
    for (const s of said) expect(r.report).toContain(s.replace(' not read:', ''));
    expect(r.verify).not.toMatch(/Unrecognized key|does not verify|audit/);
    expect(r.verify).toMatch(/verified 1 of 1 decision\(s\) .*; 2 line\(s\) not read/);
  }, 60_000);
});
