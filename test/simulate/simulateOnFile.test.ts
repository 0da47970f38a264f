// A book record in `simulate --mode reassess` carries what the lender's account system holds for the
// line now (`onFile`: line, selfSetCap, limitHistory), as a reassessment batch item does: a stored
// decision the customer superseded (a reduction after it) is refused for that record, never
// reassessed as if the line were still its own, and the other records go on.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { readCsvRecords } from '../../src/cli/score/readCsvRecords.js';
import { readNdjsonRecords } from '../../src/cli/score/readNdjsonRecords.js';
import { splitLines } from '../../src/cli/score/splitLines.js';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import type { LineOnFile } from '../../src/decision/priorOnFile.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { formatPath } from '../../src/errors/validationError.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation, type SimulationArm, type SimulationFlip, type SimulationRecordError } from '../../src/simulate/runSimulation.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-simulate-onfile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The candidate raises the lender cap: a policy change that would raise lines on reassessment.
const candidatePolicy = { limits: { lenderCapPerBorrower: 3_000_000 } };
const book: Applicant[] = generatePopulation({ size: 8, seed: 47, asOf: '2026-10-01' }).map((r) => r.applicant);
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

let baseline: Scorer;
let candidate: Scorer;
/** Each record's decision as stored. */
let stored: Decision[];
/** The record whose customer lowered the line after its stored decision, and the decision that lowered it. */
let lowered: number;
let reduction: Decision;
/** What the lender holds on file for each line now. */
let onFileNow: LineOnFile[];

const onFileOf = (d: Decision, s: Scorer): LineOnFile => ({
  line: lineOnFileAfter(d, s.policy.limits.roundingStep),
  selfSetCap: d.controls.selfSetCap,
  limitHistory: json(d.limitHistory),
});

beforeAll(async () => {
  baseline = await createScorer({ suggestionsPerDecision: 0 });
  candidate = await createScorer({ policyOverrides: candidatePolicy, suggestionsPerDecision: 0 });
  stored = [];
  for (const a of book) stored.push(json(await baseline.decide(a)));
  lowered = stored.findIndex((d) => d.outcome === 'approve' && d.limit >= 1_000_000);
  expect(lowered, 'the book has a line of 10,000 RMB or more to lower').toBeGreaterThanOrEqual(0);
  // The customer lowers the line to 5,000 RMB after the decision the book stores.
  reduction = json(baseline.requestReduction(stored[lowered] as Decision, 500_000, { asOf: '2026-10-01' }));
  onFileNow = stored.map((d, i) => onFileOf(i === lowered ? reduction : d, baseline));
}, 60_000);
afterAll(async () => {
  await baseline?.close();
  await candidate?.close();
});

const arm = (s: Scorer): SimulationArm => ({
  decide: (r, h) => s.safeDecideBatch(r, h === undefined ? {} : { limitHistories: h }),
  reassess: scorerReassessBatch(s),
  assumptions: portfolioAssumptions(s.policy),
});

async function simulate(records: readonly InputRecord[]) {
  const errors: SimulationRecordError[] = [];
  const flips: SimulationFlip[] = [];
  const result = await runSimulation({
    records,
    baseline: arm(baseline),
    candidate: arm(candidate),
    mode: 'reassess',
    chunkSize: 3,
    onError: (e) => void errors.push(e),
    onFlip: (f) => void flips.push(f),
  });
  return { result, errors, flips };
}

/** The book as records: each with its stored decision, and (withOnFile) the line on file now. */
const recordsOf = (withOnFile: boolean, prior: (i: number) => Decision = (i) => stored[i] as Decision): InputRecord[] =>
  book.map((value, i) => ({ line: i + 1, ok: true, value, prior: prior(i), ...(withOnFile ? { onFile: onFileNow[i] } : {}) }));

