import fc from 'fast-check';
import { fakeDecision, resealed } from '../cli/fakeDecider.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextLine } from '../../src/cli/score/splitLines.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel, type LoadedModel } from '../../src/model/loadModel.js';
import { buildMonitorBaseline } from '../../src/monitor/buildMonitorBaseline.js';
import { createMonitorAccumulator, type MonitorObservation } from '../../src/monitor/monitorAccumulator.js';
import type { MonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorApplicants, monitorDecisions } from '../../src/monitor/runMonitor.js';
import type { BookSegments } from '../../src/simulate/bookSegments.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

// A small baseline: the score, two features (one numeric, one categorical) and two factors.
const baseline: MonitorBaseline = {
  format: 'creditlift.monitorBaseline/1',
  modelId: 'm@1',
  source: 'test',
  count: 100,
  score: { kind: 'numeric', edges: [0.02, 0.05, 0.1], shares: [0.25, 0.25, 0.25, 0.25, 0] },
  features: [
    { name: 'income_rmb', kind: 'numeric', edges: [5000, 10000], shares: [0.3, 0.4, 0.3, 0] },
    { name: 'region', kind: 'categorical', categories: ['east', 'west'], shares: [0.5, 0.5, 0] },
  ],
  factors: [
    { factor: 'income', kind: 'numeric', edges: [-0.1, 0.1], shares: [0.3, 0.4, 0.3, 0] },
    { factor: 'stability', kind: 'numeric', edges: [0], shares: [0.5, 0.5, 0] },
  ],
};

const segments = (region: string, ageBand: string): BookSegments => ({
  employmentType: 'salaried',
  cityTier: 'tier1',
  region,
  ageBand,
  bureauFile: 'yes',
  certificates: 'none',
});

// Doubles whose float sums depend on the order they are added in (0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1).
const pdArb = fc.oneof(fc.constantFrom(0.1, 0.2, 0.3, 0.7, 1e-9, 0.123456789), fc.double({ min: 0, max: 1, noNaN: true }));
const observationArb: fc.Arbitrary<MonitorObservation> = fc.record({
  asOf: fc.constantFrom('2026-11-02', '2026-11-20', '2026-12-01'),
  outcome: fc.constantFrom('approve', 'refer', 'decline'),
  limit: fc.integer({ min: 0, max: 20_000_000 }),
  pd: pdArb,
  features: fc.tuple(fc.double({ min: 0, max: 20_000, noNaN: true }), fc.constantFrom(0, 1, Number.NaN)),
  factors: fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })).map(
    ([a, b]) =>
      new Map([
        ['income', a],
        ['stability', b],
      ]),
  ),
  segments: fc.tuple(fc.constantFrom('east', 'west'), fc.constantFrom('18-24', '25-34')).map(([r, a]) => segments(r, a)),
});
const shuffledArb = <T>(items: fc.Arbitrary<T>) =>
  fc
    .array(items, { minLength: 1, maxLength: 40 })
    .chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })));

const reportOf = (xs: readonly MonitorObservation[]) => {
  const acc = createMonitorAccumulator(baseline, { period: 'month', featureNames: ['income_rmb', 'region'] });
  for (const x of xs) acc.add(x);
  return JSON.stringify(acc.finish());
};

