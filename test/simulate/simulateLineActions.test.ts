import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { LineAction, type Decision } from '../../src/decision/decision.js';
import type { BookSegments } from '../../src/simulate/bookSegments.js';
import type { DecisionFacts } from '../../src/simulate/decisionFacts.js';
import { LINE_ACTIONS, type LineActionFigures } from '../../src/simulate/lineActions.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { runSimulation, type SimulationRecordError } from '../../src/simulate/runSimulation.js';
import { createSimulationAccumulator } from '../../src/simulate/simulationAccumulator.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

// The tester's candidate (findings19-adoption F2): a lender cap of 15,000 RMB, a product maximum of
// 20,000 RMB, a tighter PD knock-out. On a book of existing customers, `decide` lowers and closes
// lines under it, and `reassess` holds them for review.
const candidatePolicy = { limits: { productMax: 2_000_000, lenderCapPerBorrower: 1_500_000 }, pricing: { margin: 0.05 }, knockouts: { declinePdAbove: 0.12 } };
const book: Applicant[] = generatePopulation({ size: 240, seed: 21, asOf: '2026-10-01' }).map((r) => r.applicant);

let baseline: Scorer;
let candidate: Scorer;
beforeAll(async () => {
  baseline = await createScorer({ suggestionsPerDecision: 0 });
  candidate = await createScorer({ policyOverrides: candidatePolicy, suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await baseline?.close();
  await candidate?.close();
});

const recordsOf = (applicants: readonly Applicant[]): InputRecord[] => applicants.map((value, i) => ({ line: i + 1, ok: true, value }));
const arm = (s: Scorer) => ({
  decide: (r: readonly unknown[]) => s.safeDecideBatch(r),
  reassess: scorerReassessBatch(s),
  assumptions: portfolioAssumptions(s.policy),
});

/** Line-action figures computed by hand from decisions: counts, and the fen each action moves. */
function figuresOf(ds: readonly Decision[]): LineActionFigures {
  const counts = Object.fromEntries(LineAction.options.map((a) => [a, ds.filter((d) => d.lineAction === a).length])) as Record<LineAction, number>;
  const sum = (a: LineAction, f: (d: Decision) => number) => ds.filter((d) => d.lineAction === a).reduce((t, d) => t + f(d), 0);
  return {
    counts,
    raised: { lines: counts.raise, fen: sum('raise', (d) => d.limit - d.previousLimit) },
    lowered: { lines: counts.lower, fen: sum('lower', (d) => d.previousLimit - d.limit) },
    closed: { lines: counts.close, fen: sum('close', (d) => d.previousLimit) },
    held: { lines: counts.hold, fen: sum('hold', (d) => d.limit), aboveGrantable: sum('hold', (d) => d.limit - d.maxGrantable) },
  };
}

function swapOf(bs: readonly Decision[], cs: readonly Decision[]): Record<LineAction, Record<LineAction, number>> {
  const m = Object.fromEntries(LineAction.options.map((a) => [a, Object.fromEntries(LineAction.options.map((b) => [b, 0]))])) as Record<
    LineAction,
    Record<LineAction, number>
  >;
  bs.forEach((b, i) => m[b.lineAction][(cs[i] as Decision).lineAction]++);
  return m;
}

const decided = async (s: Scorer, applicants: readonly Applicant[]) =>
  (await s.decideBatch(applicants)).map((r) => (r.ok ? r.decision : expect.unreachable(r.error.message)) as Decision);

describe('simulate counts what each side does with the lines on file (findings19-adoption F2)', () => {
  it('decide mode: the paths say both sides decide, and the line actions, their fen and the line-action swap equal decide record by record', async () => {
    const result = await runSimulation({ records: recordsOf(book), baseline: arm(baseline), candidate: arm(candidate), chunkSize: 50 });
    const s = result.summary;
    expect(s.paths).toEqual({ mode: 'decide', baseline: 'decide', candidate: 'decide', prior: null });
    const [bs, cs] = [await decided(baseline, book), await decided(candidate, book)];
    expect(s.lineActions.baseline).toEqual(figuresOf(bs));
    expect(s.lineActions.candidate).toEqual(figuresOf(cs));
    expect(s.lineActions.swap).toEqual(swapOf(bs, cs));
    expect(s.lineActions.prior).toBeNull();
    // The finding: lines the candidate lowers hide in approve -> approve.
    expect(s.lineActions.candidate.lowered.lines).toBeGreaterThan(s.lineActions.baseline.lowered.lines);
    expect(s.lineActions.candidate.lowered.fen).toBeGreaterThan(0);
    expect(s.lineActions.swap.raise.lower + s.lineActions.swap.keep.lower).toBeGreaterThan(0);
    // Every decided record is in one cell of each side's counts and of the swap.
    for (const side of ['baseline', 'candidate'] as const) expect(LINE_ACTIONS.reduce((t, a) => t + s.lineActions[side].counts[a], 0)).toBe(s.decided);
    expect(LINE_ACTIONS.flatMap((a) => LINE_ACTIONS.map((b) => s.lineActions.swap[a][b])).reduce((t, n) => t + n, 0)).toBe(s.decided);
  });

  it("reassess mode equals calling reassess record by record: the baseline's decision is the prior both sides reassess with no new evidence", async () => {
    const flips: string[] = [];
    const result = await runSimulation({
      records: recordsOf(book),
      baseline: arm(baseline),
      candidate: arm(candidate),
      mode: 'reassess',
      chunkSize: 64,
      onFlip: (f) => void flips.push(`${f.applicantId}:${f.baseline}>${f.candidate}`),
    });
    const s = result.summary;
    expect(s.paths).toEqual({ mode: 'reassess', baseline: 'reassess', candidate: 'reassess', prior: 'baseline_decide' });
    const priors = await decided(baseline, book);
    const bs: Decision[] = [];
    const cs: Decision[] = [];
    for (const [i, prior] of priors.entries()) {
      bs.push(await baseline.reassess(prior, { applicant: book[i] as Applicant, evidence: [] }));
      cs.push(await candidate.reassess(prior, { applicant: book[i] as Applicant, evidence: [] }));
    }
    expect(s.decided).toBe(book.length);
    for (const b of ['approve', 'refer', 'decline'] as const)
      for (const c of ['approve', 'refer', 'decline'] as const)
        expect(s.swapSet.counts[b][c], `${b} -> ${c}`).toBe(bs.filter((x, i) => x.outcome === b && (cs[i] as Decision).outcome === c).length);
    expect(s.totals.baseline.totalLimit).toBe(bs.filter((d) => d.outcome === 'approve').reduce((t, d) => t + d.limit, 0));
    expect(s.totals.candidate.totalLimit).toBe(cs.filter((d) => d.outcome === 'approve').reduce((t, d) => t + d.limit, 0));
    expect(s.lineActions.baseline).toEqual(figuresOf(bs));
    expect(s.lineActions.candidate).toEqual(figuresOf(cs));
    expect(s.lineActions.swap).toEqual(swapOf(bs, cs));
    expect(s.lineActions.prior).toEqual(figuresOf(priors));
    expect(flips).toEqual(
      bs.flatMap((b, i) => (b.outcome === (cs[i] as Decision).outcome ? [] : [`${b.applicantId}:${b.outcome}>${(cs[i] as Decision).outcome}`])),
    );
    // The interactive path never lowers a line automatically: what decide lowers, reassess holds.
    expect(s.lineActions.candidate.counts.lower + s.lineActions.candidate.counts.close).toBe(0);
    expect(s.lineActions.candidate.held.lines).toBeGreaterThan(s.lineActions.baseline.held.lines);
    expect(s.lineActions.candidate.held.aboveGrantable).toBeGreaterThan(0);
  });

  it("reassess mode: a record the baseline refuses has no prior, and is in the errors stream as the prior's, never in a cell", async () => {
    const errors: SimulationRecordError[] = [];
    const bad = { ...book[0], income: { monthlyNet: -5, source: 'payroll' } };
    const result = await runSimulation({
      records: [...recordsOf(book.slice(0, 3)), { line: 4, ok: true, value: bad }],
      baseline: arm(baseline),
      candidate: arm(candidate),
      mode: 'reassess',
      onError: (e) => void errors.push(e),
    });
    expect(result.summary.decided).toBe(3);
    expect(errors.map((e) => [e.line, e.arm, e.error.code])).toEqual([[4, 'prior', 'validation_failed']]);
  });

  it('refuses reassess mode without a reassess function on each side, naming each, and an unknown mode', async () => {
    const plain = (s: Scorer) => ({ decide: (r: readonly unknown[]) => s.safeDecideBatch(r), assumptions: portfolioAssumptions(s.policy) });
    await expect(runSimulation({ records: [], baseline: plain(baseline), candidate: plain(candidate), mode: 'reassess' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['baseline', 'reassess'] }), expect.objectContaining({ path: ['candidate', 'reassess'] })],
    });
    await expect(runSimulation({ records: [], baseline: plain(baseline), candidate: plain(candidate), mode: 'review' as 'decide' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['mode'], code: 'invalid_value' })],
    });
  });

  it('scorerReassessBatch refuses what is not a scorer at once, and a batch that is not an array, each with a ValidationError', async () => {
    for (const bad of [null, 42, {}, { reassess: 'x' }])
      expect(() => scorerReassessBatch(bad as never)).toThrow(expect.objectContaining({ subject: 'scorerReassessBatch' }));
    await expect(scorerReassessBatch(baseline)('items' as never)).rejects.toMatchObject({ subject: 'reassessBatch input' });
  });

  it('the same book shuffled gives the same summary in reassess mode', async () => {
    const shuffled = [...book].reverse();
    shuffled.push(...shuffled.splice(0, 70));
    const [a, b] = [
      await runSimulation({ records: recordsOf(book.slice(0, 120)), baseline: arm(baseline), candidate: arm(candidate), mode: 'reassess', chunkSize: 32 }),
      await runSimulation({
        records: recordsOf(shuffled.filter((x) => book.indexOf(x) < 120)),
        baseline: arm(baseline),
        candidate: arm(candidate),
        mode: 'reassess',
        chunkSize: 17,
      }),
    ];
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
  });
});

