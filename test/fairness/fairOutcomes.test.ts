// Fair outcomes by group, as an outside tester's report found them (findings16-fairness F1, F5, F6):
// the four-fifths flag fired on a ratio of exactly 0.8 (17 of 30 against 17 of 24 is 24/30, but
// 0.7999999999999999 in floating point, printed "0.799999999999 below 0.8"); a group of no
// decisions was "approved at 0%" and flagged; tallies no decisions could make were taken; and the
// pages gave no hint that a flag on a group of 9 is a prompt, not a verdict.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairOutcomes, type GroupTally, UNDER_AGE_GROUP } from '../../src/fairness/fairOutcomes.js';
import { fairOutcomesTables } from '../../src/report/fairOutcomesTable.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

const tally = (decided: number, approved: number, limit = 1_000_000): GroupTally => ({ decided, approved, approvedLimit: approved * limit });

describe('fairOutcomes: the four-fifths flag is exact', () => {
  it('17 of 30 against 17 of 24 is a ratio of exactly 0.8: not flagged, printed 0.80 (was 0.7999999999999999, flagged)', () => {
    const f = fairOutcomes(
      'region',
      new Map([
        ['central', tally(30, 17)],
        ['east', tally(24, 17)],
      ]),
    );
    const central = f.rows.find((r) => r.group === 'central')!;
    expect(central.adverseImpactRatio).toBe(0.8);
    expect(central.flagged).toBe(false);
    const html = fairOutcomesTables([f]);
    expect(html).toMatch(/<td>0\.80<\/td>/);
    expect(html).not.toMatch(/below 0\.8/);
    expect(html).not.toMatch(/0\.7999/);
  });

  it('1 of 3 against 5 of 12 (4/5 exactly) is not flagged; 1 of 3 against 5 of 11 is', () => {
    expect(
      fairOutcomes(
        'region',
        new Map([
          ['a', tally(3, 1)],
          ['b', tally(12, 5)],
        ]),
      ).rows[0]!.flagged,
    ).toBe(false);
    expect(
      fairOutcomes(
        'region',
        new Map([
          ['a', tally(3, 1)],
          ['b', tally(11, 5)],
        ]),
      ).rows[0]!.flagged,
    ).toBe(true);
  });

  it('law: a group is flagged iff its exact rational ratio to the best-treated group is below 4/5, and the page prints its ratio on the same side of 0.8', () => {
    const group = fc
      .integer({ min: 1, max: 200 })
      .chain((decided) => fc.record({ decided: fc.constant(decided), approved: fc.integer({ min: 0, max: decided }) }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 6 }), (gs) => {
        const tallies = new Map(gs.map((g, i) => [`g${i}`, tally(g.decided, g.approved)] as const));
        const f = fairOutcomes('region', tallies);
        // The best-treated group by exact comparison of rates (a/d > A/D iff a*D > A*d), first by name on ties.
        let best: { decided: number; approved: number } | undefined;
        for (const g of gs) if (best === undefined || g.approved * best.decided > best.approved * g.decided) best = g;
        for (const [i, g] of gs.entries()) {
          const row = f.rows.find((r) => r.group === `g${i}`)!;
          if (best!.approved === 0) {
            expect(row.flagged).toBe(false);
            expect(row.adverseImpactRatio).toBeNull();
            continue;
          }
          // ratio = (a/d) / (A/D) < 4/5  iff  5 a D < 4 d A (all positive), in exact integers.
          const below = BigInt(5 * g.approved) * BigInt(best!.decided) < BigInt(4 * g.decided) * BigInt(best!.approved);
          expect(row.flagged, `${g.approved}/${g.decided} against ${best!.approved}/${best!.decided}`).toBe(below);
          expect(row.adverseImpactRatio! < 0.8).toBe(below);
        }
        const html = fairOutcomesTables([f]);
        for (const m of html.matchAll(/<td>(\d\.\d+)<\/td>\s*<td( class="flag")?>/g)) expect(Number(m[1]) < 0.8).toBe(m[2] !== undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fairOutcomes: tallies no decisions could make are refused, naming the field', () => {
  const refused = (t: unknown) =>
    validationErrorOf(() =>
      fairOutcomes(
        'region',
        new Map([
          ['east', tally(10, 8)],
          ['ghost', t as GroupTally],
        ]),
      ),
    ).issues;

  it('a group of no decisions has no approval rate: refused at its decided (was approved at 0% and flagged)', () => {
    expect(refused({ decided: 0, approved: 0, approvedLimit: 0 })).toEqual([expect.objectContaining({ path: ['tallies', 'ghost', 'decided'] })]);
  });

  it('approved 0 with an approved limit, a fractional limit, approved above decided, a negative count: each named', () => {
    expect(refused({ decided: 5, approved: 0, approvedLimit: 123 })).toEqual([expect.objectContaining({ path: ['tallies', 'ghost', 'approvedLimit'] })]);
    expect(refused({ decided: 5, approved: 2, approvedLimit: 100.5 })).toEqual([expect.objectContaining({ path: ['tallies', 'ghost', 'approvedLimit'] })]);
    expect(refused({ decided: 5, approved: 6, approvedLimit: 600 })).toEqual([expect.objectContaining({ path: ['tallies', 'ghost', 'approved'] })]);
    expect(refused({ decided: -1, approved: 0, approvedLimit: 0 })).toEqual([expect.objectContaining({ path: ['tallies', 'ghost', 'decided'] })]);
    expect(refused(null)).toEqual([expect.objectContaining({ path: ['tallies', 'ghost'] })]);
  });
});

describe('fairOutcomes: small groups', () => {
  it("a flag shows both groups' counts beside it, and a flag on a group of fewer than 30 decisions says it is a prompt", () => {
    const f = fairOutcomes(
      'region',
      new Map([
        ['northeast', tally(9, 6)],
        ['west', tally(24, 21)],
        ['east', tally(200, 150)],
      ]),
    );
    expect(f.rows.find((r) => r.group === 'northeast')).toMatchObject({ decided: 9, approved: 6, flagged: true });
    const html = fairOutcomesTables([f]);
    expect(html).toMatch(/below 0\.8 \(6 of 9 against 21 of 24\)/);
    expect(html).toMatch(/fewer than 30 decisions[^<]*northeast 9[^<]*prompt to look/);
    const large = fairOutcomesTables([
      fairOutcomes(
        'region',
        new Map([
          ['a', tally(300, 100)],
          ['b', tally(300, 200)],
        ]),
      ),
    ]);
    expect(large).toMatch(/below 0\.8 \(100 of 300 against 200 of 300\)/);
    expect(large).not.toMatch(/fewer than 30/);
  });
});

describe('fairOutcomes: applicants under 18 are set aside in every dimension', () => {
  it('an "under 18" group of region tallies is not compared nor flagged, and named with its count and why', () => {
    const f = fairOutcomes(
      'region',
      new Map([
        ['east', tally(50, 30)],
        ['west', tally(40, 24)],
        [UNDER_AGE_GROUP, tally(36, 0)],
      ]),
    );
    expect(f.rows.map((r) => r.group)).toEqual(['east', 'west']);
    expect(f.notCompared).toEqual([{ group: UNDER_AGE_GROUP, decided: 36, reason: expect.stringMatching(/declined by law/) }]);
    expect(fairOutcomesTables([f])).toMatch(/Not compared: under 18 \(36 decided\): [^<]*declined by law/);
  });
});