describe('simulate --mode reassess: a record carries the line on file (onFile)', () => {
  it('without onFile, the superseded decision is reassessed and the line the customer lowered to 5,000 RMB comes back; with it, that record is refused prior_superseded and the others are reassessed alike', async () => {
    const prior = stored[lowered] as Decision;
    const without = await simulate(recordsOf(false));
    // The defect onFile guards against: the stale prior's line is reassessed above the customer's cap.
    const stale = await candidate.reassess(prior, { applicant: book[lowered] as Applicant, evidence: [] });
    expect(stale.limit).toBeGreaterThan(500_000);
    expect(without.errors).toEqual([]);

    const withOnFile = await simulate(recordsOf(true));
    expect(withOnFile.errors.map((e) => [e.line, e.arm, e.reason, e.error.code, e.error.issues?.map((x) => `${x.code} ${formatPath(x.path)}`)])).toEqual([
      [lowered + 1, 'prior', 'prior_superseded', 'prior_invalid', ['prior_superseded prior.limit', 'prior_superseded prior.controls.selfSetCap']],
    ]);
    expect(withOnFile.errors[0]?.error.message).toContain('5,000');
    expect(withOnFile.result.records).toBe(book.length);
    expect(withOnFile.result.summary.decided).toBe(book.length - 1);
    expect(withOnFile.result.summary.priors.refused.prior_superseded).toBe(1);
    expect(withOnFile.result.summary.priors.fromStored).toBe(book.length - 1);
    // The other records: the same flips as without onFile (their onFile is their own decision's).
    expect(withOnFile.flips).toEqual(without.flips.filter((f) => f.line !== lowered + 1));
  }, 60_000);

  it("with the line's latest decision (the reduction) and its onFile, the record is reassessed and the customer's cap holds on both sides", async () => {
    const latest = await simulate(recordsOf(true, (i) => (i === lowered ? reduction : (stored[i] as Decision))));
    expect(latest.errors).toEqual([]);
    expect(latest.result.summary.priors.fromStored).toBe(book.length);
    const direct = await candidate.reassess(reduction, { applicant: book[lowered] as Applicant, evidence: [] }, { onFile: onFileNow[lowered] as LineOnFile });
    expect(direct.limit).toBeLessThanOrEqual(500_000);
  }, 60_000);

  it('a malformed onFile is that record\u2019s error naming onFile.<field>; onFile without a prior is refused, naming prior; the others go on', async () => {
    const records = recordsOf(true);
    const [m, n] = book.map((_, i) => i).filter((i) => i !== lowered) as [number, number];
    records[m] = { ...(records[m] as InputRecord & { ok: true }), onFile: { line: '5000', selfSetCap: null, limitHistory: [] } };
    records[n] = { line: n + 1, ok: true, value: book[n], onFile: onFileNow[n] };
    const got = await simulate(records);
    const expected: [number, string, string | undefined, string[]][] = [
      [m + 1, 'both', undefined, ['onFile.line']],
      [n + 1, 'prior', 'prior_missing', ['prior']],
      [lowered + 1, 'prior', 'prior_superseded', ['prior.limit', 'prior.controls.selfSetCap']],
    ];
    expect(got.errors.map((e) => [e.line, e.arm, e.reason, e.error.issues?.map((x) => formatPath(x.path))])).toEqual(expected.sort((a, b) => a[0] - b[0]));
    expect(got.result.summary.decided).toBe(book.length - 3);
    expect(got.result.summary.priors.refused.prior_missing).toBe(1);
  }, 60_000);
});

describe('simulate --mode decide with onFile', () => {
  it('does not read onFile: a record carrying one (with or without a prior) is counted unread, not dropped without a word', async () => {
    const records = recordsOf(true);
    records[0] = { line: 1, ok: true, value: book[0], onFile: onFileNow[0] };
    records[1] = { line: 2, ok: true, value: book[1] };
    const result = await runSimulation({ records, baseline: arm(baseline), candidate: arm(candidate), mode: 'decide' });
    expect(result.errors).toBe(0);
    expect(result.summary.priors.unread).toBe(book.length - 1);
  }, 60_000);
});

const chunksOf = (text: string) =>
  (async function* () {
    yield text;
  })();
async function read(records: AsyncIterable<InputRecord>): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

function ndjsonBook(): string {
  return `\n${book.map((applicant, i) => JSON.stringify({ applicant, prior: stored[i], onFile: onFileNow[i] })).join('\n')}\n`;
}
/** The CSV book, each row's onFile cell as `cells` gives it (default the JSON of the line on file). */
function csvBook(cells: (i: number) => string = (i) => JSON.stringify(onFileNow[i])): string {
  const keys = [...new Set(book.flatMap((a) => Object.keys(a)))];
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const cellOf = (v: unknown) => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const rows = book.map((a, i) => [...keys.map((k) => cellOf((a as unknown as Record<string, unknown>)[k])), cellOf(stored[i]), cells(i)].map(quote).join(','));
  return `${[...keys, 'prior', 'onFile'].join(',')}\n${rows.join('\n')}\n`;
}

