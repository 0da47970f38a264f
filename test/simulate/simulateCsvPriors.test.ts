// A CSV book carries each customer's latest sealed decision in a `prior` column (the decision JSON,
// read strictly), as an NDJSON book carries it beside the applicant: `simulate --mode reassess` on
// either reassesses from the decision on file, with the same checks and the same refusals. The law:
// a CSV book and the NDJSON book of the same records give the same results, record by record.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { readCsvRecords } from '../../src/cli/score/readCsvRecords.js';
import { readNdjsonRecords } from '../../src/cli/score/readNdjsonRecords.js';
import { splitLines } from '../../src/cli/score/splitLines.js';
import { createScorer, type BatchResult, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation, type SimulationArm, type SimulationFlip, type SimulationRecordError } from '../../src/simulate/runSimulation.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const key = 'the lender signing key, thirty-two bytes or more';
const olderPolicy = { limits: { productMax: 2_000_000, lenderCapPerBorrower: 1_500_000 } };
const candidatePolicy = { pricing: { margin: 0.05 }, knockouts: { declinePdAbove: 0.12 } };
const book: Applicant[] = generatePopulation({ size: 14, seed: 41, asOf: '2026-10-01' }).map((r) => r.applicant);

let onFile: Scorer;
let baseline: Scorer;
let candidate: Scorer;
/** Per record: its stored decision as the lender's store holds it (JSON text), and one dated after the record. */
let stored: string[];
let later: (string | undefined)[];

beforeAll(async () => {
  onFile = await createScorer({ policyOverrides: olderPolicy, signingKey: key, suggestionsPerDecision: 0 });
  baseline = await createScorer({ signingKey: key, suggestionsPerDecision: 0 });
  candidate = await createScorer({ policyOverrides: candidatePolicy, signingKey: key, suggestionsPerDecision: 0 });
  const text = (rs: readonly BatchResult[]) => rs.map((r) => (r.ok ? JSON.stringify(r.decision) : undefined));
  stored = text(await onFile.decideBatch(book)) as string[];
  later = text(await onFile.safeDecideBatch(book.map((a) => ({ ...a, asOf: '2026-11-20' }))));
}, 60_000);
afterAll(async () => {
  await onFile?.close();
  await baseline?.close();
  await candidate?.close();
});

/** What a record carries beside its applicant: every way a stored decision is used or refused. */
const KINDS = ['none', 'stored', 'storedWithItsLedger', 'otherApplicant', 'tampered', 'later', 'otherLedger', 'repeatedKey'] as const;
type Kind = (typeof KINDS)[number];

/** One record's parts as the lender's store holds them: the applicant, the prior's JSON text (if any) and the ledger's. */
function partsOf(i: number, kind: Kind): { applicant: Applicant; prior?: string; ledger?: string } {
  const applicant = book[i] as Applicant;
  const own = stored[i] as string;
  const decision = JSON.parse(own) as Decision;
  switch (kind) {
    case 'none':
      return { applicant };
    case 'stored':
      return { applicant, prior: own };
    case 'storedWithItsLedger':
      return { applicant, prior: own, ledger: JSON.stringify(decision.limitHistory) };
    case 'otherApplicant':
      return { applicant, prior: stored[(i + 1) % book.length] as string };
    case 'tampered':
      return { applicant, prior: JSON.stringify({ ...decision, limit: decision.limit + 100_000 }) };
    case 'later':
      return { applicant, prior: later[i] ?? expect.unreachable(`no later decision for record ${i}`) };
    case 'otherLedger':
      return { applicant, prior: own, ledger: JSON.stringify([...decision.limitHistory, { asOf: '2026-09-30', from: 100_000, to: 200_000 }]) };
    case 'repeatedKey':
      // A store that wrote the line twice into one object: JSON.parse would keep the last without a word.
      return { applicant, prior: own.replace('{', '{"limit":0,') };
  }
}

