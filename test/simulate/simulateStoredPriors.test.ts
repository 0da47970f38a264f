import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { createScorer, type BatchResult, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { formatPath } from '../../src/errors/validationError.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { segmentsOf } from '../../src/simulate/bookSegments.js';
import { decisionFacts } from '../../src/simulate/decisionFacts.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation, type SimulationArm, type SimulationRecordError } from '../../src/simulate/runSimulation.js';
import { createSimulationAccumulator, type SimulationSummary } from '../../src/simulate/simulationAccumulator.js';
import { STORED_PRIOR_REFUSALS, type StoredPriorRefusal } from '../../src/simulate/storedPrior.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

// The lender's book carries each customer's latest sealed decision, made under an older policy (a
// 15,000 RMB lender cap): the line on file is that decision's, not what the baseline would decide
// today. The baseline is the default policy; the candidate a tighter PD knock-out and lower margin.
const olderPolicy = { limits: { productMax: 2_000_000, lenderCapPerBorrower: 1_500_000 } };
const candidatePolicy = { pricing: { margin: 0.05 }, knockouts: { declinePdAbove: 0.12 } };
const book: Applicant[] = generatePopulation({ size: 36, seed: 23, asOf: '2026-10-01' }).map((r) => r.applicant);
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

let onFile: Scorer;
let baseline: Scorer;
let candidate: Scorer;
/** Per record: the stored prior (as read from a file), a prior dated after the record, and what each side gives. */
let fixtures: {
  stored: Decision;
  later: Decision | undefined;
  fresh: Decision;
  fromStored: { baseline: Decision; candidate: Decision };
  fromFresh: { baseline: Decision; candidate: Decision };
}[];

beforeAll(async () => {
  onFile = await createScorer({ policyOverrides: olderPolicy, suggestionsPerDecision: 0 });
  baseline = await createScorer({ suggestionsPerDecision: 0 });
  candidate = await createScorer({ policyOverrides: candidatePolicy, suggestionsPerDecision: 0 });
  const decided = (rs: readonly BatchResult[]) => rs.map((r) => (r.ok ? json(r.decision) : undefined));
  const stored = decided(await onFile.decideBatch(book));
  const later = decided(await onFile.safeDecideBatch(book.map((a) => ({ ...a, asOf: '2026-11-20' }))));
  const fresh = decided(await baseline.decideBatch(book));
  fixtures = [];
  for (const [i, applicant] of book.entries()) {
    const s = stored[i] as Decision;
    const f = fresh[i] as Decision;
    const update = { applicant, evidence: [] };
    fixtures.push({
      stored: s,
      later: later[i],
      fresh: f,
      fromStored: { baseline: await baseline.reassess(s, update), candidate: await candidate.reassess(s, update) },
      fromFresh: { baseline: await baseline.reassess(f, update), candidate: await candidate.reassess(f, update) },
    });
  }
}, 60_000);
afterAll(async () => {
  await onFile?.close();
  await baseline?.close();
  await candidate?.close();
});

const arm = (s: Scorer): SimulationArm => ({
  decide: (r, h) => s.safeDecideBatch(r, h === undefined ? {} : { limitHistories: h }),
  reassess: scorerReassessBatch(s),
  assumptions: portfolioAssumptions(s.policy),
});

/** What a record of the book carries beside its applicant. */
const KINDS = ['none', 'stored', 'storedWithItsLedger', 'otherApplicant', 'tampered', 'later', 'otherLedger'] as const;
type Kind = (typeof KINDS)[number];
const REASON: Partial<Record<Kind, { reason: StoredPriorRefusal; path: string }>> = {
  otherApplicant: { reason: 'prior_other_applicant', path: 'prior.applicantId' },
  tampered: { reason: 'prior_unverified', path: 'prior.audit.contentHash' },
  later: { reason: 'prior_after_as_of', path: 'prior.asOf' },
  otherLedger: { reason: 'prior_ledger_differs', path: 'limitHistory' },
};

function recordOf(i: number, kind: Kind): InputRecord {
  const value = book[i] as Applicant;
  const f = fixtures[i] as (typeof fixtures)[number];
  const line = i + 1;
  switch (kind) {
    case 'none':
      return { line, ok: true, value };
    case 'stored':
      return { line, ok: true, value, prior: f.stored };
    case 'storedWithItsLedger':
      return { line, ok: true, value, prior: f.stored, limitHistory: json(f.stored.limitHistory) };
    case 'otherApplicant':
      return { line, ok: true, value, prior: (fixtures[(i + 1) % fixtures.length] as (typeof fixtures)[number]).stored };
    case 'tampered':
      return { line, ok: true, value, prior: { ...f.stored, limit: f.stored.limit + 100_000 } };
    case 'later':
      return { line, ok: true, value, prior: f.later ?? expect.unreachable(`no later prior for line ${line}`) };
    case 'otherLedger':
      return { line, ok: true, value, prior: f.stored, limitHistory: [...f.stored.limitHistory, { asOf: '2026-09-30', from: 100_000, to: 200_000 }] };
  }
}

/**
 * The summary calling reassess directly gives, record by record: a stored prior reassessed on each
 * side as it is, a record without one reassessed from its decision under the baseline, a refused
 * prior in no cell.
 */
function expectedSummary(kinds: readonly Kind[], mode: 'decide' | 'reassess' = 'reassess'): SimulationSummary {
  const acc = createSimulationAccumulator({ baseline: portfolioAssumptions(baseline.policy), candidate: portfolioAssumptions(candidate.policy) }, { mode });
  kinds.forEach((kind, i) => {
    const f = fixtures[i] as (typeof fixtures)[number];
    const refusal = REASON[kind];
    if (refusal !== undefined) return acc.addRefusedPrior(refusal.reason);
    const fromStored = kind !== 'none';
    const { baseline: b, candidate: c } = fromStored ? f.fromStored : f.fromFresh;
    acc.add({
      segments: segmentsOf(parseApplicant(book[i])),
      baseline: decisionFacts(b),
      candidate: decisionFacts(c),
      prior: decisionFacts(fromStored ? f.stored : f.fresh),
      priorSource: fromStored ? 'stored' : 'baseline_decide',
    });
  });
  return acc.finish();
}

async function simulate(kinds: readonly Kind[], arms: { baseline: SimulationArm; candidate: SimulationArm }, chunkSize: number) {
  const errors: SimulationRecordError[] = [];
  const flips: string[] = [];
  const result = await runSimulation({
    records: kinds.map((k, i) => recordOf(i, k)),
    ...arms,
    mode: 'reassess',
    chunkSize,
    onError: (e) => void errors.push(e),
    onFlip: (f) => void flips.push(`${f.line}:${f.baseline}>${f.candidate}`),
  });
  return { result, errors, flips };
}

/** Each record's kind, with `later` only where the applicant could be decided on the later date. */
const kindsArb = fc
  .array(fc.constantFrom(...KINDS), { minLength: book.length, maxLength: book.length })
  .map((ks) => ks.map((k, i) => (k === 'later' && fixtures[i]?.later === undefined ? 'stored' : k)));

function checkLaw(kinds: readonly Kind[], got: Awaited<ReturnType<typeof simulate>>): void {
  const { result, errors, flips } = got;
  const s = result.summary;
  // The law: every record with a stored prior is in the cell (and counted with the figures) that
  // calling reassess(prior, record) on each side gives; summaries are compared byte for byte.
  expect(JSON.stringify(s), 'the summary equals reassessing record by record').toBe(JSON.stringify(expectedSummary(kinds)));
  const expectedFlips = kinds.flatMap((k, i) => {
    if (REASON[k] !== undefined) return [];
    const f = fixtures[i] as (typeof fixtures)[number];
    const { baseline: b, candidate: c } = k === 'none' ? f.fromFresh : f.fromStored;
    return b.outcome === c.outcome ? [] : [`${i + 1}:${b.outcome}>${c.outcome}`];
  });
  expect(flips, 'flips record by record').toEqual(expectedFlips);
  // Each refusal is the record's own, with its reason and the field at fault; the others decided.
  expect(errors.map((e) => [e.line, e.arm, e.reason, e.error.issues?.map((x) => formatPath(x.path))[0]])).toEqual(
    kinds.flatMap((k, i) => {
      const r = REASON[k];
      return r === undefined ? [] : [[i + 1, 'prior', r.reason, r.path]];
    }),
  );
  const count = (pred: (k: Kind) => boolean) => kinds.filter(pred).length;
  expect(s.priors).toEqual({
    fromStored: count((k) => k === 'stored' || k === 'storedWithItsLedger'),
    fromBaselineDecide: count((k) => k === 'none'),
    refused: Object.fromEntries(STORED_PRIOR_REFUSALS.map((r) => [r, count((k) => REASON[k]?.reason === r)])),
    unread: 0,
  });
  expect(s.priors.fromStored + s.priors.fromBaselineDecide).toBe(s.decided);
  expect(result.errors).toBe(Object.values(s.priors.refused).reduce((t, n) => t + n, 0));
}

describe('simulate --mode reassess reassesses from the decision the book stores with each record (adoption: a lender tests a policy change on its book)', () => {
  it('law: for every record with a stored prior, the outcome equals scorer.reassess(prior, record) on each side; a bad prior is refused by record, by reason (in process)', async () => {
    await fc.assert(
      fc.asyncProperty(kindsArb, fc.integer({ min: 1, max: 40 }), async (kinds, chunkSize) => {
        checkLaw(kinds, await simulate(kinds, { baseline: arm(baseline), candidate: arm(candidate) }, chunkSize));
      }),
      { seed: 20_261_128, numRuns: 12 },
    );
  }, 120_000);

  it('the stored prior is what is reassessed: a book of stored priors gives other figures than the same book reassessed from the baseline decide', async () => {
    const all = book.map(() => 'stored' as const);
    const none = book.map(() => 'none' as const);
    const [stored, fresh] = [
      await simulate(all, { baseline: arm(baseline), candidate: arm(candidate) }, 16),
      await simulate(none, { baseline: arm(baseline), candidate: arm(candidate) }, 16),
    ];
    expect(stored.result.summary.paths).toEqual({ mode: 'reassess', baseline: 'reassess', candidate: 'reassess', prior: 'stored' });
    expect(fresh.result.summary.paths).toEqual({ mode: 'reassess', baseline: 'reassess', candidate: 'reassess', prior: 'baseline_decide' });
    // The older policy's lower lines are the lines on file: the stored priors raise more of them.
    expect(stored.result.summary.lineActions.prior).not.toEqual(fresh.result.summary.lineActions.prior);
    expect(stored.result.summary.lineActions.baseline.raised.lines).toBeGreaterThan(fresh.result.summary.lineActions.baseline.raised.lines);
    // A book without priors is reassessed as before this change: today's behaviour, counted.
    expect(fresh.result.summary.priors).toMatchObject({ fromStored: 0, fromBaselineDecide: book.length, unread: 0 });
    const mixed = book.map((_, i) => (i % 2 === 0 ? 'stored' : 'none') as Kind);
    expect((await simulate(mixed, { baseline: arm(baseline), candidate: arm(candidate) }, 7)).result.summary.paths.prior).toBe('stored_or_baseline_decide');
  }, 60_000);

  it("a prior that names every fault: another applicant's is refused at applicantId and subjectHash, a changed one at the seal, a signed one under another key at the signature", async () => {
    const other = recordOf(0, 'otherApplicant');
    const got = await simulate(['otherApplicant'], { baseline: arm(baseline), candidate: arm(candidate) }, 4);
    expect(got.errors[0]?.error.code).toBe('prior_invalid');
    expect(got.errors[0]?.error.issues?.map((i) => formatPath(i.path))).toEqual(['prior.applicantId', 'prior.audit.subjectHash']);
    expect(other.ok && other.value).toBe(book[0]);
    const key = 'the lender signing key, thirty-two bytes or more';
    const signedOnFile = await createScorer({ policyOverrides: olderPolicy, signingKey: key, suggestionsPerDecision: 0 });
    const strangerOnFile = await createScorer({
      policyOverrides: olderPolicy,
      signingKey: 'another signing key, thirty-two bytes or more',
      suggestionsPerDecision: 0,
    });
    const signedBaseline = await createScorer({ signingKey: key, suggestionsPerDecision: 0 });
    const signedCandidate = await createScorer({ policyOverrides: candidatePolicy, signingKey: key, suggestionsPerDecision: 0 });
    try {
      const applicants = book.slice(0, 3);
      const priors = [
        await signedOnFile.decide(applicants[0] as Applicant),
        await strangerOnFile.decide(applicants[1] as Applicant),
        (fixtures[2] as (typeof fixtures)[number]).stored,
      ];
      const errors: SimulationRecordError[] = [];
      const result = await runSimulation({
        records: applicants.map((value, i) => ({ line: i + 1, ok: true, value, prior: json(priors[i]) })),
        baseline: arm(signedBaseline),
        candidate: arm(signedCandidate),
        mode: 'reassess',
        priorKeys: { signingKey: key },
        onError: (e) => void errors.push(e),
      });
      expect(result.summary.priors.fromStored).toBe(1);
      // Signed under another key, and unsigned where the lender signs: neither verifies.
      expect(errors.map((e) => [e.line, e.reason, e.error.issues?.map((i) => formatPath(i.path))])).toEqual([
        [2, 'prior_unverified', ['prior.audit.signature']],
        [3, 'prior_unverified', ['prior.audit.signature']],
      ]);
      const direct = await signedCandidate.reassess(priors[0] as Decision, { applicant: applicants[0] as Applicant, evidence: [] });
      expect(result.summary.totals.candidate.outcomes[direct.outcome]).toBe(1);
    } finally {
      await Promise.all([signedOnFile, strangerOnFile, signedBaseline, signedCandidate].map((s) => s.close()));
    }
  }, 60_000);

  it('decide mode does not read a stored prior: warned (counted unread), not refused, and each side decides the record as it would without one', async () => {
    const kinds = book.map((_, i) => (i % 3 === 0 ? 'tampered' : i % 3 === 1 ? 'stored' : 'none') as Kind);
    const run = (records: InputRecord[]) => runSimulation({ records, baseline: arm(baseline), candidate: arm(candidate), chunkSize: 10 });
    const withPriors = await run(kinds.map((k, i) => recordOf(i, k)));
    const without = await run(kinds.map((_, i) => recordOf(i, 'none')));
    expect(withPriors.errors).toBe(0);
    expect(withPriors.summary.priors).toEqual({
      fromStored: 0,
      fromBaselineDecide: 0,
      refused: Object.fromEntries(STORED_PRIOR_REFUSALS.map((r) => [r, 0])),
      unread: kinds.filter((k) => k !== 'none').length,
    });
    const { priors: _p, ...rest } = withPriors.summary;
    const { priors: _q, ...restWithout } = without.summary;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(restWithout));
  }, 60_000);

  it('an input record whose prior is given as undefined (a lookup that found nothing) is refused naming prior, not reassessed from the baseline decide', async () => {
    const errors: SimulationRecordError[] = [];
    const result = await runSimulation({
      records: [{ line: 1, ok: true, value: book[0], prior: undefined } as InputRecord, recordOf(1, 'stored')],
      baseline: arm(baseline),
      candidate: arm(candidate),
      mode: 'reassess',
      onError: (e) => void errors.push(e),
    });
    expect(result.summary.decided).toBe(1);
    expect(errors.map((e) => [e.line, e.arm, e.error.code, e.error.issues?.map((i) => formatPath(i.path))])).toEqual([[1, 'input', 'data_invalid', ['prior']]]);
  });

  it("a record with a stored prior whose applicant is bad: each side's faults named at the applicant's paths in the record, as decide's are", async () => {
    const f = fixtures[0] as (typeof fixtures)[number];
    const bad = { ...(book[0] as Applicant), income: { monthlyNet: -5, source: 'payroll' } };
    const errors: SimulationRecordError[] = [];
    await runSimulation({
      records: [
        { line: 1, ok: true, value: bad, prior: f.stored },
        { line: 2, ok: true, value: bad, prior: f.stored, at: ['applicant'] },
      ],
      baseline: arm(baseline),
      candidate: arm(candidate),
      mode: 'reassess',
      onError: (e) => void errors.push(e),
    });
    expect(errors.map((e) => [e.line, e.arm, e.error.issues?.map((i) => formatPath(i.path))])).toEqual([
      [1, 'both', ['income.monthlyNet']],
      [2, 'both', ['applicant.income.monthlyNet']],
    ]);
  });

  it('refuses priorKeys that are not keys, naming each, before anything is decided', async () => {
    await expect(
      runSimulation({
        records: [],
        baseline: arm(baseline),
        candidate: arm(candidate),
        mode: 'reassess',
        priorKeys: { signingKey: 'short', colour: 1 } as never,
      }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['priorKeys', 'colour'] }), expect.objectContaining({ path: ['priorKeys', 'signingKey'], code: 'invalid_key' })],
    });
  });
});

describe("the law on a pool's safeReassessBatch", () => {
  let pools: ScorerPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });
  it('law: with pools deciding and reassessing, every record with a stored prior is in the cell reassess(prior, record) gives, each refusal by its reason', async () => {
    pools = [
      await createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } }),
      await createScorerPool({ workers: 1, scorer: { policyOverrides: candidatePolicy, suggestionsPerDecision: 0 } }),
    ];
    const poolArm = (p: ScorerPool, s: Scorer): SimulationArm => ({
      decide: (r, h) => p.safeDecideBatch(r, h === undefined ? undefined : { limitHistories: h }),
      reassess: (items) => p.safeReassessBatch(items),
      assumptions: portfolioAssumptions(s.policy),
    });
    const [b, c] = pools as [ScorerPool, ScorerPool];
    await fc.assert(
      fc.asyncProperty(kindsArb, fc.integer({ min: 3, max: 40 }), async (kinds, chunkSize) => {
        checkLaw(kinds, await simulate(kinds, { baseline: poolArm(b, baseline), candidate: poolArm(c, candidate) }, chunkSize));
      }),
      { seed: 20_261_129, numRuns: 3 },
    );
  }, 180_000);
});
