// Outside tester findings17-forensics F1: `score --resume` kept any well-formed answer line of the
// partial output: a decision whose limit was edited (seal broken), a decision of a run under another
// policy (sealed under the same key) and line 10's decision renumbered as line 9 (so applicant
// syn-7-8 was never decided and syn-7-9 answered twice), then recorded the run "finished", exit 0.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDecider } from '../../src/cli/score/batchDecider.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-resume-kept-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);
const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
const lineOf = (text: string) => (JSON.parse(text) as { line: number }).line;

const RECORDS = 24;
let reference: string[];
let otherPolicy: string[];
const run = (out: string, ...extra: string[]) => [
  '--in',
  file('in.ndjson'),
  '--out',
  out,
  '--signing-key-file',
  file('key.txt'),
  '--suggestions',
  '0',
  '--batch',
  '5',
  ...extra,
];

beforeAll(async () => {
  const rows = generatePopulation({ size: RECORDS, seed: 7, asOf: '2026-03-31' });
  writeFileSync(file('in.ndjson'), `${rows.map((r) => JSON.stringify(r.applicant)).join('\n')}\n`);
  writeFileSync(file('key.txt'), 'k'.repeat(48));
  writeFileSync(file('pol2.json'), JSON.stringify({ pricing: { margin: 0.04 } }));
  expect(await runScoreCommand(run(file('ref.ndjson')), captureIo().io)).toBe(0);
  expect(await runScoreCommand(run(file('pol2.ndjson'), '--policy', file('pol2.json')), captureIo().io)).toBe(0);
  reference = lines(file('ref.ndjson'));
  otherPolicy = lines(file('pol2.ndjson'));
}, 120_000);