/** The NDJSON book: a blank first line (skipped), so its records are numbered as the CSV's rows below the header. */
function ndjsonOf(kinds: readonly Kind[]): string {
  const lines = kinds.map((kind, i) => {
    const p = partsOf(i, kind);
    if (p.prior === undefined && p.ledger === undefined) return JSON.stringify(p.applicant);
    return `{"applicant":${JSON.stringify(p.applicant)}${p.ledger === undefined ? '' : `,"limitHistory":${p.ledger}`}${p.prior === undefined ? '' : `,"prior":${p.prior}`}}`;
  });
  return `\n${lines.join('\n')}\n`;
}

/** The CSV book: one column per top-level applicant key (objects as JSON cells), a `limitHistory` and a `prior` column. */
function csvOf(kinds: readonly Kind[]): string {
  return csvOfParts(kinds.map((kind, i) => partsOf(i, kind)));
}

function csvOfParts(parts: readonly { applicant: Applicant; prior?: string; ledger?: string }[]): string {
  const keys = [...new Set(parts.flatMap((p) => Object.keys(p.applicant)))];
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const cellOf = (v: unknown) => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const rows = parts.map((p) =>
    [...keys.map((k) => cellOf((p.applicant as unknown as Record<string, unknown>)[k])), p.ledger ?? '', p.prior ?? ''].map(quote).join(','),
  );
  return `${[...keys, 'limitHistory', 'prior'].join(',')}\n${rows.join('\n')}\n`;
}

async function read(records: AsyncIterable<InputRecord>): Promise<InputRecord[]> {
  const out: InputRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}
const chunksOf = (text: string) =>
  (async function* () {
    yield text;
  })();
const readNdjson = (text: string) => read(readNdjsonRecords(splitLines(chunksOf(text)), { prior: true }));
const readCsv = (text: string, prior = true) => read(readCsvRecords(chunksOf(text), { prior }));

const arm = (s: Scorer): SimulationArm => ({
  decide: (r, h) => s.safeDecideBatch(r, h === undefined ? {} : { limitHistories: h }),
  reassess: scorerReassessBatch(s),
  assumptions: portfolioAssumptions(s.policy),
});

async function simulate(records: readonly InputRecord[], chunkSize: number) {
  const errors: SimulationRecordError[] = [];
  const flips: SimulationFlip[] = [];
  const result = await runSimulation({
    records,
    baseline: arm(baseline),
    candidate: arm(candidate),
    mode: 'reassess',
    priorKeys: { signingKey: key },
    chunkSize,
    onError: (e) => void errors.push(e),
    onFlip: (f) => void flips.push(f),
  });
  return { result, errors, flips };
}

