import { differenceInYears, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { runSimulation, type SimulationFlip, type SimulationRecordError } from '../../src/simulate/runSimulation.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { tighterDsrOverrides } from '../helpers/tighterDsrOverrides.js';

/** The default DSR bands, each maximum 0.1 lower: a candidate that tightens affordability. */
const tighterDsr = resolvePolicy(tighterDsrOverrides);

const book: Applicant[] = generatePopulation({ size: 500, seed: 15, asOf: '2026-10-01' }).map((r) => r.applicant);
const outcomes = new Map(generatePopulation({ size: 500, seed: 15, asOf: '2026-10-01' }).map((r) => [r.applicant.id, r.defaulted12m]));

let baseline: Scorer;
let candidate: Scorer;
beforeAll(async () => {
  baseline = await createScorer({ suggestionsPerDecision: 0 });
  candidate = await createScorer({ policy: tighterDsr, suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await baseline?.close();
  await candidate?.close();
});

function records(): InputRecord[] {
  const out: InputRecord[] = book.map((value, i) => ({ line: i + 1, ok: true, value }));
  // One record every arm refuses, one line nobody could read: both must land in the errors stream.
  out.push({ line: 501, ok: true, value: { ...book[0], income: { monthlyNet: -5, source: 'payroll' } } });
  out.push({
    line: 502,
    ok: false,
    error: { code: 'data_invalid', message: 'line 502: not valid JSON', issues: [{ path: [], code: 'invalid_json', message: 'not valid JSON' }] },
  });
  return out;
}

function ageBandOf(a: Applicant): string {
  const age = differenceInYears(parseISO(a.asOf), parseISO(a.birthDate));
  return age < 25 ? '18-24' : age < 35 ? '25-34' : age < 45 ? '35-44' : age < 55 ? '45-54' : '55+';
}

describe('simulate: a candidate that tightens the DSR bands, on a generated book', () => {
  it('swap set, totals and per-segment figures equal an independent computation from per-record decisions', async () => {
    const flips: SimulationFlip[] = [];
    const errors: SimulationRecordError[] = [];
    const result = await runSimulation({
      records: records(),
      baseline: { decide: (r) => baseline.safeDecideBatch(r), assumptions: portfolioAssumptions(baseline.policy) },
      candidate: { decide: (r) => candidate.safeDecideBatch(r), assumptions: portfolioAssumptions(candidate.policy) },
      outcomes,
      chunkSize: 64,
      onFlip: (f) => void flips.push(f),
      onError: (e) => void errors.push(e),
    });
    const s = result.summary;

    // Independent: every record's own decision under each policy (one batch call each, no
    // simulation code involved), figures summed here by hand.
    const own = async (s: Scorer) => (await s.decideBatch(book)).map((r) => (r.ok ? r.decision : expect.unreachable(r.error.message)) as Decision);
    const [bs, cs] = [await own(baseline), await own(candidate)];
    const pairs = book.map((a, i) => ({ a, b: bs[i] as Decision, c: cs[i] as Decision }));

    expect(result.records).toBe(502);
    expect(s.decided).toBe(500);
    expect(errors.map((e) => [e.line, e.arm])).toEqual([
      [501, 'both'],
      [502, 'input'],
    ]);

    const counts: Record<string, number> = {};
    for (const { b, c } of pairs) counts[`${b.outcome}>${c.outcome}`] = (counts[`${b.outcome}>${c.outcome}`] ?? 0) + 1;
    for (const b of ['approve', 'refer', 'decline'] as const) {
      for (const c of ['approve', 'refer', 'decline'] as const) {
        expect(s.swapSet.counts[b][c], `${b} -> ${c}`).toBe(counts[`${b}>${c}`] ?? 0);
        expect(s.swapSet.shares[b][c]).toBeCloseTo((counts[`${b}>${c}`] ?? 0) / 500, 12);
      }
    }
    // The tightening must bite on this book, else the test proves nothing.
    expect(s.flips).toBeGreaterThan(0);
    expect(flips.map((f) => f.applicantId)).toEqual(pairs.filter((p) => p.b.outcome !== p.c.outcome).map((p) => p.a.id));
    // A tighter affordability cap never raises a limit and never turns a decline into an approval.
    expect(s.limitChange.gained).toBe(0);
    expect(s.swapSet.counts.decline.approve).toBe(0);
    expect(s.limitChange.lost).toBe(pairs.filter((p) => p.c.limit < p.b.limit).length);
    expect(s.limitChange.totalLoss).toBe(pairs.reduce((t, p) => t + (p.c.limit - p.b.limit), 0));

    const lgd = baseline.policy.pricing.lgd;
    const figures = (ds: { a: Applicant; d: Decision }[]) => {
      const approved = ds.filter((x) => x.d.outcome === 'approve');
      return {
        decided: ds.length,
        approved: approved.length,
        totalLimit: approved.reduce((t, x) => t + x.d.limit, 0),
        expectedLoss: approved.reduce((t, x) => t + x.d.pd * lgd * x.d.limit * 0.5, 0),
        income: approved.reduce((t, x) => t + x.d.apr * x.d.limit * 0.5 * (1 - x.d.pd), 0),
        meanApr: approved.length === 0 ? null : approved.reduce((t, x) => t + x.d.apr, 0) / approved.length,
      };
    };
    const check = (got: (typeof s.totals)['baseline'], want: ReturnType<typeof figures>, label: string) => {
      expect(got.decided, label).toBe(want.decided);
      expect(got.outcomes.approve, label).toBe(want.approved);
      expect(got.approvalRate, label).toBeCloseTo(want.approved / want.decided, 12);
      expect(got.totalLimit, label).toBe(want.totalLimit);
      expect(Math.abs(got.expectedLoss - want.expectedLoss), label).toBeLessThanOrEqual(1);
      expect(Math.abs(got.expectedInterestIncome - want.income), label).toBeLessThanOrEqual(1);
      if (want.meanApr === null) expect(got.meanApr, label).toBeNull();
      else expect(got.meanApr, label).toBeCloseTo(want.meanApr, 10);
    };
    check(s.totals.baseline, figures(pairs.map((p) => ({ a: p.a, d: p.b }))), 'baseline totals');
    check(s.totals.candidate, figures(pairs.map((p) => ({ a: p.a, d: p.c }))), 'candidate totals');
    expect(s.totals.candidate.totalLimit).toBeLessThan(s.totals.baseline.totalLimit);

    const segmentOf: Record<string, (a: Applicant) => string> = {
      employmentType: (a) => a.employment.type,
      cityTier: (a) => `tier ${a.residence.cityTier}`,
      region: (a) => a.residence.region,
      ageBand: ageBandOf,
      bureauFile: (a) => (a.bureau.hasFile ? 'bureau file' : 'no bureau file'),
      certificates: (a) => (a.evidence.length > 0 ? 'holds certificates' : 'no certificates'),
    };
    for (const [dimension, of] of Object.entries(segmentOf)) {
      const groups = [...new Set(pairs.map((p) => of(p.a)))].sort();
      expect(
        s.segments.filter((x) => x.dimension === dimension).map((x) => x.group),
        dimension,
      ).toEqual(groups);
      for (const g of groups) {
        const inGroup = pairs.filter((p) => of(p.a) === g);
        const row = s.segments.find((x) => x.dimension === dimension && x.group === g)!;
        check(row.baseline, figures(inGroup.map((p) => ({ a: p.a, d: p.b }))), `${dimension}=${g} baseline`);
        check(row.candidate, figures(inGroup.map((p) => ({ a: p.a, d: p.c }))), `${dimension}=${g} candidate`);
      }
    }

    // Backtest: realised default rates by cell equal the generator's labels counted by hand.
    for (const cell of s.backtest!.cells) {
      const inCell = pairs.filter((p) => p.b.outcome === cell.baseline && p.c.outcome === cell.candidate);
      expect(cell.observed).toBe(inCell.length);
      expect(cell.defaults).toBe(inCell.filter((p) => outcomes.get(p.a.id) === true).length);
    }
    // Fairness: the adverse impact ratio is each region's approval rate over the best region's.
    const regions = s.fairness.baseline.find((f) => f.dimension === 'region')!;
    const rate = (g: string) => {
      const inG = pairs.filter((p) => p.a.residence.region === g);
      return inG.filter((p) => p.b.outcome === 'approve').length / inG.length;
    };
    const best = Math.max(...regions.rows.map((r) => rate(r.group)));
    for (const r of regions.rows) {
      expect(r.adverseImpactRatio).toBeCloseTo(rate(r.group) / best, 12);
      expect(r.flagged).toBe(rate(r.group) / best < 0.8);
    }
  });
});