describe('monitor figures do not depend on the order of the records', () => {
  it('law: the same observations in any order give a byte-identical summary (mean PD, limits, shares, PSI, flags)', () => {
    fc.assert(
      fc.property(shuffledArb(observationArb), ([xs, shuffled]) => {
        expect(reportOf(shuffled)).toBe(reportOf(xs));
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('the tester’s case: PDs 0.1, 0.2, 0.3 give one mean PD in either order', () => {
    const at = (pd: number): MonitorObservation => ({ asOf: '2026-11-02', outcome: 'refer', limit: 0, pd });
    const mean = (pds: number[]) => JSON.parse(reportOf(pds.map(at))).timeline[0].meanPd as number;
    expect(mean([0.3, 0.2, 0.1])).toBe(mean([0.1, 0.2, 0.3]));
    expect(mean([0.1, 0.2, 0.3])).toBe(0.2);
  });

  it('a limit that is not whole fen is refused naming `limit`, never summed', () => {
    const acc = createMonitorAccumulator(baseline, { period: 'month' });
    let e: unknown;
    try {
      acc.add({ asOf: '2026-11-02', outcome: 'approve', limit: 100.5, pd: 0.1 });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toEqual([expect.objectContaining({ path: ['limit'] })]);
    expect(acc.finish().observations).toBe(0);
  });

  it('a decision line whose limit is not whole fen is that line’s error, not summed into the mean limit', async () => {
    const errs: number[] = [];
    const lines: TextLine[] = [
      { line: 1, text: JSON.stringify(resealed({ ...fakeDecision({ id: 'a', limit: 100 }), asOf: '2026-11-02', limit: 100.5 })), truncated: false },
      { line: 2, text: JSON.stringify(resealed({ ...fakeDecision({ id: 'b', limit: 100 }), asOf: '2026-11-02' })), truncated: false },
    ];
    const r = await monitorDecisions({
      lines: (async function* () {
        yield* lines;
      })(),
      baseline,
      period: 'month',
      onError: (e) => {
        errs.push(e.line);
      },
    });
    expect(errs).toEqual([1]);
    expect(r.summary.timeline[0]?.meanLimit).toBe(100);
  });

  it('law: a decisions file in any order gives the same result, warnings included (decisions from two models)', async () => {
    const decisionArb = fc.record({
      asOf: fc.constantFrom('2026-11-02', '2026-12-01'),
      outcome: fc.constantFrom('approve', 'refer', 'decline'),
      limit: fc.integer({ min: 0, max: 20_000_000 }),
      pd: pdArb,
      audit: fc.record({ modelId: fc.constantFrom('m@1', 'm@2', 'm@3') }),
    });
    const run = async (ds: readonly unknown[]) => {
      const lines: TextLine[] = ds.map((d, i) => ({ line: i + 1, text: JSON.stringify(d), truncated: false }));
      const r = await monitorDecisions({
        lines: (async function* () {
          yield* lines;
        })(),
        baseline,
        period: 'month',
      });
      return JSON.stringify(r);
    };
    await fc.assert(
      fc.asyncProperty(shuffledArb(decisionArb), async ([xs, shuffled]) => {
        expect(await run(shuffled)).toBe(await run(xs));
      }),
      { seed: 20261202, numRuns: 100 },
    );
  });
});

describe('on the default model, end to end', () => {
  let model: LoadedModel;
  beforeAll(async () => {
    model = await loadModel(defaultModelPath());
  });
  afterAll(async () => model?.close());
  // Two months, so the timeline has periods to order too.
  const sample = generatePopulation({ size: 120, seed: 7, asOf: '2026-11-01' }).map((r, i) => ({
    ...r.applicant,
    asOf: i % 2 === 0 ? '2026-11-03' : '2026-12-04',
  }));
  // A fixed shuffle: every 7th, wrapping (7 and 120 are coprime).
  const shuffled = sample.map((_, i) => sample[(i * 7) % sample.length]!);

  it('law: a baseline built from the same applicants in another order is byte-identical', async () => {
    const build = (xs: typeof sample) => buildMonitorBaseline({ model, applicants: xs, source: 'sample' }).then((b) => JSON.stringify(b));
    expect(await build(shuffled)).toBe(await build(sample));
  });

  it('law: monitorApplicants on the same applicants in another order reports byte-identical JSON', async () => {
    const baseline = await buildMonitorBaseline({ model, applicants: sample.slice(0, 60), source: 'first half' });
    const run = async (xs: typeof sample) =>
      JSON.stringify(await monitorApplicants({ records: xs.map((value, i) => ({ line: i + 1, ok: true as const, value })), baseline, period: 'month', model }));
    // Lines are numbered in file order, so only the figures (not which line erred) are compared.
    const a = JSON.parse(await run(sample));
    const b = JSON.parse(await run(shuffled));
    expect(a.errors).toBe(0);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