describe('a CSV book carries the stored decision in a prior column', () => {
  it("reads a prior cell as the record's prior, as the NDJSON reader reads the key; an empty cell is a record without one", async () => {
    const kinds: Kind[] = ['stored', 'none', 'storedWithItsLedger'];
    const csv = await readCsv(csvOf(kinds));
    const ndjson = await readNdjson(ndjsonOf(kinds));
    expect(csv.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(csv.map((r) => r.ok && Object.hasOwn(r, 'prior'))).toEqual([true, false, true]);
    expect(csv.map((r) => (r.ok ? r.prior : 'refused'))).toEqual(ndjson.map((r) => (r.ok ? r.prior : 'refused')));
    expect(csv.map((r) => (r.ok ? r.value : 'refused'))).toEqual(ndjson.map((r) => (r.ok ? r.value : 'refused')));
    expect(csv.map((r) => (r.ok ? r.limitHistory : 'refused'))).toEqual(ndjson.map((r) => (r.ok ? r.limitHistory : 'refused')));
  });

  it('a prior cell that is not JSON, repeats a key or nests too deep is its row refused, naming prior; the other rows read', async () => {
    const cells = ['{"applicantId":', '{"asOf":"2026-01-01","asOf":"2026-02-01"}', `${'['.repeat(200)}${']'.repeat(200)}`, stored[3] as string];
    const got = await readCsv(csvOfParts(cells.map((prior, i) => ({ applicant: book[i] as Applicant, prior }))));
    // The first two segments: a too-deep value is named where it goes too deep, below prior.0.
    expect(got.map((r) => (r.ok ? 'ok' : r.error.issues?.map((i) => `${i.code} ${i.path.slice(0, 2).join('.')}`)))).toEqual([
      ['invalid_json prior'],
      ['duplicate_key prior.asOf'],
      ['too_deep prior.0'],
      'ok',
    ]);
    const first = got[0];
    expect(first?.ok === false && first.error.message).toBe('line 2: prior: the prior cell is not JSON (the sealed decision JSON as score or decide wrote it)');
  });

  it('a reader for another command (score, featurize) refuses a filled prior cell, saying simulate reads it; an empty one is no prior', async () => {
    const got = await readCsv(csvOf(['stored', 'none']), false);
    expect(got[0]?.ok === false && got[0].error.issues).toEqual([
      {
        path: ['prior'],
        code: 'unrecognized_key',
        message: 'a "prior" column (a stored decision) is read by "creditlift simulate" only (--mode reassess reassesses from it); this command would drop it',
      },
    ]);
    expect(got[1]?.ok).toBe(true);
    expect(got[1]?.ok === true && Object.hasOwn(got[1], 'prior')).toBe(false);
  });
});

describe('law: a CSV book and the NDJSON book of the same records simulate alike', () => {
  it('gives the same summary, the same flips and the same errors (line, arm, reason, issues), record by record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...KINDS), { minLength: book.length, maxLength: book.length }),
        fc.integer({ min: 1, max: 6 }),
        async (kinds, chunkSize) => {
          const csvRecords = await readCsv(csvOf(kinds));
          const ndjsonRecords = await readNdjson(ndjsonOf(kinds));
          const fromCsv = await simulate(csvRecords, chunkSize);
          const fromNdjson = await simulate(ndjsonRecords, chunkSize);
          expect(fromCsv.errors).toEqual(fromNdjson.errors);
          expect(fromCsv.flips).toEqual(fromNdjson.flips);
          expect(fromCsv.result).toEqual(fromNdjson.result);
          // The law says something: every record is either in a cell or refused for its own reason.
          const refused = kinds.filter((k) => !['none', 'stored', 'storedWithItsLedger'].includes(k)).length;
          expect(fromCsv.result.errors).toBe(refused);
          expect(fromCsv.result.summary.priors.fromStored + fromCsv.result.summary.priors.fromBaselineDecide).toBe(kinds.length - refused);
          expect(fromCsv.result.summary.priors.fromBaselineDecide).toBe(kinds.filter((k) => k === 'none').length);
        },
      ),
      { seed: 20261001, numRuns: 6 },
    );
  }, 120_000);

  it('every refusal reason is met, with the same issue paths from either book', async () => {
    const kinds: Kind[] = [...KINDS, ...KINDS.slice(0, book.length - KINDS.length)];
    const fromCsv = await simulate(await readCsv(csvOf(kinds)), 4);
    const fromNdjson = await simulate(await readNdjson(ndjsonOf(kinds)), 4);
    const shown = (es: readonly SimulationRecordError[]) => es.map((e) => [e.line, e.arm, e.reason ?? e.error.code, e.error.issues?.[0]?.path.join('.')]);
    expect(shown(fromCsv.errors)).toEqual([
      [5, 'prior', 'prior_other_applicant', 'prior.applicantId'],
      [6, 'prior', 'prior_unverified', 'prior.audit.contentHash'],
      [7, 'prior', 'prior_after_as_of', 'prior.asOf'],
      [8, 'prior', 'prior_ledger_differs', 'limitHistory'],
      [9, 'input', 'data_invalid', 'prior.limit'],
      [13, 'prior', 'prior_other_applicant', 'prior.applicantId'],
      [14, 'prior', 'prior_unverified', 'prior.audit.contentHash'],
      [15, 'prior', 'prior_after_as_of', 'prior.asOf'],
    ]);
    expect(shown(fromNdjson.errors)).toEqual(shown(fromCsv.errors));
  }, 60_000);
});
