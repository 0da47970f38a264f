import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { readNdjsonRecords } from '../../src/cli/score/readNdjsonRecords.js';
import { readRecordEnvelope } from '../../src/cli/score/recordEnvelope.js';
import { splitLines } from '../../src/cli/score/splitLines.js';
import { runSimulateCommand } from '../../src/cli/simulateCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation } from '../../src/simulate/runSimulation.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { captureIo } from '../cli/fakeDecider.js';
import { fingerprint, keyFingerprints } from '../../src/cli/keyFingerprints.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-simulate-priors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A lender who signs its decisions, testing a tighter PD knock-out on its book: each customer's
// line is the one its latest decision (under an older 15,000 RMB lender cap) left on file.
const key = 'the lender signing key, thirty-two bytes or more';
const olderPolicy = { limits: { productMax: 2_000_000, lenderCapPerBorrower: 1_500_000 } };
const candidatePolicy = { knockouts: { declinePdAbove: 0.12 } };
const book: Applicant[] = generatePopulation({ size: 30, seed: 31, asOf: '2026-10-01' }).map((r) => r.applicant);
let priors: Decision[];
let onFile: Scorer;

/** The book's lines: most carry their stored decision, two carry none, one a changed decision, one another customer's, one its own ledger beside it. */
function bookLines(): string[] {
  return book.map((applicant, i) => {
    const prior = priors[i] as Decision;
    if (i === 3 || i === 4) return JSON.stringify(applicant);
    if (i === 7) return JSON.stringify({ applicant, prior: { ...prior, limit: prior.limit + 500_000 } });
    if (i === 9) return JSON.stringify({ applicant, prior: priors[10] });
    if (i === 12) return JSON.stringify({ applicant, prior, limitHistory: prior.limitHistory });
    return JSON.stringify({ applicant, prior });
  });
}

/**
 * The same book as CSV, as a lender's export holds it: one column per top-level applicant key
 * (objects as JSON cells), the ledger in `limitHistory` and the sealed decision JSON in `prior`
 * (empty where the record carries none).
 */
function bookCsv(): string {
  const records = bookLines().map((l) => JSON.parse(l) as Record<string, unknown>);
  const parts = records.map((r) =>
    Object.hasOwn(r, 'applicant')
      ? { applicant: r.applicant as Record<string, unknown>, ledger: r.limitHistory, prior: r.prior }
      : { applicant: r, ledger: undefined, prior: undefined },
  );
  const keys = [...new Set(parts.flatMap((p) => Object.keys(p.applicant)))];
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const cellOf = (v: unknown) => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const rows = parts.map((p) => [...keys.map((k) => cellOf(p.applicant[k])), cellOf(p.ledger), cellOf(p.prior)].map(quote).join(','));
  return `${[...keys, 'limitHistory', 'prior'].join(',')}\n${rows.join('\n')}\n`;
}

beforeAll(async () => {
  onFile = await createScorer({ policyOverrides: olderPolicy, signingKey: key });
  priors = [];
  for (const a of book) priors.push(JSON.parse(JSON.stringify(await onFile.decide(a))) as Decision);
  writeFileSync(join(work, 'book.ndjson'), `${bookLines().join('\n')}\n`);
  // A blank first line (skipped): its records are numbered as the CSV's rows below the header.
  writeFileSync(join(work, 'aligned.ndjson'), `\n${bookLines().join('\n')}\n`);
  writeFileSync(join(work, 'book.csv'), bookCsv());
  writeFileSync(join(work, 'key'), `${key}\n`);
  writeFileSync(join(work, 'key2'), 'the signing key after the rotation, 32+ bytes\n');
  writeFileSync(join(work, 'pkey'), 'the personal-data key, thirty-two bytes or more\n');
  writeFileSync(join(work, 'cand.json'), JSON.stringify(candidatePolicy));
}, 60_000);
afterAll(async () => {
  await onFile?.close();
});