describe("score --resume keeps only this run's answer for each input line (F1)", () => {
  it("an edited decision, another policy's decision, a renumbered decision and an error line for no record are taken out, named, and their records decided again", async () => {
    const out = file('out.ndjson');
    expect(await runScoreCommand(run(out), captureIo().io)).toBe(0);
    // The run as an interrupted one leaves it: its first 12 answers.
    const partial = lines(out).slice(0, 12);
    const edited = JSON.parse(partial[2] as string);
    edited.decision.limit += 1_000_000;
    partial[2] = JSON.stringify(edited);
    partial[6] = otherPolicy[6] as string;
    const renumbered = JSON.parse(partial[9] as string);
    renumbered.line = 9;
    partial[8] = JSON.stringify(renumbered);
    partial.push('{"line":40,"error":{"code":"validation_failed","message":"Invalid Applicant"}}');
    writeFileSync(out, `${partial.join('\n')}\n`);

    const c = captureIo();
    expect(await runScoreCommand([...run(out), '--resume'], c.io)).toBe(0);
    // Every input line answered once, with the answer an uninterrupted run gives it.
    const got = lines(out).sort((a, b) => lineOf(a) - lineOf(b));
    expect(got.map(lineOf)).toEqual(Array.from({ length: RECORDS }, (_, i) => i + 1));
    expect(got).toEqual(reference);
    const err = c.err();
    expect(err).toMatch(/took 4 lines out of .*out\.ndjson that are not this run's answer/);
    expect(err).toMatch(/line 3 of the file \(input line 3\): its seal does not hold \(audit\.contentHash, audit\.signature\)/);
    expect(err).toMatch(
      /line 7 of the file \(input line 7\): not made by this run's configuration: audit\.policyHash [0-9a-f]{12}\.\.\., the run's [0-9a-f]{12}\.\.\./,
    );
    expect(err).toMatch(/line 9 of the file \(input line 9\): it answers another record than the input's/);
    expect(err).toMatch(/line 13 of the file \(input line 40\): the input has no record at that line/);
    // Not also "missing": they were taken out, and said so once.
    expect(err).not.toMatch(/whose answer line was missing/);
    const status = JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status;
    expect(status).toMatchObject({ state: 'finished', exitCode: 0, decisions: RECORDS, rejected: 0 });
    expect(status.events).toMatchObject({ foreignAnswersRemoved: 4, missingAnswersDecidedAgain: 0 });
  }, 120_000);

  it("a decision signed under another key, or unsigned, is not this run's: a run without a key takes out a signed one", async () => {
    const out = file('nokey.ndjson');
    const args = ['--in', file('in.ndjson'), '--out', out, '--suggestions', '0'];
    expect(await runScoreCommand(args, captureIo().io)).toBe(0);
    const unsigned = lines(out);
    const mixed = unsigned.slice(0, 6);
    mixed[4] = reference[4] as string; // the same applicant, decided under a signing key
    writeFileSync(out, `${mixed.join('\n')}\n`);
    const c = captureIo();
    expect(await runScoreCommand([...args, '--resume'], c.io)).toBe(0);
    expect(c.err()).toMatch(
      /line 5 of the file \(input line 5\): not made by this run's configuration: audit\.hashing hmac-sha256, the run's sha256; signed \(audit\.signature\), the run signed none/,
    );
    expect(lines(out).sort((a, b) => lineOf(a) - lineOf(b))).toEqual(unsigned);
  }, 120_000);
});

// Recheck of the fix (findings18 N1): an error line of another run put in place of a valid record's
// answer was kept (error lines were held only to naming a record), so the record was never decided
// and the run recorded itself finished. The run asks its decider again for every record an error
// line answers and keeps the line only when it is the one this run gives.
describe("score --resume holds error lines to this run's answer too (recheck N1)", () => {
  it("another run's error line in place of a decision is taken out and its record decided; this run's own error lines stay where they are", async () => {
    const bad = file('bad.ndjson');
    const rows = readFileSync(file('in.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    rows[1] = JSON.stringify({ id: 'no-income' });
    writeFileSync(bad, `${rows.join('\n')}\n`);
    const args = ['--in', bad, '--out', file('err-run.ndjson'), '--signing-key-file', file('key.txt'), '--suggestions', '0', '--batch', '5'];
    expect(await runScoreCommand(args, captureIo().io)).toBe(3);
    const whole = lines(file('err-run.ndjson'));
    expect(whole[1]).toMatch(/^\{"line":2,"error":/);
    const partial = whole.slice(0, 10);
    partial[5] = '{"line":6,"error":{"code":"validation_failed","message":"Invalid Applicant: 1 problem(s) at income"}}';
    writeFileSync(file('err-run.ndjson'), `${partial.join('\n')}\n`);
    const c = captureIo();
    expect(await runScoreCommand([...args, '--resume'], c.io)).toBe(3);
    expect(c.err()).toMatch(/line 6 of the file \(input line 6\): an error line, where this run decides the record/);
    const got = lines(file('err-run.ndjson'));
    // This run's own error line (input line 2) was kept in its place; line 6's decision came back.
    expect(got[1]).toBe(whole[1]);
    expect([...got].sort((a, b) => lineOf(a) - lineOf(b))).toEqual(whole);
    const status = JSON.parse(readFileSync(`${file('err-run.ndjson')}.run.json`, 'utf8')).status;
    expect(status.events).toMatchObject({ foreignAnswersRemoved: 1 });
    expect(status).toMatchObject({ state: 'finished', rejected: 1 });
  }, 120_000);
});

describe('score --resume, law (F1)', () => {
  /** `count` records, every 7th invalid (an error line). */
  const book = (count: number) =>
    `${Array.from({ length: count }, (_, i) => JSON.stringify(i % 7 === 3 ? { id: i } : { id: `r${i}`, asOf: FAKE_AS_OF, limit: (i % 5) * 100_000 })).join('\n')}\n`;
  const withDecider = (d: BatchDecider) => ({ openDecider: async () => d });

  it("law: whatever kept decision lines are edited, taken from another model's run or replaced by another line's decision renumbered, the resumed output answers every input line once, with the run's own answer", async () => {
    const count = 30;
    writeFileSync(file('law.ndjson'), book(count));
    const args = (out: string) => ['--in', file('law.ndjson'), '--out', out, '--batch', '4'];
    expect(await runScoreCommand(args(file('law-ref.ndjson')), captureIo().io, withDecider(fakeDecider()))).toBe(3);
    expect(await runScoreCommand(args(file('law-other.ndjson')), captureIo().io, withDecider(fakeDecider({ modelSha256: 'e'.repeat(64) })))).toBe(3);
    const ref = lines(file('law-ref.ndjson'));
    const other = lines(file('law-other.ndjson'));
    const isDecision = (t: string) => t.includes('"decision":');
    let trial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 8, max: count }),
        fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('edit', 'foreign', 'renumber'), from: fc.nat() }), { maxLength: 6 }),
        async (kept, changes) => {
          const partial = ref.slice(0, kept);
          const decisions = partial.map((t, i) => (isDecision(t) ? i : -1)).filter((i) => i >= 0);
          const changed = new Set<number>();
          for (const { at, op, from } of changes) {
            const i = decisions[at % decisions.length] as number;
            if (op === 'edit') partial[i] = (partial[i] as string).replace(/"limit":(\d+)/, (_, l) => `"limit":${Number(l) + 1}`);
            else if (op === 'foreign') partial[i] = other[i] as string;
            else {
              const j = decisions[from % decisions.length] as number;
              if (j === i) continue;
              partial[i] = (ref[j] as string).replace(/^\{"line":\d+/, `{"line":${i + 1}`);
            }
            changed.add(i);
          }
          const out = file(`law-${++trial}.ndjson`);
          writeFileSync(out, `${partial.join('\n')}\n`);
          writeFileSync(`${out}.run.json`, readFileSync(`${file('law-ref.ndjson')}.run.json`, 'utf8').replaceAll(file('law-ref.ndjson'), out));
          const c = captureIo();
          expect(await runScoreCommand([...args(out), '--resume'], c.io, withDecider(fakeDecider()))).toBe(3);
          expect(lines(out).sort((a, b) => lineOf(a) - lineOf(b))).toEqual(ref);
          expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8')).status.events.foreignAnswersRemoved).toBe(changed.size);
        },
      ),
      { seed: 17, numRuns: 40 },
    );
  }, 120_000);
});
