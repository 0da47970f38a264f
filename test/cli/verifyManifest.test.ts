// Gap left by the last session: `creditlift verify` checks each decision's seal and skips a score
// error line (it has no seal), so a decision line replaced by a well-formed error line read as
// "verified 10 of 10 decision(s); 2 error line(s) skipped", exit 0. The run's manifest
// (OUT.run.json) records how many decisions and error lines the run wrote: `--manifest` checks the
// file against it, and without it the summary says the error lines are vouched for by nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-verify-manifest-'));
const file = (name: string) => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Four example applicants and, on line 3, a record the scorer refuses: 4 decisions, 1 error line.
const book = [
  ...exampleApplicants.slice(0, 2).map((e) => JSON.stringify(e.applicant)),
  JSON.stringify({ id: 'bad' }),
  ...exampleApplicants.slice(2, 4).map((e) => JSON.stringify(e.applicant)),
];
let out: string;
let lines: string[];

beforeAll(async () => {
  writeFileSync(file('in.ndjson'), `${book.join('\n')}\n`);
  out = file('out.ndjson');
  expect(await runScoreCommand(['--in', file('in.ndjson'), '--out', out, '--suggestions', '0'], captureIo().io)).toBe(3);
  lines = readFileSync(out, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  expect(lines).toHaveLength(5);
}, 60_000);

async function verify(...args: string[]) {
  const c = captureIo();
  const code = await runVerifyCommand(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

/** The output with the decision of input line `at` replaced by a well-formed score error line. */
function replaced(at: number): string {
  return `${lines
    .map((l) =>
      (JSON.parse(l) as { line: number }).line === at
        ? JSON.stringify({ line: at, error: { code: 'validation_failed', message: 'Invalid Applicant: 1 problem(s) at income' } })
        : l,
    )
    .join('\n')}\n`;
}

describe('creditlift verify --manifest', () => {
  it('the output as the run left it matches its manifest: exit 0, the counts said', async () => {
    const r = await verify(out, '--manifest', `${out}.run.json`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verified 4 of 4 decision\(s\)/);
    expect(r.out).toMatch(
      /matches the run manifest .*out\.ndjson\.run\.json: the bytes the run wrote, 4 decision\(s\) and 1 error line\(s\), made by the run's model, policy, catalog and engine, as the run recorded/,
    );
  });

  // Gap left by the thirteenth session: the manifest held counts only, so a decision line swapped
  // for another sealed decision (the same input line decided in another run) verified and matched.
  it("a decision line swapped for another run's sealed decision of the same line: every seal verifies, the counts match, the bytes do not: exit 3", async () => {
    const other = file('other.ndjson');
    const otherIn = file('other-in.ndjson');
    writeFileSync(otherIn, `${[JSON.stringify(exampleApplicants[5]!.applicant), ...book.slice(1)].join('\n')}\n`);
    expect(await runScoreCommand(['--in', otherIn, '--out', other, '--suggestions', '0'], captureIo().io)).toBe(3);
    const foreign = readFileSync(other, 'utf8').split('\n')[0]!;
    expect(foreign).not.toBe(lines[0]);
    const swapped = file('swapped.ndjson');
    writeFileSync(swapped, `${[foreign, ...lines.slice(1)].join('\n')}\n`);
    writeFileSync(`${swapped}.run.json`, readFileSync(`${out}.run.json`));
    const r = await verify(swapped, '--manifest', `${swapped}.run.json`);
    expect(r.out).toMatch(/verified 4 of 4 decision\(s\)/);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(
      /does not match the run manifest .*: its bytes are not those the run wrote \(the run left [\d,]+ bytes, sha256 [0-9a-f]{12}\.\.\.; the file now has/,
    );
    // report reads the same manifest beside the file: it says the figures are not the run's.
    const c = captureIo();
    await runReportCommand([swapped, '--out', file('swapped.html')], c.io);
    expect(c.err()).toMatch(
      /warning: .*swapped\.ndjson is not the file the run wrote \(by the run manifest beside it, .*swapped\.ndjson\.run\.json\): its bytes are not those the run wrote .*; its figures are not the run's/,
    );
    const asLeft = captureIo();
    await runReportCommand([out, '--out', file('out.html')], asLeft.io);
    expect(asLeft.err()).not.toMatch(/not the file the run wrote/);
    // Lines moved (the same lines in another order) are not the file the run wrote either.
    writeFileSync(swapped, `${[lines[1], lines[0], ...lines.slice(2)].join('\n')}\n`);
    expect((await verify(swapped, '--manifest', `${swapped}.run.json`)).code).toBe(3);
  });

  // Recheck N3: under a key that is not the run's every seal failed, yet the manifest line read
  // "matches the run manifest"; a copy under another name drew a false "records no digest" note.
  it("a key that is not the run's is named against the manifest's fingerprint; a renamed copy draws no false digest note", async () => {
    writeFileSync(file('k1.txt'), 'a'.repeat(48));
    writeFileSync(file('k2.txt'), 'b'.repeat(48));
    const signed = file('signed.ndjson');
    expect(
      await runScoreCommand(['--in', file('in.ndjson'), '--out', signed, '--suggestions', '0', '--signing-key-file', file('k1.txt')], captureIo().io),
    ).toBe(3);
    expect((await verify(signed, '--manifest', `${signed}.run.json`, '--signing-key-file', file('k1.txt'))).code).toBe(0);
    const wrong = await verify(signed, '--manifest', `${signed}.run.json`, '--signing-key-file', file('k2.txt'));
    expect(wrong.code).toBe(3);
    expect(wrong.out).not.toMatch(/ matches the run manifest/);
    expect(wrong.out).toMatch(/no key given is the run's signing key \(the run signed with key [0-9a-f]{12}\.\.\., given [0-9a-f]{12}\.\.\.\)/);
    // A rotation: the run's key given as a verification key is the run's.
    expect(
      (await verify(signed, '--manifest', `${signed}.run.json`, '--signing-key-file', file('k2.txt'), '--verification-key-file', file('k1.txt'))).out,
    ).not.toMatch(/no key given/);
    // The unsigned run verified under a key: said, not "matches".
    const unsigned = await verify(out, '--manifest', `${out}.run.json`, '--signing-key-file', file('k1.txt'));
    expect(unsigned.out).toMatch(/the run signed nothing \(its manifest records no signing key\), yet a key was given/);
    writeFileSync(file('copy.ndjson'), readFileSync(out));
    const copy = await verify(file('copy.ndjson'), '--manifest', `${out}.run.json`);
    expect(copy.out).toMatch(/is neither the output/);
    expect(copy.out).not.toMatch(/records no digest/);
  });

  it('a manifest written before the digest was recorded is checked by its counts, and verify says the bytes were not compared', async () => {
    const older = file('older.ndjson');
    writeFileSync(older, `${lines.join('\n')}\n`);
    const m = JSON.parse(readFileSync(`${out}.run.json`, 'utf8')) as { status: Record<string, unknown> };
    const { files: _dropped, ...status } = m.status;
    writeFileSync(`${older}.run.json`, JSON.stringify({ ...m, status }));
    const r = await verify(older, '--manifest', `${older}.run.json`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/matches the run manifest .*: 4 decision\(s\) and 1 error line\(s\)/);
    expect(r.out).toMatch(
      /note: the manifest records no digest of the run's files .*the counts and each decision's model, policy, catalog and engine were compared, and blank lines looked for \(score writes none\), not the bytes/,
    );
  });

  it('a manifest of a run a signal stopped before it read its files back says so, not that an older creditlift wrote it (task F12)', async () => {
    const stopped = file('stopped.ndjson');
    writeFileSync(stopped, `${lines.join('\n')}\n`);
    const m = JSON.parse(readFileSync(`${out}.run.json`, 'utf8')) as { status: Record<string, unknown> };
    const { files: _dropped, ...status } = m.status;
    writeFileSync(`${stopped}.run.json`, JSON.stringify({ ...m, status: { ...status, state: 'incomplete', exitCode: 130, reason: 'interrupted (a signal)' } }));
    const r = await verify(stopped, '--manifest', `${stopped}.run.json`);
    expect(r.out).toMatch(
      /note: the manifest records no digest of the run's files \(a signal stopped the run before it read them back; the same score command with --resume records them\)/,
    );
    expect(r.out).not.toMatch(/a creditlift that did not record one/);
  });

  it('a decision line replaced by a valid error line: without --manifest the summary says nothing vouches for the error lines, and the manifest beside catches it by bytes and decision count (was: exit 0); with it, exit 3 naming both counts', async () => {
    const tampered = file('tampered.ndjson');
    writeFileSync(tampered, replaced(4));
    writeFileSync(`${tampered}.run.json`, readFileSync(`${out}.run.json`));
    const bare = await verify(tampered);
    expect(bare.code).toBe(3);
    expect(bare.out).toMatch(
      /tampered\.ndjson is not the file the run wrote \(by the run manifest beside it, .*tampered\.ndjson\.run\.json\): its bytes are not those the run wrote .*; it holds 3 decision\(s\), the run recorded 4/,
    );
    expect(bare.out).toMatch(/2 error line\(s\) of "creditlift score" counted, which verify cannot vouch for .*--manifest/);
    // The manifest beside the file is named as the way to check them.
    expect(bare.out).toContain('tampered.ndjson.run.json');

    const checked = await verify(tampered, '--manifest', `${tampered}.run.json`);
    expect(checked.code).toBe(3);
    expect(checked.out).toMatch(
      /does not match the run manifest .*: its bytes are not those the run wrote .*; it holds 3 decision\(s\), the run recorded 4; it holds 2 error line\(s\), the run recorded 1/,
    );
  });

  it('a manifest of a run that has not recorded its counts (still running, or killed) cannot vouch: exit 3, said', async () => {
    const running = file('running.ndjson');
    writeFileSync(running, `${lines.join('\n')}\n`);
    const m = JSON.parse(readFileSync(`${out}.run.json`, 'utf8')) as { status: Record<string, unknown> };
    writeFileSync(`${running}.run.json`, JSON.stringify({ ...m, status: { ...m.status, state: 'running', decisions: undefined, rejected: undefined } }));
    const r = await verify(running, '--manifest', `${running}.run.json`);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/records no count of the decisions and error lines: .*still running, or was killed/);
  });

  it('a file that is not a run manifest is refused, exit 1 naming --manifest; --manifest with standard input is usage (2)', async () => {
    const r = await verify(out, '--manifest', file('in.ndjson'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--manifest .*in\.ndjson/);
    const c = captureIo();
    expect(await runVerifyCommand(['-', '--manifest', `${out}.run.json`], c.io)).toBe(2);
  });

  it('a run writing its error lines apart (--errors): the output must hold none, the errors file all of them; another file is named as neither', async () => {
    const apart = file('apart.ndjson');
    const errors = file('apart.errors.ndjson');
    expect(await runScoreCommand(['--in', file('in.ndjson'), '--out', apart, '--errors', errors, '--suggestions', '0'], captureIo().io)).toBe(3);
    expect((await verify(apart, '--manifest', `${apart}.run.json`)).code).toBe(0);
    const e = await verify(errors, '--manifest', `${apart}.run.json`);
    expect(e.out).toMatch(/matches the run manifest .*: the bytes the run wrote, 0 decision\(s\) and 1 error line\(s\)/);
    // An error line moved into the output is one the run did not write there.
    writeFileSync(apart, `${readFileSync(apart, 'utf8')}${readFileSync(errors, 'utf8')}`);
    const moved = await verify(apart, '--manifest', `${apart}.run.json`);
    expect(moved.code).toBe(3);
    expect(moved.out).toMatch(/it holds 1 error line\(s\), the run recorded 0 in this file \(its error lines went to .*apart\.errors\.ndjson\)/);
    const other = await verify(out, '--manifest', `${apart}.run.json`);
    expect(other.code).toBe(3);
    expect(other.out).toMatch(/is neither the output .*apart\.ndjson.* nor the errors file .* of the run/);
  });
});
