// Age bands in segments and fair outcomes: an applicant under 18 is never labelled "18-24". Minors
// have a band of their own ("under 18") in the segment tables, and are set aside from the fairness
// comparison, named with their count and why: the law declines them (age_below_minimum; a policy's
// age.min is never below 18), so their approval rate says nothing about how a policy treats a group.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairOutcomes, UNDER_AGE_GROUP, type GroupTally } from '../../src/fairness/fairOutcomes.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { parseMonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import { monitorApplicants } from '../../src/monitor/runMonitor.js';
import { fairOutcomesTables } from '../../src/report/fairOutcomesTable.js';
import { ageBand, bookSegments } from '../../src/simulate/bookSegments.js';
import { ageInYears } from '../../src/policy/ageInYears.js';
import { inTimeZone } from '../../src/testing/_internals/inTimeZone.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';
import type { DecisionFacts } from '../../src/simulate/decisionFacts.js';
import { createSimulationAccumulator } from '../../src/simulate/simulationAccumulator.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const BANDS: readonly (readonly [string, number, number])[] = [
  [UNDER_AGE_GROUP, 0, 17],
  ['18-24', 18, 24],
  ['25-34', 25, 34],
  ['35-44', 35, 44],
  ['45-54', 45, 54],
  ['55+', 55, 200],
];

const facts = (approved: boolean): DecisionFacts => ({
  outcome: approved ? 'approve' : 'decline',
  limit: approved ? 1_000_000 : 0,
  previousLimit: 0,
  lineAction: approved ? 'open' : 'none',
  maxGrantable: approved ? 1_000_000 : 0,
  apr: 0.18,
  pd: 0.03,
  bindingConstraint: approved ? 'risk' : 'knockout',
  comprehensiveCost: approved ? 0.18 : null,
  highestPlanCost: approved ? 0.18 : null,
  arm: null,
});
const segmentsOf = (age: number) => ({
  employmentType: 'salaried',
  cityTier: 'tier 2',
  region: 'east',
  ageBand: ageBand(age),
  bureauFile: 'bureau file',
  certificates: 'no certificates',
});
const assumptions = { lgd: 0.85, utilisation: 0.5 };