describe('the book readers carry onFile', () => {
  it('an NDJSON record\u2019s onFile key and a CSV onFile column give the same records and the same simulation', async () => {
    const ndjson = await read(readNdjsonRecords(splitLines(chunksOf(ndjsonBook())), { prior: true }));
    const csv = await read(readCsvRecords(chunksOf(csvBook()), { prior: true }));
    expect(ndjson.map((r) => r.ok && r.onFile)).toEqual(onFileNow);
    expect(csv.map((r) => (r.ok ? r.onFile : 'refused'))).toEqual(ndjson.map((r) => (r.ok ? r.onFile : 'refused')));
    const [a, b] = [await simulate(ndjson), await simulate(csv)];
    expect(a.errors.map((e) => [e.line, e.reason])).toEqual([[lowered + 2, 'prior_superseded']]);
    expect(b.errors).toEqual(a.errors);
    expect(b.result).toEqual(a.result);
  }, 60_000);

  it('a reader for another command refuses onFile by name (score would drop it): the NDJSON key and a filled CSV cell', async () => {
    const ndjson = await read(readNdjsonRecords(splitLines(chunksOf(JSON.stringify({ applicant: book[0], onFile: onFileNow[0] })))));
    expect(ndjson[0]?.ok === false && ndjson[0].error.issues?.map((i) => [i.code, formatPath(i.path), i.message])).toEqual([
      [
        'unrecognized_key',
        'onFile',
        'unknown key "onFile" beside "applicant" (only "limitHistory" may go with it): the line on file is read by "creditlift simulate" only (--mode reassess checks the stored prior against it); this command would drop it',
      ],
    ]);
    const csv = await read(readCsvRecords(chunksOf(csvBook()), { prior: false }));
    expect(csv.map((r) => (r.ok ? 'ok' : r.error.issues?.map((i) => `${i.code} ${formatPath(i.path)}`)))).toEqual(
      book.map(() => ['unrecognized_key prior', 'unrecognized_key onFile']),
    );
  });

  it('an onFile cell that is not JSON is its row refused naming onFile; an empty cell is a record without one', async () => {
    const text = csvBook((i) => (i === 0 ? '{"line":' : i === 1 ? '' : JSON.stringify(onFileNow[i])));
    const got = await read(readCsvRecords(chunksOf(text), { prior: true }));
    expect(got[0]?.ok === false && got[0].error.issues?.map((i) => `${i.code} ${formatPath(i.path)}`)).toEqual(['invalid_json onFile']);
    expect(got[1]?.ok === true && Object.hasOwn(got[1], 'onFile')).toBe(false);
  });
});

describe('creditlift simulate --mode reassess with onFile', () => {
  it('refuses the superseded record in the errors file (reason prior_superseded) and counts it; --help documents onFile', async () => {
    writeFileSync(join(work, 'book.ndjson'), ndjsonBook());
    writeFileSync(join(work, 'cand.json'), JSON.stringify(candidatePolicy));
    const c = captureIo();
    const code = await runSimulateCommand(
      [...['--book', join(work, 'book.ndjson'), '--candidate-policy', join(work, 'cand.json'), '--mode', 'reassess'], ...['--out', join(work, 'sim.json')]],
      c.io,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(3);
    const sim = JSON.parse(readFileSync(join(work, 'sim.json'), 'utf8'));
    expect(sim.priors.refused.prior_superseded).toBe(1);
    const errors = readFileSync(join(work, 'sim.errors.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(errors.map((e) => [e.line, e.arm, e.reason])).toEqual([[lowered + 2, 'prior', 'prior_superseded']]);
    expect(c.out()).toContain('prior_superseded 1');
    const help = captureIo();
    await runSimulateCommand(['--help'], help.io);
    expect(help.out()).toMatch(/"onFile"/);
    expect(help.out()).toContain('prior_superseded');
  }, 120_000);
});
