import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accumulateDecisionLine } from '../../src/report/accumulateDecisionLine.js';
import { niceTicks } from '../../src/report/charts/niceTicks.js';
import { distribution } from '../../src/report/distribution.js';
import { createReportAccumulator } from '../../src/report/reportData.js';
import { fakeDecision, resealed } from '../cli/fakeDecider.js';

const decisionArb = fc.record({
  id: fc.string({ maxLength: 5 }),
  limit: fc.integer({ min: 0, max: 5_000_000 }),
  outcome: fc.constantFrom('approve', 'refer', 'decline') as fc.Arbitrary<'approve' | 'refer' | 'decline'>,
  pd: fc.double({ min: 0, max: 1, noNaN: true }),
  grade: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
  kinds: fc.array(fc.constantFrom('ielts', 'toefl', 'teacher_qualification'), { maxLength: 2 }),
});

describe('distribution', () => {
  it('law: min <= p10 <= p25 <= median <= p75 <= p90 <= max, and the mean lies within [min, max]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const d = distribution([...xs])!;
        const chain = [d.min, d.p10, d.p25, d.p50, d.p75, d.p90, d.max];
        for (let i = 1; i < chain.length; i++) expect(chain[i]!).toBeGreaterThanOrEqual(chain[i - 1]!);
        expect(d.mean).toBeGreaterThanOrEqual(d.min - 1e-6);
        expect(d.mean).toBeLessThanOrEqual(d.max + 1e-6);
        expect(d.n).toBe(xs.length);
      }),
    );
    expect(distribution([])).toBeUndefined();
    expect(distribution([3, 1, 2])).toMatchObject({ min: 1, p50: 2, max: 3, mean: 2 });
  });
});

describe('niceTicks', () => {
  it('law: ticks rise in equal round steps from at most the minimum to at least the maximum', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), fc.integer({ min: 2, max: 10 }), (max, count) => {
        const t = niceTicks(max, count);
        expect(t[0]).toBe(0);
        expect(t[t.length - 1]!).toBeGreaterThanOrEqual(max);
        expect(t.length).toBeLessThanOrEqual(2 * count + 2);
        const step = t[1]! - t[0]!;
        expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((m: number) => [1, 2, 5].some((k) => Math.abs(m - k) < 1e-9));
      }),
    );
  });
});

describe('report accumulator', () => {
  it('law: the order of the decisions does not change the report', () => {
    fc.assert(
      fc.property(fc.array(decisionArb, { maxLength: 40 }), fc.nat(), (ds, seed) => {
        const a = createReportAccumulator();
        const b = createReportAccumulator();
        const shuffled = [...ds]
          .map((d, i) => ({ d, k: (i * 2654435761 + seed) % 1000 }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.d);
        for (const d of ds) a.addDecision(fakeDecision(d));
        for (const d of shuffled) b.addDecision(fakeDecision(d));
        expect(b.finish()).toEqual(a.finish());
      }),
      { numRuns: 100 },
    );
  });

  it('law: grade counts, outcome counts and limit totals reconcile with the decisions', () => {
    fc.assert(
      fc.property(fc.array(decisionArb, { maxLength: 40 }), (ds) => {
        const acc = createReportAccumulator();
        for (const d of ds) acc.addDecision(fakeDecision(d));
        const r = acc.finish();
        expect(r.decisions).toBe(ds.length);
        expect(r.grades.reduce((s, g) => s + g.count, 0)).toBe(ds.length);
        expect(r.outcomes.approve + r.outcomes.refer + r.outcomes.decline).toBe(ds.length);
        expect(r.bindingConstraints.reduce((s, b) => s + b.count, 0)).toBe(r.outcomes.approve + r.outcomes.refer);
        expect(r.certificates.reduce((s, c) => s + c.count, 0)).toBe(ds.reduce((s, d) => s + d.kinds.length, 0));
        expect(r.limitTotalFen).toBe(ds.reduce((s, d) => s + (d.outcome === 'decline' ? 0 : d.limit), 0));
      }),
      { numRuns: 100 },
    );
  });

  it('reads score output lines, bare decisions and error lines; anything else is counted unreadable, never thrown', () => {
    const acc = createReportAccumulator();
    const d = fakeDecision({ id: 'a', limit: 300_000, kinds: ['ielts'] });
    for (const line of [
      JSON.stringify({ line: 1, decision: d }),
      JSON.stringify(d),
      JSON.stringify({ line: 3, error: { code: 'validation_failed', message: 'x' } }),
      '',
      '{oops',
      'null',
      '{"line":5,"decision":{"outcome":"maybe"}}',
      JSON.stringify({ ...d, certificateImpacts: 'none' }),
    ])
      accumulateDecisionLine(acc, line);
    const r = acc.finish();
    expect([r.decisions, r.rejected, r.unreadable]).toEqual([2, 1, 4]);
    expect(r.errorCodes).toEqual([{ code: 'validation_failed', count: 1 }]);
    expect(r.certificates).toEqual([{ kind: 'ielts', count: 2, meanLimitGainFen: 100_000, totalLimitGainFen: 200_000, meanPdReduction: 0.01 }]);
    expect(r.models).toEqual(['fake@1']);
  });

  // An outside tester: decisions dated '2026-13-45', 'yesterday' and '2026-02-01T00:00:00+08:00'
  // were reported as 11 decisions, 0 unreadable, and the page said "Decision dates:
  // 2026-02-01T00:00:00+08:00 to yesterday" (a string min and max). A Decision's asOf is a
  // calendar date YYYY-MM-DD: a line whose asOf is anything else is not a decision.
  it('a decision line whose asOf is no calendar date YYYY-MM-DD is counted unreadable, and the date range comes from the others', () => {
    const acc = createReportAccumulator();
    const d = fakeDecision({ id: 'a', limit: 300_000 });
    accumulateDecisionLine(acc, JSON.stringify({ line: 1, decision: resealed({ ...d, asOf: '2026-10-30' }) }));
    accumulateDecisionLine(acc, JSON.stringify({ line: 2, decision: resealed({ ...d, asOf: '2026-11-02' }) }));
    for (const asOf of ['2026-13-45', 'yesterday', '2026-02-01T00:00:00+08:00', '2026-02-30', '20261101', '2026-W44-7', 20261101])
      accumulateDecisionLine(acc, JSON.stringify({ line: 3, decision: { ...d, asOf } }));
    const r = acc.finish();
    expect([r.decisions, r.rejected, r.unreadable]).toEqual([2, 0, 7]);
    expect(r.asOf).toEqual({ from: '2026-10-30', to: '2026-11-02' });
  });
});
