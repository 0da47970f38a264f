// A book of existing customers replayed with each one's ledger (as `score` reads
// {"applicant": ..., "limitHistory": [...]} lines): both arms decide every record with its own,
// so a candidate's step limits are tested as they would run, and the figures equal per-record decisions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation } from '../../src/simulate/runSimulation.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const book = generatePopulation({ size: 60, seed: 23, asOf: '2026-11-01' }).map((r, i) => ({
  ...r.applicant,
  platform: { ...r.applicant.platform, currentLimit: 300_000 + 10_000 * i },
}));
const ledgerOf = (i: number) =>
  i % 2 === 0
    ? [1, 2, 3].map((k) => ({
        asOf: `2026-10-${30 - k}`,
        from: book[i]!.platform.currentLimit - k * 10_000,
        to: book[i]!.platform.currentLimit - (k - 1) * 10_000,
      }))
    : undefined;
const records = (withLedgers: boolean): InputRecord[] =>
  book.map((a, i) => {
    const h = ledgerOf(i);
    return withLedgers && h !== undefined ? { line: i + 1, ok: true, value: a, limitHistory: h } : { line: i + 1, ok: true, value: a };
  });

let baseline: Scorer;
let candidate: Scorer;
beforeAll(async () => {
  [baseline, candidate] = await Promise.all([
    createScorer({ suggestionsPerDecision: 0 }),
    createScorer({ suggestionsPerDecision: 0, policyOverrides: { stepLimits: { windowMaxCount: 5 } } }),
  ]);
});
afterAll(async () => Promise.all([baseline?.close(), candidate?.close()]));

describe('simulate with each customer\u2019s ledger', () => {
  it('both arms get each record\u2019s ledger: the totals equal per-record decisions with it, and differ without', async () => {
    const run = (withLedgers: boolean) =>
      runSimulation({
        records: records(withLedgers),
        baseline: {
          decide: (r, h) => baseline.safeDecideBatch(r, h === undefined ? undefined : { limitHistories: h }),
          assumptions: portfolioAssumptions(baseline.policy),
        },
        candidate: {
          decide: (r, h) => candidate.safeDecideBatch(r, h === undefined ? undefined : { limitHistories: h }),
          assumptions: portfolioAssumptions(candidate.policy),
        },
        chunkSize: 16,
      });
    const [withLedgers, without] = await Promise.all([run(true), run(false)]);
    const total = async (s: Scorer) =>
      (await Promise.all(book.map((a, i) => s.decide(a, { limitHistory: ledgerOf(i) ?? [] })))).reduce(
        (sum, d) => sum + (d.outcome === 'approve' ? d.limit : 0),
        0,
      );
    expect(withLedgers.summary.totals.baseline.totalLimit).toBe(await total(baseline));
    expect(withLedgers.summary.totals.candidate.totalLimit).toBe(await total(candidate));
    expect(without.summary.totals.baseline.totalLimit).not.toBe(withLedgers.summary.totals.baseline.totalLimit);
  });
});
