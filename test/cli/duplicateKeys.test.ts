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
    expect(c.err()).toMatch(/one\.json: key "selfSetCap" appears twice in one object \(at controls\.selfSetCap\)/);
  });
});