const readErrors = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));

describe('creditlift simulate --mode reassess with the decisions the lender holds on file', () => {
  it('reassesses each record from its stored decision, verified under --signing-key-file; a bad one is refused by line and reason; the summary equals runSimulation in process', async () => {
    const c = captureIo();
    const code = await runSimulateCommand(
      [
        ...['--book', join(work, 'book.ndjson'), '--candidate-policy', join(work, 'cand.json'), '--mode', 'reassess'],
        ...['--signing-key-file', join(work, 'key'), '--out', join(work, 'sim.json'), '--html', join(work, 'sim.html'), '--batch', '8'],
      ],
      c.io,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(3);
    const sim = JSON.parse(readFileSync(join(work, 'sim.json'), 'utf8'));
    expect(sim.paths).toEqual({ mode: 'reassess', baseline: 'reassess', candidate: 'reassess', prior: 'stored_or_baseline_decide' });
    expect(sim.priors).toEqual({
      fromStored: 26,
      fromBaselineDecide: 2,
      refused: { prior_unverified: 1, prior_other_applicant: 1, prior_after_as_of: 0, prior_ledger_differs: 0, prior_superseded: 0, prior_missing: 0 },
      unread: 0,
    });
    expect(
      readErrors(join(work, 'sim.errors.ndjson')).map((e) => [e.line, e.arm, e.reason, e.error.issues.map((i: { path: unknown[] }) => i.path.join('.'))]),
    ).toEqual([
      [8, 'prior', 'prior_unverified', ['prior.audit.contentHash', 'prior.audit.signature']],
      [10, 'prior', 'prior_other_applicant', ['prior.applicantId', 'prior.audit.subjectHash']],
    ]);
    expect(c.out()).toContain(
      `priors: 26 record(s) reassessed from the decision stored with them (prior), 2 from the record decided under the baseline (they carry none); 2 refused for their stored decision (prior_unverified 1, prior_other_applicant 1), in ${join(work, 'sim.errors.ndjson')}\n`,
    );
    expect(c.out()).toMatch(
      /^paths: both sides reassess each record from the decision stored with it \(prior, its seal verified\) or, where it carries none, from the record decided under the baseline/m,
    );
    expect(c.out()).toMatch(/^prior \(stored with each record, or decided under the baseline\) line actions: /m);
    const html = readFileSync(join(work, 'sim.html'), 'utf8');
    expect(html).toContain(
      'Paths: baseline reassess, candidate reassess, each from the decision stored with the record, or the record decided under the baseline',
    );
    expect(html).toContain('data-priors="stored_or_baseline_decide"');
    expect(html).toContain('26 record(s) reassessed from the decision stored with them (prior), 2 from the record decided under the baseline');
    expect(html).toContain('<th>prior (stored with each record, or decided under the baseline)</th>');
    // The same book in process, the sides signing under the lender's key: the same summary.
    const baseline = await createScorer({ signingKey: key, suggestionsPerDecision: 0 });
    const candidate = await createScorer({ policyOverrides: candidatePolicy, signingKey: key, suggestionsPerDecision: 0 });
    try {
      const records: InputRecord[] = [];
      for await (const r of readNdjsonRecords(
        splitLines(
          (async function* () {
            yield readFileSync(join(work, 'book.ndjson'));
          })(),
        ),
        { prior: true },
      ))
        records.push(r);
      const arm = (s: Scorer) => ({
        decide: (r: readonly unknown[]) => s.safeDecideBatch(r),
        reassess: scorerReassessBatch(s),
        assumptions: portfolioAssumptions(s.policy),
      });
      const inProcess = await runSimulation({ records, baseline: arm(baseline), candidate: arm(candidate), mode: 'reassess', priorKeys: { signingKey: key } });
      const { book: _b, baselineLabel: _bl, candidateLabel: _cl, catalogHash: _ch, provenance: _p, records: _r, errors: _e, interrupted: _i, ...summary } = sim;
      expect(summary).toEqual(JSON.parse(JSON.stringify(inProcess.summary)));
    } finally {
      await baseline.close();
      await candidate.close();
    }
  }, 120_000);

  it('without the signing key no signed decision verifies: every stored prior is refused prior_unverified at its signature, never reassessed unverified', async () => {
    const c = captureIo();
    const code = await runSimulateCommand(['--book', join(work, 'book.ndjson'), '--mode', 'reassess', '--out', join(work, 'nokey.json'), '--overwrite'], c.io);
    expect(code).toBe(3);
    const sim = JSON.parse(readFileSync(join(work, 'nokey.json'), 'utf8'));
    expect(sim.priors).toMatchObject({ fromStored: 0, fromBaselineDecide: 2, refused: { prior_unverified: 28 } });
    expect(sim.paths.prior).toBe('baseline_decide');
    const errors = readErrors(join(work, 'nokey.errors.ndjson'));
    expect(
      errors.every(
        (e) =>
          e.arm === 'prior' && e.reason === 'prior_unverified' && e.error.issues.some((i: { path: unknown[] }) => i.path.join('.') === 'prior.audit.signature'),
      ),
    ).toBe(true);
  }, 120_000);

  it('--mode decide does not read the stored decisions: it warns how many records carry one and decides them afresh (exit 0, nothing refused)', async () => {
    const c = captureIo();
    const code = await runSimulateCommand(['--book', join(work, 'book.ndjson'), '--out', join(work, 'dec.json')], c.io);
    expect(code).toBe(0);
    expect(c.err()).toBe(
      'warning: 28 record(s) of book.ndjson carry a stored decision (prior) or the line on file (onFile), which --mode decide does not read or verify: each side decided them afresh (their step-limit ledger from limitHistory alone); --mode reassess reassesses from the stored decision\n',
    );
    const sim = JSON.parse(readFileSync(join(work, 'dec.json'), 'utf8'));
    expect(sim.priors.unread).toBe(28);
    expect(sim.decided).toBe(30);
  }, 120_000);

  it('a CSV book carries the stored decision in a prior column: the same summary, flips and errors as the NDJSON book, record by record', async () => {
    const run = async (bookFile: string, out: string) => {
      const c = captureIo();
      const code = await runSimulateCommand(
        [
          ...['--book', join(work, bookFile), '--candidate-policy', join(work, 'cand.json'), '--mode', 'reassess'],
          ...['--signing-key-file', join(work, 'key'), '--out', join(work, out), '--batch', '8', '--overwrite'],
        ],
        c.io,
      );
      return { code, err: c.err(), sim: JSON.parse(readFileSync(join(work, out), 'utf8')) };
    };
    const csv = await run('book.csv', 'csv.json');
    const ndjson = await run('aligned.ndjson', 'aligned.json');
    expect(csv.err).toBe('');
    expect(csv.code).toBe(3);
    expect(csv.code).toBe(ndjson.code);
    expect(csv.sim.priors).toEqual({
      fromStored: 26,
      fromBaselineDecide: 2,
      refused: { prior_unverified: 1, prior_other_applicant: 1, prior_after_as_of: 0, prior_ledger_differs: 0, prior_superseded: 0, prior_missing: 0 },
      unread: 0,
    });
    expect(csv.sim.provenance.book.format).toBe('csv');
    const { book: _b, provenance: _p, ...fromCsv } = csv.sim;
    const { book: _nb, provenance: _np, ...fromNdjson } = ndjson.sim;
    expect(fromCsv).toEqual(fromNdjson);
    expect(readFileSync(join(work, 'csv.errors.ndjson'), 'utf8')).toBe(readFileSync(join(work, 'aligned.errors.ndjson'), 'utf8'));
    expect(readErrors(join(work, 'csv.errors.ndjson')).map((e) => [e.line, e.reason])).toEqual([
      [9, 'prior_unverified'],
      [11, 'prior_other_applicant'],
    ]);
    expect(readFileSync(join(work, 'csv.flips.ndjson'), 'utf8')).toBe(readFileSync(join(work, 'aligned.flips.ndjson'), 'utf8'));
  }, 120_000);

  it("records the fingerprints of the key files the stored priors were verified under in the provenance, as score's manifest names them; another key, another fingerprint", async () => {
    const signedRun = JSON.parse(readFileSync(join(work, 'sim.json'), 'utf8'));
    const scoreWouldRecord = await keyFingerprints({ 'signing-key-file': join(work, 'key') });
    expect(signedRun.provenance.keys).toEqual({ signing: scoreWouldRecord.signing, personalData: null, verification: [] });
    expect(signedRun.provenance.keys.signing).toBe(fingerprint(new TextEncoder().encode(key)));
    const unsignedRun = JSON.parse(readFileSync(join(work, 'nokey.json'), 'utf8'));
    expect(unsignedRun.provenance.keys).toEqual({ signing: null, personalData: null, verification: [] });
    // After a rotation: a new signing key, the old one kept for verifying, and a personal-data key of its own.
    const c = captureIo();
    await runSimulateCommand(
      [
        ...['--book', join(work, 'book.ndjson'), '--mode', 'reassess', '--out', join(work, 'rotated.json'), '--overwrite'],
        ...['--signing-key-file', join(work, 'key2'), '--verification-key-file', join(work, 'key'), '--personal-data-key-file', join(work, 'pkey')],
      ],
      c.io,
    );
    const rotated = JSON.parse(readFileSync(join(work, 'rotated.json'), 'utf8'));
    expect(rotated.provenance.keys).toEqual({
      signing: (await keyFingerprints({ 'signing-key-file': join(work, 'key2') })).signing,
      personalData: (await keyFingerprints({ 'personal-data-key-file': join(work, 'pkey') })).personalData,
      verification: [signedRun.provenance.keys.signing],
    });
    expect(rotated.provenance.keys.signing).not.toBe(signedRun.provenance.keys.signing);
    expect(rotated.provenance.keys.personalData).not.toBeNull();
  }, 120_000);

  it('--verification-key-file without the keys a rotation needs is a usage error naming the options', async () => {
    const c = captureIo();
    expect(
      await runSimulateCommand(
        [
          '--book',
          join(work, 'book.ndjson'),
          '--verification-key-file',
          join(work, 'key'),
          '--signing-key-file',
          join(work, 'key'),
          '--out',
          join(work, 'v.json'),
        ],
        c.io,
      ),
    ).toBe(2);
    expect(c.err()).toContain('--verification-key-file needs --personal-data-key-file');
  });
});

describe('a stored decision beside an applicant is read by simulate only', () => {
  const line = { applicant: { id: 'a' }, prior: { applicantId: 'a' } };
  it('score, decide and featurize (the envelope without prior) refuse the key, saying which command reads it', () => {
    const read = readRecordEnvelope(line);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.issues).toEqual([
      {
        path: ['prior'],
        code: 'unrecognized_key',
        message:
          'unknown key "prior" beside "applicant" (only "limitHistory" may go with it): a stored decision is read by "creditlift simulate" only (--mode reassess reassesses from it); this command would drop it',
      },
    ]);
  });
  it("simulate's reader keeps it with the record, and still refuses any other key", async () => {
    const out: InputRecord[] = [];
    const text = `${JSON.stringify(line)}\n${JSON.stringify({ ...line, prio: 1 })}\n`;
    for await (const r of readNdjsonRecords(
      splitLines(
        (async function* () {
          yield text;
        })(),
      ),
      { prior: true },
    ))
      out.push(r);
    expect(out[0]).toEqual({ line: 1, ok: true, value: line.applicant, prior: line.prior, at: ['applicant'] });
    expect(out[1]?.ok === false && out[1].error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([['prio', 'unrecognized_key']]);
  });
});
