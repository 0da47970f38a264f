// findings26 F1 on every path: the balance owed on the line counts in affordability, and a balance
// the model reads at its cap (more than 10 times the line) is said, naming platform.currentBalance.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../cli/fakeDecider.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RMB = 100;
const base = exampleFor('new_graduate').applicant as ApplicantInput;
const owing = (currentLimit: number, currentBalance: number, over: Partial<ApplicantInput> = {}): ApplicantInput => ({
  ...structuredClone(base),
  ...over,
  platform: { ...base.platform, currentLimit, currentBalance },
});

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(async () => scorer?.close());

describe('the balance owed on the line, on every path', () => {
  it('decide: 40,000 and 400,000 RMB owed on a 500 RMB line are no raise; the debt is the first reason', async () => {
    for (const owed of [40_000, 400_000]) {
      const d = await scorer.decide(owing(500 * RMB, owed * RMB));
      expect(d).toMatchObject({ outcome: 'decline', limit: 0, lineAction: 'close' });
      expect(d.reasons[0]?.code).toBe('balance_owed_unaffordable');
      expect(d.affordability.checks.find((c) => c.id === 'debt_service')?.pass).toBe(false);
      expect(d.affordability.balanceOwed).toMatchObject({ amount: owed * RMB, aboveLimit: true, utilizationCapped: true });
      expect(d.affordability.balanceOwed?.note.en).toContain('platform.currentBalance');
      expect(d.affordability.balanceOwed?.note.zhHans).toContain('platform.currentBalance');
    }
  });

  it('decide: 17,000 RMB owed on a 15,500 RMB line is tested on the 17,000 owed', async () => {
    const d = await scorer.decide(owing(15_500 * RMB, 17_000 * RMB));
    expect(d.outcome).toBe('approve');
    // The 12-month plan at 8.8% is the dearest repayment: 17,000 x 1.088 / 12 = 1,541.34 RMB a month.
    expect(d.affordability.monthlyPayment).toBe(154_134);
    expect(d.affordability.balanceOwed).toMatchObject({ amount: 17_000 * RMB, aboveLimit: true, utilizationCapped: false });
    expect(d.affordability.pass).toBe(true);
  });

  it('a balance within the line on file is left to the limit, as before: no note, the payment of the limit', async () => {
    const d = await scorer.decide(owing(17_000 * RMB, 17_000 * RMB));
    expect(d).toMatchObject({ outcome: 'approve', limit: 15_500 * RMB, lineAction: 'lower' });
    expect(d.affordability.balanceOwed).toBeUndefined();
    expect(d.affordability.monthlyPayment).toBe(140_534);
  });

  it('reassess: 17,000 RMB owed on a 500 RMB line is tested on 17,000, and the capped reading is said', async () => {
    const d0 = await scorer.decide({ ...structuredClone(base), asOf: '2026-11-01' });
    const r = scorer.requestReduction(d0, 500 * RMB, { asOf: '2026-11-20', currentBalance: 17_000 * RMB });
    const full = await scorer.decide(owing(17_000 * RMB, 0, { asOf: '2026-11-20' }));
    expect(r).toMatchObject({ outcome: 'approve', limit: 500 * RMB, lineAction: 'lower' });
    // Not refused, and what is owed is reported: the payment of 17,000 RMB, not of 500.
    expect(r.affordability.balanceOwed).toMatchObject({ amount: 17_000 * RMB, aboveLimit: true });
    expect(r.affordability.monthlyPayment).toBeGreaterThan(100_000);
    const applicant = owing(500 * RMB, 17_000 * RMB, { asOf: '2026-11-21', controls: { selfSetCap: 500 * RMB } });
    const k = await scorer.reassess(r, { applicant }, { onFile: { line: 500 * RMB, selfSetCap: 500 * RMB, limitHistory: r.limitHistory } });
    expect(k.affordability.monthlyPayment).toBeGreaterThan(100_000);
    expect(k.affordability.balanceOwed).toMatchObject({ amount: 17_000 * RMB, aboveLimit: true, utilizationCapped: true });
    expect(full.affordability.capacity).toBeGreaterThan(0);
  });

  it('requestReduction refuses a currentBalance that is not whole fen, naming it', async () => {
    const d = await scorer.decide(base);
    for (const bad of [-1, 1.5, '17000', null]) {
      expect(() => scorer.requestReduction(d, 500 * RMB, { currentBalance: bad as never })).toThrow(/currentBalance/);
    }
  });

  it('recordReview: a person may not raise a line whose balance owed is unaffordable', async () => {
    const d = await scorer.decide(owing(500 * RMB, 400_000 * RMB, { controls: { humanReview: true } }));
    expect(d.maxGrantable).toBe(0);
    expect(() => scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 15_500 * RMB })).toThrow();
  });

  it('batches and the pool decide it byte for byte as decide does', async () => {
    const applicants = [owing(500 * RMB, 400_000 * RMB), owing(17_000 * RMB, 17_000 * RMB), owing(3_000 * RMB, 1_200 * RMB)];
    const one = await Promise.all(applicants.map((a) => scorer.decide(a)));
    const same = (results: readonly unknown[]) => results.every((r, i) => JSON.stringify((r as { decision?: unknown }).decision) === JSON.stringify(one[i]));
    expect(same(await scorer.decideBatch(applicants))).toBe(true);
    const pool = await createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } });
    try {
      expect(same(await pool.decideBatch(applicants))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('batch reassessment (in process and pooled) and the CLI score it as reassess and decide do', async () => {
    // The tester's chain: a 17,000 RMB line lowered to 500 RMB while 17,000 RMB is owed, then reassessed.
    const d0 = await scorer.decide({ ...structuredClone(base), asOf: '2026-11-01' });
    const r = scorer.requestReduction(d0, 500 * RMB, { asOf: '2026-11-20', currentBalance: 17_000 * RMB });
    const applicant = owing(500 * RMB, 17_000 * RMB, { asOf: '2026-11-21', controls: { selfSetCap: 500 * RMB } });
    const onFile = { line: 500 * RMB, selfSetCap: 500 * RMB, limitHistory: r.limitHistory };
    const single = await scorer.reassess(r, { applicant }, { onFile });
    expect(single.affordability.balanceOwed).toMatchObject({ amount: 17_000 * RMB, aboveLimit: true });
    const items = [{ prior: r, update: { applicant }, onFile }];
    const local = await scorerReassessBatch(scorer)(items);
    expect(JSON.stringify(local)).toBe(JSON.stringify([{ ok: true, index: 0, decision: single }]));
    const pool = await createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } });
    try {
      expect(JSON.stringify(await pool.safeReassessBatch(items))).toBe(JSON.stringify(local));
    } finally {
      await pool.close();
    }
    // The CLI decides on the default scorer: 400,000 RMB owed on a 500 RMB line is no raise there either.
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-owed-'));
    try {
      const book = [owing(500 * RMB, 400_000 * RMB), owing(17_000 * RMB, 17_000 * RMB)];
      writeFileSync(join(dir, 'book.ndjson'), `${book.map((a) => JSON.stringify(a)).join('\n')}\n`);
      const c = captureIo();
      expect(await main(['score', '--in', join(dir, 'book.ndjson'), '--out', join(dir, 'out.ndjson'), '--suggestions', '0'], c.io)).toBe(0);
      const lines = readFileSync(join(dir, 'out.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { decision: unknown });
      expect(lines.map((l) => JSON.stringify(l.decision))).toEqual(await Promise.all(book.map(async (a) => JSON.stringify(await scorer.decide(a)))));
      expect(lines[0]).toMatchObject({ decision: { maxGrantable: 0, affordability: { balanceOwed: { amount: 400_000 * RMB, utilizationCapped: true } } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('law: owing more never gives a higher limit (the model and the policy together)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 500, max: 20_000 }),
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: 0, max: 400_000 }),
        async (line, a, b) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const l = await scorer.decide(owing(line * RMB, less * RMB));
          const m = await scorer.decide(owing(line * RMB, more * RMB));
          expect(m.limit, `${line} RMB line: owing ${more} RMB gave ${m.limit}, owing ${less} RMB ${l.limit}`).toBeLessThanOrEqual(l.limit);
        },
      ),
      { seed: 20261103, numRuns: 25 },
    );
  });

  it('a balance within the limit says nothing: the examples carry no note', async () => {
    const d = await scorer.decide(base);
    expect(d.affordability.balanceOwed).toBeUndefined();
    expect(lineOnFileAfter(d, 10_000)).toBeGreaterThan(0);
  });
});