describe('age bands', () => {
  it('law: every age falls in exactly the band its range says; no one under 18 is in "18-24"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 130 }), (age) => {
        const holding = BANDS.filter(([, lo, hi]) => age >= lo && age <= hi);
        expect(holding).toHaveLength(1);
        expect(ageBand(age)).toBe(holding[0]![0]);
      }),
      { numRuns: 200 },
    );
  });

  it('a 16-year-old on asOf is "under 18", an 18-year-old on their birthday "18-24"', () => {
    const [row] = generatePopulation({ size: 1, seed: 3, asOf: '2026-11-01' });
    const born = (birthDate: string) =>
      bookSegments(parseApplicant({ ...row!.applicant, birthDate, employment: { ...row!.applicant.employment, startDate: '2026-09-01' } })).ageBand;
    expect(born('2010-06-01')).toBe('under 18');
    expect(born('2008-11-02')).toBe('under 18');
    expect(born('2008-11-01')).toBe('18-24');
  });

  it('law: the age-band segments hold every record once, and fair outcomes compare or set aside every record once', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ age: fc.integer({ min: 10, max: 80 }), b: fc.boolean(), c: fc.boolean() }), { minLength: 1, maxLength: 120 }), (xs) => {
        const acc = createSimulationAccumulator({ baseline: assumptions, candidate: assumptions });
        for (const x of xs) acc.add({ segments: segmentsOf(x.age), baseline: facts(x.b), candidate: facts(x.c) });
        const s = acc.finish();
        const bands = s.segments.filter((g) => g.dimension === 'ageBand');
        expect(bands.reduce((n, g) => n + g.baseline.decided, 0)).toBe(xs.length);
        for (const g of bands) expect(g.baseline.decided).toBe(xs.filter((x) => ageBand(x.age) === g.group).length);
        for (const side of [s.fairness.baseline, s.fairness.candidate]) {
          const age = side.find((f) => f.dimension === 'ageBand')!;
          const compared = age.rows.reduce((n, r) => n + r.decided, 0);
          const setAside = age.notCompared.reduce((n, r) => n + r.decided, 0);
          expect(compared + setAside).toBe(xs.length);
          expect(setAside).toBe(xs.filter((x) => x.age < 18).length);
          expect(age.rows.map((r) => r.group)).not.toContain(UNDER_AGE_GROUP);
          expect(age.bestTreated).not.toBe(UNDER_AGE_GROUP);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('adding declined minors to a book leaves every compared age group unchanged (no false four-fifths flag)', () => {
    const adults = [...Array(40)].map((_, i) => ({ age: 20 + (i % 30), approved: i % 3 !== 0 }));
    const tallies = (xs: readonly { age: number; approved: boolean }[]) => {
      const m = new Map<string, GroupTally>();
      for (const x of xs) {
        const t = m.get(ageBand(x.age)) ?? { decided: 0, approved: 0, approvedLimit: 0 };
        t.decided++;
        if (x.approved) {
          t.approved++;
          t.approvedLimit += 1_000_000;
        }
        m.set(ageBand(x.age), t);
      }
      return m;
    };
    const alone = fairOutcomes('ageBand', tallies(adults));
    const minors = [...Array(40)].map(() => ({ age: 16, approved: false }));
    const withMinors = fairOutcomes('ageBand', tallies([...adults, ...minors]));
    expect(withMinors.rows).toEqual(alone.rows);
    expect(withMinors.bestTreated).toBe(alone.bestTreated);
    expect(withMinors.notCompared).toEqual([{ group: 'under 18', decided: 40, reason: expect.stringMatching(/legal/) }]);
    const html = fairOutcomesTables([withMinors]);
    expect(html).toMatch(/Not compared: under 18 \(40 decided\)/);
    expect(html).not.toMatch(/<td>under 18/);
  });

  it('monitor --applicants: 16-year-olds are "under 18", set aside from the comparison, never counted in "18-24"', async () => {
    const baseline = parseMonitorBaseline(JSON.parse(readFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), 'utf8')));
    const adults = generatePopulation({ size: 60, seed: 8, asOf: '2026-11-01' }).map((r) => r.applicant);
    const minors = adults
      .slice(0, 10)
      .map((a, i) => ({ ...a, id: `minor-${i}`, birthDate: '2010-06-01', employment: { ...a.employment, startDate: '2026-09-01' } }));
    const run = (xs: readonly unknown[]) => monitorApplicants({ records: xs.map((value, i) => ({ line: i + 1, ok: true, value })), baseline, period: 'month' });
    const [alone, mixed] = await Promise.all([run(adults), run([...adults, ...minors])]);
    expect(mixed.errors).toBe(0);
    const age = (r: typeof alone) => r.summary.fairness!.find((f) => f.dimension === 'ageBand')!;
    expect(age(mixed).rows).toEqual(age(alone).rows);
    expect(age(mixed).notCompared).toEqual([expect.objectContaining({ group: 'under 18', decided: 10 })]);
    // Every dimension sets them aside (findings16 F5: 36 minors counted in west's rate raised a false flag).
    for (const dimension of ['region', 'cityTier'] as const) {
      const of = (r: typeof alone) => r.summary.fairness!.find((f) => f.dimension === dimension)!;
      expect(of(mixed).rows, dimension).toEqual(of(alone).rows);
      expect(of(mixed).notCompared).toEqual([{ group: 'under 18', decided: 10, reason: expect.stringMatching(/declined by law/) }]);
    }
  });

  it('simulate: declined minors added to one region leave every compared region and city tier unchanged, set aside with their count', () => {
    const run = (minors: number) => {
      const acc = createSimulationAccumulator({ baseline: assumptions, candidate: assumptions });
      for (let i = 0; i < 40; i++)
        acc.add({ segments: { ...segmentsOf(30), region: i % 2 === 0 ? 'east' : 'west' }, baseline: facts(i % 5 !== 0), candidate: facts(i % 3 !== 0) });
      for (let i = 0; i < minors; i++) acc.add({ segments: { ...segmentsOf(16), region: 'west' }, baseline: facts(false), candidate: facts(false) });
      return acc.finish().fairness;
    };
    const [alone, mixed] = [run(0), run(36)];
    for (const side of ['baseline', 'candidate'] as const)
      for (const dimension of ['region', 'cityTier', 'ageBand'] as const) {
        const of = (f: typeof alone) => f[side].find((x) => x.dimension === dimension)!;
        expect(of(mixed).rows, `${side} ${dimension}`).toEqual(of(alone).rows);
        expect(of(mixed).notCompared).toEqual([{ group: 'under 18', decided: 36, reason: expect.stringMatching(/declined by law/) }]);
      }
  });
});

// bookSegments is public and took any form date-fns' parseISO reads: an outside tester's applicant
// born 2008-11-02 with asOf '2026-11-01T23:00:00-05:00' was "18-24" under UTC and Asia/Shanghai and
// "under 18" under America/New_York, without a word. Dates are calendar dates YYYY-MM-DD only.
describe('bookSegments and ageInYears read calendar dates YYYY-MM-DD only', () => {
  const applicant = parseApplicant(generatePopulation({ size: 1, seed: 5, asOf: '2026-11-01' })[0]!.applicant);
  it('a date-time, basic or week form is refused with a ValidationError naming the field, in every zone', () => {
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
      for (const asOf of ['2026-11-01T23:00:00-05:00', '2026-11-01T00:00:00Z', '20261101', '2026-W44-7', '2026-305']) {
        const e = inTimeZone(zone, () => validationErrorOf(() => bookSegments({ ...applicant, birthDate: '2008-11-02', asOf })));
        expect(
          e.issues.map((i) => i.path.join('.')),
          `${zone} ${asOf}`,
        ).toEqual(['asOf']);
        const f = inTimeZone(zone, () => validationErrorOf(() => ageInYears(asOf, '2026-11-01')));
        expect(
          f.issues.map((i) => i.path.join('.')),
          `${zone} ${asOf}`,
        ).toEqual(['birthDate']);
      }
      expect(inTimeZone(zone, () => bookSegments({ ...applicant, birthDate: '2008-11-02', asOf: '2026-11-01' }).ageBand)).toBe(UNDER_AGE_GROUP);
      expect(inTimeZone(zone, () => bookSegments({ ...applicant, birthDate: '2008-11-01', asOf: '2026-11-01' }).ageBand)).toBe('18-24');
    }
  });
});
