// A record whose JSON repeats a key is refused, never decided on its last value: JSON.parse keeps
// the last of two equal keys silently, which here would drop a customer's own cap.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'duplicate-keys-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);

/** The applicant's JSON with its own cap written twice, the second time null (the last one wins in JSON.parse). */
function withCapTwice(i: number): string {
  const text = JSON.stringify({ ...exampleApplicants[i]!.applicant, controls: { selfSetCap: 100_000 } });
  return text.replace('"selfSetCap":100000', '"selfSetCap":100000,"selfSetCap":null');
}

describe('JSON input that repeats a key', () => {
  it('score: that line is a data_invalid error naming the key and its path; every other line decides', async () => {
    const lines = [JSON.stringify(exampleApplicants[0]!.applicant), withCapTwice(1), JSON.stringify(exampleApplicants[2]!.applicant)];
    writeFileSync(file('book.ndjson'), `${lines.join('\n')}\n`);
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('book.ndjson'), '--out', file('out.ndjson'), '--suggestions', '0'], c.io)).toBe(3);
    const out = readFileSync(file('out.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { line: number; decision?: unknown; error?: { code: string; issues: { code: string; message: string }[] } });
    expect(out.map((r) => [r.line, r.decision !== undefined])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(out[1]?.error?.code).toBe('data_invalid');
    expect(out[1]?.error?.issues[0]).toMatchObject({
      code: 'duplicate_key',
      message: expect.stringMatching(/key "selfSetCap" appears twice in one object \(at controls\.selfSetCap\)/),
    });
  });

  it('decide FILE: refused with data_invalid naming the file and the key', async () => {
    writeFileSync(file('one.json'), withCapTwice(0));
    const c = captureIo();
    expect(await main(['decide', file('one.json')], c.io)).not.toBe(0);
    expect(c.err()).toMatch(/Invalid .*one\.json/);
    expect(c.err()).toMatch(/controls\.selfSetCap: key "selfSetCap" appears twice in one object \(at controls\.selfSetCap\)/);
  });

  // Two repeats and a bad value in one applicant: each repeat is its own issue at its own path
  // (machine-readable, not only in the message), the first no longer hides the second.
  const twoRepeats = (): string =>
    JSON.stringify(exampleApplicants[0]!.applicant)
      .replace(/"source":"(\w+)"/, '"source":"$1","source":"self_declared"')
      .replace(/"dependants":(\d+)/, '"dependants":$1,"dependants":3');

  it('score: every repeated key of a line is its own issue at its own path', async () => {
    const text = twoRepeats();
    expect(text.match(/"source"/g)).toHaveLength(2);
    expect(text.match(/"dependants"/g)).toHaveLength(2);
    writeFileSync(file('two.ndjson'), `${text}\n`);
    const c = captureIo();
    expect(await runScoreCommand(['--in', file('two.ndjson'), '--out', file('two.out.ndjson'), '--suggestions', '0'], c.io)).toBe(3);
    const line = JSON.parse(readFileSync(file('two.out.ndjson'), 'utf8').split('\n')[0]!) as { error: { message: string; issues: unknown[] } };
    expect(line.error.issues).toEqual([
      { path: ['income', 'source'], code: 'duplicate_key', message: expect.stringMatching(/key "source" appears twice/) },
      { path: ['household', 'dependants'], code: 'duplicate_key', message: expect.stringMatching(/key "dependants" appears twice/) },
    ]);
    expect(line.error.message).toMatch(/^line 1: income\.source: key "source" appears twice.*\(and 1 more\)$/);
  });

  it('decide FILE: every repeated key is named, each at its own path, with the file', async () => {
    writeFileSync(file('two.json'), twoRepeats());
    const c = captureIo();
    expect(await main(['decide', file('two.json')], c.io)).toBe(3);
    expect(c.err()).toMatch(/two\.json/);
    expect(c.err()).toMatch(/income\.source: key "source" appears twice/);
    expect(c.err()).toMatch(/household\.dependants: key "dependants" appears twice/);
  });
});