const segments: BookSegments = {
  employmentType: 'salaried',
  cityTier: 'tier 2',
  region: 'east',
  ageBand: '25-34',
  bureauFile: 'no bureau file',
  certificates: 'no certificates',
};
const factsArb: fc.Arbitrary<DecisionFacts> = fc
  .record({
    lineAction: fc.constantFrom(...LineAction.options),
    previousLimit: fc.integer({ min: 0, max: 20_000_000 }),
    limit: fc.integer({ min: 0, max: 20_000_000 }),
    maxGrantable: fc.integer({ min: 0, max: 20_000_000 }),
  })
  .map((x) => ({
    outcome: x.lineAction === 'close' || x.lineAction === 'none' ? 'decline' : x.lineAction === 'hold' || x.lineAction === 'review' ? 'refer' : 'approve',
    limit: x.lineAction === 'close' || x.lineAction === 'none' ? 0 : x.limit,
    previousLimit: x.previousLimit,
    lineAction: x.lineAction,
    maxGrantable: Math.min(x.maxGrantable, x.limit),
    apr: 0.18,
    pd: 0.03,
    bindingConstraint: 'risk',
    comprehensiveCost: 0.18,
    highestPlanCost: 0.18,
    arm: null,
  }));

describe('line-action figures do not depend on the order of the book (law)', () => {
  it('any book and any shuffle of it give the same line-action counts, fen and swap, in both modes', () => {
    const a = { lgd: 0.85, utilisation: 0.5 };
    const summarise = (records: readonly { baseline: DecisionFacts; candidate: DecisionFacts; prior: DecisionFacts }[], mode: 'decide' | 'reassess') => {
      const acc = createSimulationAccumulator({ baseline: a, candidate: a }, { mode });
      for (const r of records) acc.add({ segments, baseline: r.baseline, candidate: r.candidate, ...(mode === 'reassess' ? { prior: r.prior } : {}) });
      return acc.finish();
    };
    fc.assert(
      fc.property(
        fc.array(fc.record({ baseline: factsArb, candidate: factsArb, prior: factsArb }), { maxLength: 40 }),
        fc.integer(),
        fc.constantFrom('decide' as const, 'reassess' as const),
        (records, seed, mode) => {
          const shuffled = fc.sample(fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }), {
            seed,
            numRuns: 1,
          })[0] as typeof records;
          const [x, y] = [summarise(records, mode), summarise(shuffled, mode)];
          expect(y.lineActions, 'line actions of the shuffled book').toEqual(x.lineActions);
          expect(JSON.stringify(y)).toBe(JSON.stringify(x));
          // The fen each action moves is the sum of its own records' moves, whatever the order.
          const lowered = records.filter((r) => r.candidate.lineAction === 'lower').reduce((t, r) => t + r.candidate.previousLimit - r.candidate.limit, 0);
          expect(x.lineActions.candidate.lowered.fen).toBe(lowered);
        },
      ),
      { seed: 19_2, numRuns: 60 },
    );
  });
});
